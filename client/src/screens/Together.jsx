import { TabWithSections } from '../components/Sections.jsx';
import { Agreements } from './together/Agreements.jsx';
import { Experiences } from './together/Experiences.jsx';
import { Ideas } from './together/Ideas.jsx';
import { Rituals } from './together/Rituals.jsx';

const SECTIONS = [
  ['agreements', 'Agreements', Agreements],
  ['rituals', 'Rituals', Rituals],
  ['experiences', 'Time together', Experiences],
  ['ideas', 'Ideas', Ideas],
];

/** What the two of you build together: agreements, rituals, shared time and ideas for it. */
export function Together(props) {
  return <TabWithSections tab="together" title="Together" items={SECTIONS} {...props} />;
}
