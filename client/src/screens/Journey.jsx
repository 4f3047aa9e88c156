import { TabWithSections } from '../components/Sections.jsx';
import { Anniversaries } from './journey/Anniversaries.jsx';
import { Progress } from './journey/Progress.jsx';
import { Timeline } from './journey/Timeline.jsx';
import './journey/journey.css';

const SECTIONS = [
  ['progress', 'Progress', Progress],
  ['timeline', 'Timeline', Timeline],
];

/** The long view: the dates that matter, how it has been going, and everything in time order. */
export function Journey(props) {
  return <TabWithSections tab="journey" title="Journey" items={SECTIONS}
    lead={<Anniversaries {...props} />} {...props} />;
}
