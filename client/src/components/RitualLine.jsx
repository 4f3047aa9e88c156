import { ACTIVITIES, daysInWords, phoneZone } from '../data/rituals.js';

const ACTIVITY_NAMES = Object.fromEntries(ACTIVITIES);

/** One ritual in a line a tired person can read: what, which days, when (and where, if the
 * ritual keeps another zone than this phone). */
export function RitualLine({ ritual }) {
  const otherZone = ritual.time_zone !== phoneZone();
  return (
    <div class="ritual-line">
      <h3 class="ritual-title">{ritual.title}</h3>
      <p class="quiet">
        {ACTIVITY_NAMES[ritual.activity] || 'Ritual'} · {daysInWords(ritual.weekdays)} at{' '}
        {ritual.local_time.slice(0, 5)}
        {otherZone && ` (${ritual.time_zone.replace(/_/g, ' ')} time)`}
        {ritual.waiting && <> · <span data-testid="waiting">waiting to sync</span></>}
      </p>
    </div>
  );
}
