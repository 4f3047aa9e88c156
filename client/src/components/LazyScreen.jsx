import { useEffect, useState } from 'preact/hooks';

// The tabs past Today are fetched when first opened, so the first screen on a slow train
// connection is small. The service worker precaches every part: offline they open at once.
const loaders = {
  truth: () => import('../screens/Truth.jsx').then((module) => module.Truth),
  together: () => import('../screens/Together.jsx').then((module) => module.Together),
  journey: () => import('../screens/Journey.jsx').then((module) => module.Journey),
  me: () => import('../screens/Me.jsx').then((module) => module.Me),
};
const loaded = {};

/** The screen of `tab`, once its code is here; until then an empty, busy screen. */
export function LazyScreen({ tab, ...props }) {
  const [Screen, setScreen] = useState(() => loaded[tab]);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (loaded[tab]) return setScreen(() => loaded[tab]);
    let live = true;
    setScreen(null);
    setFailed(false);
    loaders[tab]().then((component) => {
      loaded[tab] = component;
      if (live) setScreen(() => component);
    }, () => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [tab]);
  if (Screen) return <Screen {...props} />;
  return (
    <main class="screen" id="main" aria-busy={!failed}>
      {failed && <p class="problem-text" role="alert">This part of Kintsugi could not be loaded.
        Check the connection and try again.</p>}
    </main>
  );
}
