// The layout invariants broken on the page as it is now, in words ([] when none). Evaluated by
// tests/browser/phones.py (check_screen and the watch); not part of the app.
() => {
  const problems = [];
  // A phone's browser widens its layout viewport to fit a too-wide page (innerWidth grows with
  // it): the phone's own width is the screen's.
  const width = Math.min(innerWidth, screen.width), height = Math.min(innerHeight, screen.height);
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const describe = (el) => (el.getAttribute('aria-label') || el.textContent || el.name || el.type
    || el.tagName).trim().replace(/\s+/g, ' ').slice(0, 60);
  const inView = (box) => box.left >= 0 && box.top >= 0 && box.right <= width + 0.5
    && box.bottom <= height + 0.5 && box.width > 0 && box.height > 0;

  const wide = document.documentElement.scrollWidth;
  if (wide > width) {
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && shown(el))
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 0.5)
      .slice(0, 3).map((el) => `<${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''}>`);
    problems.push(`the page scrolls sideways: ${wide} px wide in a ${width} px window (wider: ${culprits.join(', ')})`);
  }

  const exits = [...document.querySelectorAll('[aria-label^="Quick exit"]')];
  const reachable = exits.some((el) => {
    const box = el.getBoundingClientRect();
    if (!inView(box)) return false;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit === el || el.contains(hit);
  });
  if (!reachable) {
    const where = exits.map((el) => { const b = el.getBoundingClientRect();
      return `x ${Math.round(b.left)}–${Math.round(b.right)}, y ${Math.round(b.top)}–${Math.round(b.bottom)}`; });
    problems.push(`the quick exit is not in view and clickable (${where.join('; ') || 'none on the page'})`);
  }

  const tabs = document.querySelector('nav[aria-label="Sections"]');
  if (tabs && !document.querySelector('dialog[open]')) {
    const box = tabs.getBoundingClientRect();
    if (!inView(box) || box.bottom < height - 1) {
      problems.push(`the tab bar is not at the bottom of the view (x ${Math.round(box.left)}–${Math.round(box.right)}, y ${Math.round(box.top)}–${Math.round(box.bottom)} in ${width}×${height})`);
    }
  }

  const text = (el) => (el?.textContent || '').trim();
  const nameOf = (el) => {
    const by = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
      .map((id) => text(document.getElementById(id))).join(' ').trim();
    return by || (el.getAttribute('aria-label') || '').trim()
      || [...(el.labels || [])].map(text).join(' ').trim()
      || (el.title || '').trim() || (el.placeholder || '').trim();
  };
  for (const el of document.querySelectorAll(
    'input:not([type="hidden"]), select, textarea, [role="slider"], [role="textbox"], [role="combobox"]')) {
    if (el.getClientRects().length && !nameOf(el)) {
      problems.push(`a ${el.type || el.getAttribute('role')} has no name (${el.outerHTML.slice(0, 80)})`);
    }
  }

  for (const el of document.querySelectorAll('button, a[href], input, select, textarea, summary, [role="switch"]')) {
    if (!shown(el) || el.type === 'range' || el.type === 'hidden') continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 && box.height <= 1) continue; // visually hidden, not a target
    if (box.width < 44 || box.height < 44) {
      problems.push(`a control under 44 px: ${describe(el)} (${Math.round(box.width)}×${Math.round(box.height)})`);
    }
  }
  return problems;
}
