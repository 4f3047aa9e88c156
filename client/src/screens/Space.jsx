import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, Offline, get, send } from '../data/api.js';
import { go } from '../router.js';
import { Ending } from './space/Ending.jsx';

const ROLES = [
  ['unstated', 'I would rather not say'],
  ['healing', 'I was hurt, and I am healing'],
  ['rebuilding', 'I broke the trust, and I am rebuilding it'],
];

function explain(failure) {
  if (failure instanceof Offline) return 'You are offline. This step needs a connection.';
  if (failure instanceof ApiFailure) return failure.message;
  return 'Something went wrong. Please try again.';
}

/** Home outside a shared space: before the two of you are paired (make a space and share its
 * code, or join with a code), while waiting for the partner, and after a space has ended. Never
 * the only door: the tab bar's Me holds the journal, support and settings in every state. */
export function Space({ me, onPaired }) {
  const [space, setSpace] = useState(null);
  const [problem, setProblem] = useState('');
  const [copied, setCopied] = useState(false);
  const waiting = me.space?.status === 'waiting';

  async function check() {
    try {
      const current = await get('/api/space');
      setSpace(current);
      if (current.status === 'paired') onPaired();
    } catch (failure) {
      if (!(failure instanceof ApiFailure && failure.status === 404)) setProblem(explain(failure));
    }
  }

  useEffect(() => {
    if (!waiting) return undefined;
    check();
    const again = () => document.visibilityState === 'visible' && check();
    document.addEventListener('visibilitychange', again);
    const timer = setInterval(check, 10000);
    return () => {
      document.removeEventListener('visibilitychange', again);
      clearInterval(timer);
    };
  }, [waiting]);

  async function act(work) {
    setProblem('');
    try {
      await work();
    } catch (failure) {
      setProblem(explain(failure));
    }
  }

  const create = (event) => {
    event.preventDefault();
    const role = new FormData(event.currentTarget).get('role');
    act(async () => {
      setSpace(await send('POST', '/api/space', { role }));
      onPaired();
    });
  };
  const join = (event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    act(async () => {
      await send('POST', '/api/space/join', { code: form.get('code').trim().toUpperCase(),
        role: form.get('role') });
      onPaired();
    });
  };
  const code = space?.invite?.code;
  const share = () => act(async () => {
    const text = `Join me in Kintsugi with this code: ${code}`;
    if (navigator.share) {
      await navigator.share({ title: 'Kintsugi', text, url: location.origin }).catch(() => {});
    } else {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    }
  });

  if (waiting) {
    return (
      <main class="screen" id="main">
        <h1>Your space is ready</h1>
        <p>Give this code to your partner. It works once, for 48 hours.</p>
        <p class="invite-code" data-testid="invite-code" aria-label="Invite code">{code || '…'}</p>
        <div class="actions">
          <button type="button" onClick={share} disabled={!code}>
            {navigator.share ? 'Share the code' : copied ? 'Copied' : 'Copy the code'}
          </button>
          <button type="button" class="secondary"
            onClick={() => act(async () => setSpace(await send('POST', '/api/space/invite')))}>
            Make a new code
          </button>
        </div>
        <p class="quiet">This page moves on by itself when your partner has joined.</p>
        {problem && <p class="problem-text" role="alert">{problem}</p>}
        <MeMeanwhile />
      </main>
    );
  }

  const ended = me.space?.status === 'ended';
  const roleField = (
    <label>
      How you come to this (optional; your partner sees it)
      <select name="role">
        {ROLES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
    </label>
  );
  return (
    <main class="screen" id="main">
      <h1>Hello, {me.display_name}</h1>
      {ended ? <Ending /> : <MeMeanwhile />}
      <h2 id="begin-again" class="begin-again">{ended ? 'Begin again, if and when you want'
        : 'Share a space with your partner'}</h2>
      <p>Kintsugi is for two. One of you makes a space, the other joins it with a code.</p>
      <form class="card stack" onSubmit={join}>
        <h2>My partner gave me a code</h2>
        <label>
          Invite code
          <input name="code" placeholder="ABCD-EFGH" autocomplete="off" autocapitalize="characters"
            required pattern="[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}" />
        </label>
        {roleField}
        <button type="submit">Join</button>
      </form>
      <form class="card stack" onSubmit={create}>
        <h2>I am the first of us</h2>
        {roleField}
        <button type="submit">Create our space</button>
      </form>
      {problem && <p class="problem-text" role="alert">{problem}</p>}
    </main>
  );
}

/** Whatever the space's state, what is mine alone is one tap away. */
function MeMeanwhile() {
  return (
    <section class="card stack" aria-label="Yours, paired or not">
      <p>Your private journal, support and your settings are in Me, paired or not.</p>
      <a class="button-link" href="/me/journal" onClick={(event) => {
        event.preventDefault();
        go('me', 'journal');
      }}>Open my journal</a>
    </section>
  );
}
