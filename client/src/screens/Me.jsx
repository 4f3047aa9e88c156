import { TabWithSections } from '../components/Sections.jsx';
import { Journal } from './me/Journal.jsx';
import { Pause } from './me/Pause.jsx';
import { Settings } from './me/Settings.jsx';
import { Setbacks } from './me/Setbacks.jsx';
import { SupportSection } from './me/SupportSection.jsx';

const SECTIONS = [
  ['journal', 'Journal', Journal],
  ['setbacks', 'Setbacks', Setbacks],
  ['pause', 'Pause', Pause],
  ['support', 'Support', SupportSection],
  ['settings', 'Settings', Settings],
];

/** What is mine alone: the private journal, my setbacks, my pause, support, my settings. */
export function Me(props) {
  return <TabWithSections tab="me" title="Me" items={SECTIONS} {...props} />;
}
