import { useState } from 'preact/hooks';
import { checkIn } from '../data/store.js';

// The server's list (GET /api/checkins/vocabulary) is used when known; this one only the very
// first time the phone is offline.
export const FEELINGS = ['anger', 'grief', 'confusion', 'fear', 'numbness', 'shame', 'hope', 'calm',
  'gratitude', 'love', 'sadness', 'anxiety', 'loneliness', 'relief', 'jealousy', 'overwhelm',
  'tenderness', 'betrayal', 'guilt', 'exhaustion'];
const FIRST_SHOWN = 8;
const MEASURES = [['trust', 'Trust'], ['safety', 'Safety'], ['connection', 'Connection']];

/** Quick check-in: tap a feeling, tap Save (two taps). More is there for who wants it. */
export function CheckinForm({ feelings = FEELINGS, partnerName }) {
  const [chosen, setChosen] = useState([]);
  const [measures, setMeasures] = useState({});
  const [allFeelings, setAllFeelings] = useState(false);
  const [more, setMore] = useState(false);
  const [saved, setSaved] = useState('');

  const toggle = (feeling) => setChosen((now) =>
    now.includes(feeling) ? now.filter((f) => f !== feeling) : [...now, feeling]);
  // "Saved." belongs to the check-in that was saved: it goes when the form is used again.
  const using = () => saved && setSaved('');

  function save(event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const notes = {
      want_you_to_know: (form.get('want_you_to_know') || '').trim() || null,
      need_from_you: (form.get('need_from_you') || '').trim() || null,
    };
    if (!chosen.length && !Object.keys(measures).length && !notes.want_you_to_know
      && !notes.need_from_you) {
      setSaved('Name a feeling, a measure or a note first.');
      return;
    }
    checkIn({ feelings: chosen, ...measures, ...notes });
    event.currentTarget.reset();
    setChosen([]);
    setMeasures({});
    setMore(false);
    setSaved(`Saved. ${partnerName || 'Your partner'} will see it.`);
  }

  const empty = !chosen.length && !Object.keys(measures).length && !more;
  const shown = allFeelings ? feelings : feelings.slice(0, FIRST_SHOWN);
  return (
    <form class="card stack checkin" onSubmit={save} aria-labelledby="checkin-title"
      onInput={using} onClick={(event) => event.target.closest('button:not([type=submit])') && using()}>
      <h2 id="checkin-title">How are you, right now?</h2>
      <fieldset>
        <legend class="quiet">Any feelings that fit — all of them are allowed</legend>
        <div class="chips">
          {shown.map((feeling) => (
            <button key={feeling} type="button" class="chip" aria-pressed={chosen.includes(feeling)}
              onClick={() => toggle(feeling)}>
              {feeling}
            </button>
          ))}
          {!allFeelings && (
            <button type="button" class="chip more" onClick={() => setAllFeelings(true)}>
              more…
            </button>
          )}
        </div>
      </fieldset>
      {more ? (
        <>
          {MEASURES.map(([name, label]) => (
            <Measure key={name} name={name} label={label} value={measures[name]}
              onChange={(value) => setMeasures({ ...measures, [name]: value })} />
          ))}
          <label>
            What I want you to know
            <textarea name="want_you_to_know" rows="2" maxLength={4000} />
          </label>
          <label>
            What I need from you
            <textarea name="need_from_you" rows="2" maxLength={4000} />
          </label>
        </>
      ) : (
        <button type="button" class="link" onClick={() => setMore(true)}>
          Add trust, safety, connection or a note
        </button>
      )}
      <button type="submit" disabled={empty}>Save check-in</button>
      <p class="quiet" role="status">{saved}</p>
    </form>
  );
}

/** One 0–10 measure. Honest: until the person moves it, it is "not set" (to a screen reader
 * too), not a 5 that would be saved as if chosen; the thumb waits in the middle, marked unset. */
function Measure({ name, label, value, onChange }) {
  const id = `measure-${name}`;
  const set = value != null;
  return (
    <div class={`measure${set ? '' : ' unset'}`}>
      <label for={id}>{label}</label>
      <output for={id} aria-hidden="true">{set ? `${value} of 10` : 'not set'}</output>
      <input id={id} type="range" min="0" max="10" step="1" value={value ?? 5}
        aria-valuetext={set ? `${value} of 10` : 'not set'}
        onInput={(event) => onChange(Number(event.currentTarget.value))} />
    </div>
  );
}
