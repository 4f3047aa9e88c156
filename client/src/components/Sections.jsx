import { go } from '../router.js';

/** The parts of one tab, as a row of links; the address keeps which one is open. */
export function Sections({ tab, current, items, label }) {
  return (
    <nav class="sections" aria-label={label}>
      {items.map(([name, title]) => (
        <a key={name} href={`/${tab}/${name}`} aria-current={current === name ? 'page' : undefined}
          onClick={(event) => {
            event.preventDefault();
            go(tab, name);
          }}>
          {title}
        </a>
      ))}
    </nav>
  );
}

/** The open section's name: the address's if it is one of `items`, else the first. */
export function openSection(section, items) {
  return items.some(([name]) => name === section) ? section : items[0][0];
}
