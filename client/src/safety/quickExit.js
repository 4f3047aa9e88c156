// Quick exit: clear the screen and put an everyday site in this tab's place. location.replace
// swaps the current history entry, and the app never adds entries of its own (screens change
// with replaceState), so Back does not lead into the app.
export const NEUTRAL_SITE = 'https://www.bbc.com/weather';

export function quickExit() {
  document.title = 'Weather';
  document.body.replaceChildren();
  document.documentElement.style.background = '#ffffff';
  sessionStorage.clear();
  location.replace(NEUTRAL_SITE);
}

/** Shift pressed three times within a second and a half. */
export function listenForShiftThreeTimes() {
  let presses = [];
  addEventListener('keydown', (event) => {
    if (event.key !== 'Shift' || event.repeat) return;
    const now = performance.now();
    presses = [...presses.filter((at) => now - at < 1500), now];
    if (presses.length >= 3) quickExit();
  });
}
