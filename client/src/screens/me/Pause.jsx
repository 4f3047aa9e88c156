import { useEffect, useState } from 'preact/hooks';
import { when } from '../../components/time.js';
import { askForPause, endPause, useApi } from '../../data/store.js';
import { keepFresh } from '../../data/keptFresh.js';
import { waitingFor } from '../../data/waiting.js';
import { writtenOn } from './parts.jsx';
import './me.css';

const LENGTHS = [[10, '10 min'], [20, '20 min'], [30, '30 min'], [60, '1 hour'], [120, '2 hours'],
  [240, '4 hours'], [1440, 'A day']];
const MINUTE = 60 * 1000;
const RUNNING = '/api/pauses/active';
const EARLIER = '/api/pauses?author=me&limit=5';
keepFresh('pauses', [RUNNING, EARLIER]);
const lengthOf = (minutes) => LENGTHS.find(([value]) => value === minutes)?.[1] || `${minutes} min`;

const untilOf = (pause) => new Date(new Date(pause.occurred_at).getTime() + pause.minutes * MINUTE);

/** The time now, again every half minute: a pause over is not shown as running. */
function useMinute() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30 * 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Pauses asked for on this phone and not sent yet, and pauses whose end is not sent yet. */
function waitingPauses(outbox) {
  const writes = waitingFor(outbox, 'pauses');
  const ending = new Set(writes.filter((entry) => entry.method === 'POST')
    .map((entry) => entry.id));
  const asked = writes.filter((entry) => entry.method === 'PUT')
    .map((entry) => ({ ...entry.body, id: entry.id, is_mine: true, waiting: true }))
    .map((pause) => ({ ...pause, until: untilOf(pause).toISOString() }));
  return { asked, ending };
}

/** "I need a pause": for a conversation that floods, with a time to come back. */
export function Pause({ partner, outbox }) {
  const partnerName = partner?.display_name || 'Your partner';
  const running = useApi(RUNNING).data || [];
  const now = useMinute();
  const { asked, ending } = waitingPauses(outbox);
  const active = [...asked, ...running.filter((pause) => !asked.some((a) => a.id === pause.id))]
    .filter((pause) => !ending.has(pause.id) && new Date(pause.until) > now);
  const mine = active.find((pause) => pause.is_mine);
  const theirs = active.find((pause) => !pause.is_mine);
  return (
    <>
      {theirs && (
        <section class="card pause" data-testid="their-pause" aria-labelledby="their-pause-title">
          <h2 id="their-pause-title">{partnerName} asked for a pause</h2>
          <p>Until {when(theirs.until)}. It is not a door closing: they mean to come back.</p>
          {theirs.note && <p>“{theirs.note}”</p>}
        </section>
      )}
      {mine ? <MyPause pause={mine} partnerName={partnerName} /> : <AskForPause partnerName={partnerName} />}
      <EarlierPauses now={now} />
    </>
  );
}

function MyPause({ pause, partnerName }) {
  return (
    <section class="card pause stack" data-testid="my-pause" aria-labelledby="my-pause-title">
      <h2 id="my-pause-title">You are on a pause</h2>
      <p>{lengthOf(pause.minutes)}, until {when(pause.until)}. Breathe, drink some water, step outside if you can.</p>
      {pause.note && <p>Your note: “{pause.note}”</p>}
      <p>{pause.waiting ? `Waiting to sync; ${partnerName} will see it then.`
        : `${partnerName} sees it on Today.`}</p>
      <button type="button" onClick={() => endPause(pause)}>I am ready to come back</button>
    </section>
  );
}

function AskForPause({ partnerName }) {
  const [minutes, setMinutes] = useState(20);
  const [note, setNote] = useState('');
  const ask = (event) => {
    event.preventDefault();
    askForPause(minutes, note.trim() || null);
    setNote('');
  };
  return (
    <form class="card stack" onSubmit={ask} aria-labelledby="ask-pause-title">
      <h2 id="ask-pause-title">I need a pause</h2>
      <p>When a conversation floods, stopping is not running away. Say how long you need, and
        come back when it is over or sooner.</p>
      <fieldset>
        <legend>How long</legend>
        <div class="chips lengths">
          {LENGTHS.map(([value, label]) => (
            <button key={value} type="button" class="chip" aria-pressed={minutes === value}
              onClick={() => setMinutes(value)}>
              {label}
            </button>
          ))}
        </div>
      </fieldset>
      <label>
        A note for {partnerName} (if you want)
        <textarea rows="2" maxLength={500} value={note}
          placeholder="I need some air. I will come back to this."
          onInput={(event) => setNote(event.currentTarget.value)} />
      </label>
      <p class="quiet">{partnerName} will see the pause and your note on Today.</p>
      <button type="submit">Ask for a pause</button>
    </form>
  );
}

function EarlierPauses({ now }) {
  const pauses = (useApi(EARLIER).data?.items || [])
    .filter((pause) => !pause.withdrawn_at
      && (pause.ended_at || new Date(pause.until) <= now));
  if (!pauses.length) return null;
  return (
    <section class="card" aria-labelledby="earlier-pauses-title">
      <h2 id="earlier-pauses-title">Earlier pauses</h2>
      <ul class="plain list" data-testid="earlier-pauses">
        {pauses.map((pause) => (
          <li key={pause.id}>
            {writtenOn(pause.occurred_at)} · {lengthOf(pause.minutes)}
            <span class="quiet">
              {pause.ended_at ? ` · came back at ${when(pause.ended_at)}` : ' · ran its full time'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
