import { useEffect, useRef } from 'preact/hooks';
import { go } from '../router.js';

/** The parts of one tab, as a row of links; the address keeps which one is open. */
export function Sections({ tab, current, items, label }) {
  const row = useRef(null);
  // On a narrow phone the row scrolls: keep the open part in view (e.g. Settings, the last one).
  useEffect(() => {
    row.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest',
      inline: 'nearest' });
  }, [current]);
  return (
    <nav class="sections" aria-label={label} ref={row}>
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
function openSection(section, items) {
  return items.some(([name]) => name === section) ? section : items[0][0];
}

/** A tab made of parts: its heading, what always shows (`lead`), the row of links, and the open
 * part (given `props`). `items` are [name, title, Component]. */
export function TabWithSections({ tab, title, items, section, lead, ...props }) {
  const open = openSection(section, items);
  const [, , Section] = items.find(([name]) => name === open);
  return (
    <main class="screen" id="main">
      <h1>{title}</h1>
      {lead}
      <Sections tab={tab} current={open} items={items} label={`Parts of ${title}`} />
      <Section {...props} />
    </main>
  );
}
