import { TabWithSections } from '../components/Sections.jsx';
import { Path } from './path/Path.jsx';
import { Anniversaries } from './journey/Anniversaries.jsx';
import { AnsweredQuestions } from './journey/AnsweredQuestions.jsx';
import { Progress } from './journey/Progress.jsx';
import { Timeline } from './journey/Timeline.jsx';
import './journey/journey.css';

const SECTIONS = [
  ['progress', 'Progress', Progress],
  ['timeline', 'Timeline', Timeline],
  ['path', 'The path', Path],
  ['questions', 'Our questions', AnsweredQuestions],
];

/** The long view: the dates that matter, how it has been going, everything in time order, the
 * path of the seven parts, and the questions for today we answered. */
export function Journey(props) {
  return <TabWithSections tab="journey" title="Journey" items={SECTIONS}
    lead={<Anniversaries {...props} />} {...props} />;
}
