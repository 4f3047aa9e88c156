import { Sections, openSection } from '../components/Sections.jsx';
import { Anniversaries } from './journey/Anniversaries.jsx';
import { Progress } from './journey/Progress.jsx';
import { Timeline } from './journey/Timeline.jsx';
import './journey/journey.css';

const SECTIONS = [
  ['progress', 'Progress', Progress],
  ['timeline', 'Timeline', Timeline],
];

/** The long view: the dates that matter, how it has been going, and everything in time order. */
export function Journey({ section, ...props }) {
  const open = openSection(section, SECTIONS);
  const [, , Section] = SECTIONS.find(([name]) => name === open);
  return (
    <main class="screen journey" id="main">
      <h1>Journey</h1>
      <Anniversaries {...props} />
      <Sections tab="journey" current={open} items={SECTIONS} label="Parts of Journey" />
      <Section {...props} />
    </main>
  );
}
