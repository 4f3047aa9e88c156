import { go } from '../router.js';

// Small line icons, drawn here: nothing is loaded from anywhere else.
const TABS = [
  ['today', 'Today', 'M12 4v2M12 18v2M4 12h2M18 12h2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8z'],
  ['truth', 'Truth', 'M6 4h9l3 3v13H6zM9 10h6M9 14h6M9 18h4'],
  ['together', 'Together', 'M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3 20c0-3 2-5 5-5s5 2 5 5M11 20c0-3 2-5 5-5s5 2 5 5'],
  ['journey', 'Journey', 'M4 19c3-8 6 2 9-6s5-6 7-8M4 19h16'],
  ['me', 'Me', 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6'],
];

// Outside a shared space the first tab is the person's home (start, wait, or the ending).
const HOME = 'M4 11l8-7 8 7M6 9.5V20h12V9.5M10 20v-5h4v5';

/** The tabs; `only` names the ones shown (outside a space: home and Me). */
export function TabBar({ tab, only }) {
  const tabs = only ? TABS.filter(([name]) => only.includes(name))
    .map((row) => (row[0] === 'today' ? ['today', 'Home', HOME] : row)) : TABS;
  return (
    <nav class="tab-bar" aria-label="Sections">
      {tabs.map(([name, label, path]) => (
        <a key={name} href={`/${name}`} aria-current={tab === name ? 'page' : undefined}
          onClick={(event) => {
            event.preventDefault();
            go(name);
          }}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d={path} /></svg>
          <span>{label}</span>
        </a>
      ))}
    </nav>
  );
}
