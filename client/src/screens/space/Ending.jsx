import { Support } from '../../components/Support.jsx';
import { useApi } from '../../data/store.js';
import { go } from '../../router.js';

const spelledOut = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long',
  year: 'numeric' });

/** A link that opens a part of Me (the address changes in place; no history entry). */
function MeLink({ section, children }) {
  return (
    <a class="button-link secondary" href={`/me/${section}`} onClick={(event) => {
      event.preventDefault();
      go('me', section);
    }}>
      {children}
    </a>
  );
}

/** The shared space has ended: what ended and when, what stays, what is gone, where to find
 * support, and the choices from here. Said without blaming either person: it does not say who
 * ended it — either of them may, alone, and that is a valid outcome. */
export function Ending() {
  const history = useApi('/api/space/history');
  const ended = history.data?.[0];
  return (
    <>
      <section class="card stack" aria-labelledby="ended-title">
        <h2 id="ended-title">Your shared space has ended</h2>
        <p>{ended ? `It ended on ${spelledOut.format(new Date(ended.ended_at))}. ` : ''}Some
          couples rebuild; others find the foundation was too damaged. Both are real outcomes,
          and there is no blame in this app for either.</p>
      </section>
      <section class="card stack" aria-labelledby="keep-title">
        <h2 id="keep-title">What you keep</h2>
        <ul class="consequences">
          <li>Your private journal, as it was: only you can read it.</li>
          <li>What you wrote in the space (check-ins, actions, questions, setbacks), to read but
            no longer change.</li>
          <li>Agreements you both said yes to, as you lived by them.</li>
          <li>Your account, your settings, and your data to download whenever you want.</li>
        </ul>
        <h2 id="gone-title">What is gone</h2>
        <ul class="consequences">
          <li>Your former partner's words are no longer shown to you, and yours are no longer
            shown to them.</li>
          <li>Shared rituals no longer remind either of you.</li>
        </ul>
      </section>
      <Support />
      <section class="card stack" aria-labelledby="choices-title">
        <h2 id="choices-title">Where you can go from here</h2>
        <p class="quiet">There is no hurry. Everything here waits for you.</p>
        <MeLink section="history">Read what I kept</MeLink>
        <MeLink section="journal">Write in my journal</MeLink>
        <MeLink section="settings">Download my data or delete my account</MeLink>
        <button type="button" class="secondary" onClick={() =>
          document.getElementById('begin-again')?.scrollIntoView()}>
          Start or join a new space
        </button>
      </section>
    </>
  );
}
