import { useState } from 'preact/hooks';
import { ACTIVITIES, WEEKDAYS, knownZones, phoneZone, proposeRitual } from '../../data/rituals.js';

const EVERY_DAY = WEEKDAYS.map(([day]) => day);

/** Suggest a ritual: it starts once the partner says yes. The time zone is this phone's unless
 * the person picks another (a couple living apart agrees on one clock). */
export function RitualForm({ partnerName }) {
  const [title, setTitle] = useState('');
  const [days, setDays] = useState(EVERY_DAY);
  const [zone, setZone] = useState(phoneZone);
  const [said, setSaid] = useState('');

  const toggle = (day) => setDays((now) =>
    now.includes(day) ? now.filter((d) => d !== day) : [...now, day].sort());

  function suggest(event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (!title.trim()) return setSaid('Give it a name first.');
    if (!days.length) return setSaid('Choose at least one day.');
    proposeRitual({
      title: title.trim(),
      activity: form.get('activity'),
      weekdays: days,
      local_time: form.get('local_time'),
      time_zone: form.get('time_zone'),
    });
    setTitle('');
    setDays(EVERY_DAY);
    setSaid(`Suggested. It starts when ${partnerName} says yes.`);
  }

  return (
    <form class="card stack" onSubmit={suggest} aria-labelledby="new-ritual-title">
      <h2 id="new-ritual-title">Suggest a ritual</h2>
      <label>
        What is it?
        <input name="title" value={title} maxLength={200} placeholder="Evening check-in"
          onInput={(event) => setTitle(event.currentTarget.value)} />
      </label>
      <label>
        What kind
        <select name="activity">
          {ACTIVITIES.map(([value, words]) => <option key={value} value={value}>{words}</option>)}
        </select>
      </label>
      <fieldset>
        <legend>On which days</legend>
        <div class="chips">
          {WEEKDAYS.map(([day, short, long]) => (
            <button key={day} type="button" class="chip" aria-pressed={days.includes(day)}
              onClick={() => toggle(day)}>
              {short}<span class="visually-hidden">{long.slice(short.length)}</span>
            </button>
          ))}
        </div>
      </fieldset>
      <div class="row ritual-when">
        <label>
          At what time
          <input name="local_time" type="time" required defaultValue="21:00" />
        </label>
        <label class="grow">
          Time zone
          <select name="time_zone" value={zone}
            onChange={(event) => setZone(event.currentTarget.value)}>
            {knownZones().map((name) => (
              <option key={name} value={name}>{name.replace(/_/g, ' ')}</option>
            ))}
          </select>
        </label>
      </div>
      <button type="submit">Suggest it</button>
      {said && <p role="status">{said}</p>}
    </form>
  );
}
