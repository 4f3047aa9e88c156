import { Sections, openSection } from '../components/Sections.jsx';
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
export function Together({ section, ...props }) {
  const open = openSection(section, SECTIONS);
  const [, , Section] = SECTIONS.find(([name]) => name === open);
  return (
    <main class="screen" id="main">
      <h1>Together</h1>
      <Sections tab="together" current={open} items={SECTIONS} label="Parts of Together" />
      <Section {...props} />
    </main>
  );
}
