import { TabWithSections } from '../components/Sections.jsx';
import { useApi } from '../data/store.js';
import { History } from './me/History.jsx';
import { Journal } from './me/Journal.jsx';
import { Pause } from './me/Pause.jsx';
import { Settings } from './me/Settings.jsx';
import { Setbacks } from './me/Setbacks.jsx';
import { SupportSection } from './me/SupportSection.jsx';

const JOURNAL = ['journal', 'Journal', Journal];
const SETBACKS = ['setbacks', 'Setbacks', Setbacks];
const PAUSE = ['pause', 'Pause', Pause];
const SUPPORT = ['support', 'Support', SupportSection];
const HISTORY = ['history', 'Ended', History];
const SETTINGS = ['settings', 'Settings', Settings];

/** What is mine alone, whatever the state of the shared space: the private journal, my
 * setbacks, my pause (asked of a partner, so only while paired), support, what I kept of spaces
 * that ended (once one has), my settings. */
export function Me(props) {
  const paired = props.me.space?.status === 'paired';
  const ended = useApi('/api/space/history').data?.length > 0
    || props.me.space?.status === 'ended';
  const items = [JOURNAL, SETBACKS, paired && PAUSE, SUPPORT, ended && HISTORY, SETTINGS]
    .filter(Boolean);
  return <TabWithSections tab="me" title="Me" items={items} paired={paired} {...props} />;
}
