import { useEffect, useState } from 'preact/hooks';
import { LazyScreen } from './components/LazyScreen.jsx';
import { QuickExit } from './components/QuickExit.jsx';
import { SyncStatus, useOutbox } from './components/SyncStatus.jsx';
import { TabBar } from './components/TabBar.jsx';
import { idleMinutes, lockSettings, touch } from './data/lock.js';
import { flush } from './data/outbox.js';
import { resendSubscription } from './data/push.js';
import { lastKnownMe, leftTheSpace, refreshAll, signOutAndWipe, useApi, whoAmI } from './data/store.js';
import { useRoute } from './router.js';
import { Auth } from './screens/Auth.jsx';
import { Lock } from './screens/Lock.jsx';
import { Space } from './screens/Space.jsx';
import { Today } from './screens/Today.jsx';
import { Welcome } from './screens/Welcome.jsx';

/** Who is here decides the screen: nobody → welcome; signed in → their own app, whatever the
 * state of their shared space (the tabs of a space while paired; otherwise home and Me). */
export function App() {
  const [session, setSession] = useState({ state: 'loading' });
  const [locked, setLocked] = useState(false);

  async function start() {
    try {
      const known = await lastKnownMe();
      const me = await whoAmI();
      if (!me) return setSession({ state: 'signed-out' });
      await leftTheSpace(known, me);
      const lock = await lockSettings();
      setLocked(Boolean(lock) && idleMinutes() >= lock.minutes);
      setSession({ state: 'signed-in', me, lock });
    } catch {
      setSession({ state: 'signed-out', problem: 'Kintsugi cannot reach its server right now.' });
    }
  }
  useEffect(() => {
    start();
  }, []);

  async function signOut() {
    setSession({ state: 'loading' });
    await signOutAndWipe();
    setLocked(false);
    setSession({ state: 'signed-out' });
  }

  let screen;
  if (session.state === 'loading') screen = <main class="screen" id="main" aria-busy="true" />;
  else if (session.state === 'signed-out') screen = <SignedOut problem={session.problem} onIn={start} />;
  else if (locked) screen = <Lock onUnlock={() => setLocked(false)} onSignOut={signOut} />;
  else {
    screen = <Shell session={session} onSignOut={signOut} onChange={start}
      onLock={() => setLocked(true)}
      onLockChange={(lock) => setSession({ ...session, lock })} />;
  }
  return (
    <>
      <QuickExit />
      {screen}
    </>
  );
}

function SignedOut({ problem, onIn }) {
  const [entry, setEntry] = useState('welcome');
  if (entry === 'welcome') {
    return (
      <>
        {problem && <p class="pill offline" role="status">{problem}</p>}
        <Welcome onRegister={() => setEntry('register')} onSignIn={() => setEntry('signin')} />
      </>
    );
  }
  return <Auth mode={entry} onDone={onIn} onBack={() => setEntry('welcome')}
    onSwitch={() => setEntry(entry === 'register' ? 'signin' : 'register')} />;
}

function useOnline() {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  return online;
}

// Outside a shared space (not yet paired, waiting, or after it ended) a person has their home —
// the offer to start or join a space, or the ending — and all of Me.
const ON_MY_OWN = ['today', 'me'];

/** Signed in: the tab screens, the outbox's triggers, the idle lock. */
function Shell({ session, onSignOut, onChange, onLock, onLockChange }) {
  const { me, lock } = session;
  const paired = me.space?.status === 'paired';
  const { tab, section, page } = useRoute();
  const outbox = useOutbox();
  const online = useOnline();
  const space = useApi(paired ? '/api/space' : null);
  const partner = space.data?.members?.find((member) => !member.is_me);
  // My partner may have left (ended the space) since this app started: when the space is gone
  // (checked at start and whenever the app becomes visible), start again to show that.
  const spaceGone = space.failure?.status === 404;
  useEffect(() => {
    if (spaceGone) onChange();
  }, [spaceGone]);

  useEffect(() => {
    flush();
    resendSubscription().catch(() => {});
    const whenVisible = () => {
      if (document.visibilityState !== 'visible') return;
      flush();
      refreshAll();
    };
    addEventListener('online', flush);
    document.addEventListener('visibilitychange', whenVisible);
    return () => {
      removeEventListener('online', flush);
      document.removeEventListener('visibilitychange', whenVisible);
    };
  }, []);

  useEffect(() => {
    if (!lock) return undefined;
    touch();
    let lastTouch = Date.now();
    const active = () => {
      if (Date.now() - lastTouch > 5000) {
        lastTouch = Date.now();
        touch();
      }
    };
    const check = () => idleMinutes() >= lock.minutes && onLock();
    const timer = setInterval(check, 5000);
    addEventListener('pointerdown', active);
    addEventListener('keydown', active);
    document.addEventListener('visibilitychange', check);
    return () => {
      clearInterval(timer);
      removeEventListener('pointerdown', active);
      removeEventListener('keydown', active);
      document.removeEventListener('visibilitychange', check);
    };
  }, [lock]);

  // Every tab's screen gets the same: who I am, my partner, what waits in the outbox, which part.
  const shared = { me, partner, outbox, section, page };
  const shown = paired || ON_MY_OWN.includes(tab) ? tab : 'today';
  let screen;
  if (shown !== 'today') {
    screen = <LazyScreen tab={shown} {...shared} onSignOut={onSignOut} onSpaceLeft={onChange}
      onLockChange={onLockChange} />;
  } else if (paired) screen = <Today {...shared} />;
  else screen = <Space me={me} onPaired={onChange} />;
  return (
    <div class="shell">
      <SyncStatus outbox={outbox} online={online} />
      {screen}
      <TabBar tab={shown} only={paired ? undefined : ON_MY_OWN} />
    </div>
  );
}
