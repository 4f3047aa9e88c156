import { useState } from 'preact/hooks';
import { CheckinForm, FEELINGS } from '../components/CheckinForm.jsx';
import { DueRituals } from '../components/DueRituals.jsx';
import { go } from '../router.js';
import { KeptThisWeek } from '../components/KeptThisWeek.jsx';
import { DailyQuestion } from './today/DailyQuestion.jsx';
import { WhereWeStand } from './today/WhereWeStand.jsx';
import { timeOf, today, when } from '../components/time.js';
import { withWaitingRitualWrites } from '../data/rituals.js';
import { acknowledge, askForPause, endPause, logAction, pendingWrites, useApi }
  from '../data/store.js';

// The partner's newest action in sight; the rest of the five fetched wait behind "Show all",
// so Today stays within three phone heights (client/DESIGN.md).
const LATEST_SHOWN = 1;

/** The everyday screen: check in, log an action, see and notice the partner's, pauses, rituals. */
export function Today({ me, partner, outbox }) {
  const partnerName = partner?.display_name || 'Your partner';
  const vocabulary = useApi('/api/checkins/vocabulary').data;
  const pauses = useApi('/api/pauses/active').data || [];
  const theirPause = pauses.find((pause) => !pause.is_mine);
  const myPause = pauses.find((pause) => pause.is_mine);

  return (
    <main class="screen today" id="main">
      <h1>Today</h1>
      <p class="quiet date">{today()}</p>
      <WhereWeStand me={me} partnerName={partnerName} />
      {theirPause && (
        <section class="card pause" data-testid="partner-pause" aria-label="Pause">
          <h2>{partnerName} asked for a pause</h2>
          <p>
            Until {timeOf(theirPause.until)}. Take a breath; you can come back to it then.
            {theirPause.note && <> “{theirPause.note}”</>}
          </p>
        </section>
      )}
      <DailyQuestion partnerName={partnerName} outbox={outbox} />
      <p><a class="tap-link" href="/journey/path" onClick={(event) => {
        event.preventDefault();
        go('journey', 'path');
      }}>The path: the seven parts of the work</a></p>
      <CheckinForm feelings={vocabulary?.feelings || FEELINGS} partnerName={partnerName} />
      <MyLatestCheckin partnerName={partnerName} outbox={outbox} />
      <PartnerCheckin me={me} partnerName={partnerName} outbox={outbox} />
      <Actions me={me} partnerName={partnerName} outbox={outbox} />
      <Rituals me={me} partnerName={partnerName} outbox={outbox} />
      <section class="card" aria-label="Ask for a pause">
        {myPause ? (
          <>
            <p>You asked for a pause until {timeOf(myPause.until)}.</p>
            <button type="button" class="secondary" onClick={() => endPause(myPause)}>
              I am ready to come back
            </button>
          </>
        ) : (
          <>
            <p class="quiet">When a conversation floods, it is fine to stop and come back.</p>
            <button type="button" class="secondary" onClick={() => askForPause(20, null)}>
              I need a 20-minute pause
            </button>
          </>
        )}
      </section>
    </main>
  );
}

function Feelings({ checkin }) {
  const measures = ['trust', 'safety', 'connection'].filter((name) => checkin[name] != null);
  return (
    <>
      {checkin.feelings?.length > 0 && <p class="feelings">{checkin.feelings.join(' · ')}</p>}
      {measures.length > 0 && (
        <p class="measures">{measures.map((name) => `${name} ${checkin[name]}/10`).join(', ')}</p>
      )}
      {checkin.want_you_to_know && <p><strong>I want you to know:</strong> {checkin.want_you_to_know}</p>}
      {checkin.need_from_you && <p><strong>I need from you:</strong> {checkin.need_from_you}</p>}
    </>
  );
}

function MyLatestCheckin({ partnerName, outbox }) {
  const latest = useApi('/api/checkins?author=me&limit=1').data?.items?.[0];
  const pending = pendingWrites(outbox, 'checkins').at(-1);
  const shown = pending ? pending.body : latest;
  if (!shown) return null;
  const noticed = !pending && latest.acknowledgements?.length > 0;
  return (
    // My own words are mine already: folded behind a summary that says when, and whether the
    // partner noticed; the partner's check-in stays open below.
    <details class="card more" data-testid="my-checkin">
      <summary>
        <span>My last check-in <span class="quiet">{when(shown.occurred_at)}</span>
          {pending && <span class="quiet"> · waiting to sync</span>}
          {noticed && <span class="noticed"> · ✓ {partnerName} noticed this</span>}</span>
      </summary>
      <Feelings checkin={shown} />
    </details>
  );
}

