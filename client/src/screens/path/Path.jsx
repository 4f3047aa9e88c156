import { useState } from 'preact/hooks';
import { useApi } from '../../data/store.js';
import { go } from '../../router.js';
import { PARTS } from './parts.js';
import { signsOf } from './signs.js';
import './path.css';

const ROLE_TITLES = { rebuilding: 'For the one rebuilding trust', healing: 'For the one healing' };

/** The seven parts as a path: open any part, in any order; each asks something of both. */
export function Path() {
  const space = useApi('/api/space').data;
  const role = space?.members?.find((member) => member.is_me)?.role || 'unstated';
  const signs = signsOf({
    questions: useApi('/api/questions?limit=100').data,
    agreements: useApi('/api/agreements?limit=100').data,
    progress: useApi('/api/journey/progress?period=year').data,
    journal: useApi('/api/journal?limit=1').data,
    days: useApi('/api/daily/answered').data,
  });
  const [open, setOpen] = useState(null);
  return (
    <section class="stack path" aria-labelledby="path-title">
      <h2 id="path-title">The path</h2>
      <p class="quiet">Seven parts of rebuilding trust. They are not steps to finish or locked
        doors: most couples move back and forth between them for a long time. Open whichever
        part speaks to today.</p>
      <ol class="path-parts">
        {PARTS.map((part) => (
          <li key={part.id} class="card">
            <button type="button" class="secondary path-part" aria-expanded={open === part.id}
              onClick={() => setOpen(open === part.id ? null : part.id)}>
              {part.title}
            </button>
            {open === part.id && <Part part={part} role={role}
              signs={signs[part.id]} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Part({ part, role, signs }) {
  // My own role's words come first; the other's are there too, so each knows what the other
  // is asked. "Unstated" sees both, side by side.
  const order = role === 'healing' ? ['healing', 'rebuilding'] : ['rebuilding', 'healing'];
  return (
    <div class="stack">
      {part.reading.map((paragraph) => <p key={paragraph.slice(0, 20)}>{paragraph}</p>)}
      {order.map((name) => (
        <div key={name} class="path-ask">
          <h3>{ROLE_TITLES[name]}{role === name && ' (you)'}</h3>
          <p>{part[name]}</p>
        </div>
      ))}
      <h3>Small things to try</h3>
      <ul class="path-exercises">
        {part.exercises.map(([words, tab, section]) => (
          <li key={words}>
            <a class="tap-link" href={section ? `/${tab}/${section}` : `/${tab}`} onClick={(event) => {
              event.preventDefault();
              go(tab, section);
            }}>{words}</a>
          </li>
        ))}
      </ul>
      <h3>Signs it is under way</h3>
      {signs.length > 0
        ? <ul>{signs.map((sign) => <li key={sign}>{sign}</li>)}</ul>
        : <p class="quiet">Nothing here yet, and that is fine. It starts whenever you are ready.</p>}
    </div>
  );
}
