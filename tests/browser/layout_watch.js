// Installed in every page of a Phone (tests/browser/phones.py watch_layout), which fills in the
// app's origin and the checks of layout_problems.js. Not part of the app.
(() => {
  if (window.top !== window || location.origin !== __ORIGIN__) return;
  const problems = __PROBLEMS__;
  const settled = () => document.readyState === 'complete' && document.visibilityState === 'visible'
    && !document.querySelector('[aria-busy="true"]');
  let timer = null;
  const look = () => {
    if (!settled()) return schedule();
    const first = problems();
    if (!first.length) return;
    setTimeout(() => {
      if (!settled()) return schedule();
      const again = new Set(problems());
      const lasting = first.filter((problem) => again.has(problem));
      if (lasting.length) {
        window.__layoutProblems?.({ path: location.pathname, width: Math.min(innerWidth, screen.width),
          heading: document.querySelector('dialog[open] h2, h1')?.textContent?.trim() || '',
          problems: lasting });
      }
    }, 400);
  };
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(look, 250);
  }
  const watch = () => {
    new MutationObserver(schedule).observe(document.documentElement,
      { subtree: true, childList: true, attributes: true, characterData: true });
    addEventListener('resize', schedule);
    schedule();
  };
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', watch);
  else watch();
})();