function NoticeButton({ me, collection, record, outbox }) {
  const [tapped, setTapped] = useState(false);
  const url = `/api/${collection}/${record.id}/acknowledgement`;
  const done = tapped || record.acknowledgements?.some((ack) => ack.author_id === me.id)
    || outbox.some((entry) => entry.url === url);
  if (done) return <p class="noticed">✓ You noticed this</p>;
  return (
    <button type="button" class="secondary" onClick={() => {
      setTapped(true);
      acknowledge(collection, record);
    }}>
      I noticed
    </button>
  );
}

function PartnerCheckin({ me, partnerName, outbox }) {
  const latest = useApi('/api/checkins?author=partner&limit=1').data?.items?.[0];
  return (
    <section class="card" data-testid="partner-checkin" aria-labelledby="partner-title">
      <h2 id="partner-title">
        {partnerName}’s last check-in {latest && <span class="quiet">{when(latest.occurred_at)}</span>}
      </h2>
      {latest ? (
        <>
          <Feelings checkin={latest} />
          <NoticeButton me={me} collection="checkins" record={latest} outbox={outbox} />
        </>
      ) : (
        <p class="quiet">Nothing yet.</p>
      )}
    </section>
  );
}

function Actions({ me, partnerName, outbox }) {
  const theirs = useApi('/api/actions?author=partner&limit=5').data?.items || [];
  const mine = useApi('/api/actions?author=me&limit=3').data?.items || [];
  const pending = pendingWrites(outbox, 'actions').map((entry) => entry.body);
  const [what, setWhat] = useState('');
  const log = (event) => {
    event.preventDefault();
    if (!what.trim()) return;
    logAction(what.trim());
    setWhat('');
  };
  return (
    <section class="card" aria-labelledby="actions-title">
      <h2 id="actions-title">Small consistent actions</h2>
      <KeptThisWeek partnerName={partnerName} />
      <form class="inline" onSubmit={log}>
        <label class="grow">
          <span class="visually-hidden">Something I did today</span>
          <input value={what} onInput={(event) => setWhat(event.currentTarget.value)}
            placeholder="Something I did today" maxLength={500} />
        </label>
        <button type="submit" disabled={!what.trim()}>Log it</button>
      </form>
      <ul class="plain list" data-testid="my-actions">
        {pending.map((action) => (
          <li key={action.occurred_at + action.what}>{action.what} <span class="quiet">· waiting to sync</span></li>
        ))}
        {mine.map((action) => (
          <li key={action.id}>
            {action.what} <span class="quiet">· {when(action.occurred_at)}</span>
            {action.acknowledgements?.length > 0 && <span class="noticed"> · ✓ {partnerName} noticed</span>}
          </li>
        ))}
      </ul>
      <h3>{partnerName}’s</h3>
      {theirs.length ? (
        <>
          <PartnerActionList actions={theirs.slice(0, LATEST_SHOWN)} me={me} outbox={outbox}
            testId="partner-actions" />
          {theirs.length > LATEST_SHOWN && (
            <details class="more">
              <summary>Show all {theirs.length} of {partnerName}’s latest</summary>
              <PartnerActionList actions={theirs.slice(LATEST_SHOWN)} me={me} outbox={outbox}
                testId="partner-actions-earlier" />
            </details>
          )}
        </>
      ) : (
        <p class="quiet">Nothing yet.</p>
      )}
    </section>
  );
}

function PartnerActionList({ actions, me, outbox, testId }) {
  return (
    <ul class="plain list" data-testid={testId}>
      {actions.map((action) => (
        <li key={action.id} class="with-button">
          <span>{action.what} <span class="quiet">· {when(action.occurred_at)}</span></span>
          <NoticeButton me={me} collection="actions" record={action} outbox={outbox} />
        </li>
      ))}
    </ul>
  );
}

function Rituals({ me, partnerName, outbox }) {
  const rituals = useApi('/api/rituals?limit=100').data?.items || [];
  return <DueRituals rituals={withWaitingRitualWrites(rituals, outbox)} me={me}
    partnerName={partnerName} heading="Today’s rituals" testId="today-rituals" />;
}
