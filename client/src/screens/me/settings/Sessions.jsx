import { useState } from 'preact/hooks';
import { when } from '../../../components/time.js';
import { endOtherSessions, endSession, explain } from '../../../data/settings.js';
import { refreshAll, useApi } from '../../../data/store.js';

/** Where I am signed in: this phone marked; end any other, or all others at once. Ending is
 * sent at once (never queued), so "signed out" is only said when it is true. Signing out of this
 * phone is on Settings' first page. */
export function Sessions() {
  const answer = useApi('/api/sessions');
  const [ended, setEnded] = useState([]);
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState('');
  const sessions = (answer.data || []).filter((session) => !ended.includes(session.id));
  const others = sessions.filter((session) => !session.current);

  const end = (work, ids, message) => {
    setProblem('');
    setDone('');
    work().then(() => {
      setEnded([...ended, ...ids]);
      setDone(message);
      refreshAll();
    }, (failure) => setProblem(explain(failure)));
  };
  return (
    <section class="card stack" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where I am signed in</h2>
      {answer.data === undefined && !answer.offline && <p class="quiet">Loading…</p>}
      <ul class="plain list settings-list" data-testid="sessions">
        {sessions.map((session) => (
          <li key={session.id} class="with-button">
            <div>
              <strong>{session.device_label}</strong>
              {session.current && <span class="this-phone"> This phone</span>}
              <p class="quiet">
                Signed in {when(session.created_at)} · last active {when(session.last_seen_at)}
              </p>
            </div>
            {!session.current && (
              <button type="button" class="secondary" onClick={() =>
                end(() => endSession(session.id), [session.id], `${session.device_label} is signed out.`)}>
                Sign out<span class="visually-hidden"> {session.device_label}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {answer.offline && (
        <p class="quiet">As last seen on this phone. Signing a device out needs a connection.</p>
      )}
      {done && <p class="noticed" role="status">{done}</p>}
      {problem && <p class="problem-text" role="alert">{problem}</p>}
      {others.length > 0 && (
        <button type="button" class="secondary" onClick={() => end(() => endOtherSessions(sessions),
          others.map((session) => session.id), 'Every other device is signed out.')}>
          Sign out everywhere else
        </button>
      )}
    </section>
  );
}
