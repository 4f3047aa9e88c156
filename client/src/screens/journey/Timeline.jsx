import { useEffect, useRef, useState } from 'preact/hooks';
import { timeOf } from '../../components/time.js';
import { olderTimelinePage } from '../../data/journey.js';
import { useApi } from '../../data/store.js';
import { FILTERS, sentence } from './events.js';

export const PAGE_SIZE = 30;
const dayName = new Intl.DateTimeFormat(undefined,
  { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** Everything both partners shared (and my own journal), newest first, a page at a time. */
export function Timeline({ partner }) {
  const [filter, setFilter] = useState('all');
  const kinds = FILTERS.find(([name]) => name === filter)[2];
  const path = `/api/journey/timeline?limit=${PAGE_SIZE}${kinds ? `&kinds=${kinds.join(',')}` : ''}`;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <label class="timeline-filter">
        Show
        <select value={filter} onChange={(event) => setFilter(event.currentTarget.value)}>
          {FILTERS.map(([name, label]) => <option key={name} value={name}>{label}</option>)}
        </select>
      </label>
      {/* A new filter starts again from its first page. */}
      <Events key={path} path={path} partnerName={partner?.display_name || 'Your partner'}
        filtered={filter !== 'all'} />
    </section>
  );
}

function byDay(events) {
  const days = [];
  for (const event of events) {
    const day = dayName.format(new Date(event.at));
    if (days.at(-1)?.day !== day) days.push({ day, events: [] });
    days.at(-1).events.push(event);
  }
  return days;
}

function Events({ path, partnerName, filtered }) {
  const first = useApi(path);
  const [older, setOlder] = useState({ items: [], cursor: undefined, problem: null });
  const loading = useRef(false);
  const sentinel = useRef(null);
  // Until an older page came, the next one starts where the first page ends.
  const cursor = older.cursor === undefined ? first.data?.next_cursor : older.cursor;
  const seen = new Set();
  const events = [...(first.data?.items || []), ...older.items]
    .filter((event) => !seen.has(event.id) && seen.add(event.id));

  async function showMore() {
    if (!cursor || loading.current) return;
    loading.current = true;
    try {
      const { page } = await olderTimelinePage(`${path}&cursor=${encodeURIComponent(cursor)}`);
      setOlder((now) => (page
        ? { items: [...now.items, ...page.items], cursor: page.next_cursor, problem: null }
        : { ...now, problem: 'Older moments need a connection. They will be here once you are back online.' }));
    } catch {
      setOlder((now) => ({ ...now, problem: 'Older moments could not be loaded just now.' }));
    } finally {
      loading.current = false;
    }
  }

  // Scrolling near the end asks for the next page; the button stays for anyone who prefers it
  // (and for browsers without IntersectionObserver).
  useEffect(() => {
    if (!cursor || !sentinel.current || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver(
      (entries) => entries.some((entry) => entry.isIntersecting) && showMore(),
      { rootMargin: '0px 0px 300px 0px' });
    observer.observe(sentinel.current);
    return () => observer.disconnect();
  }, [cursor]);

  if (first.data === undefined) {
    if (first.offline) return <p class="quiet">This phone has not kept the timeline yet; it will come with a connection.</p>;
    if (first.failure) return <p class="problem-text">The timeline could not be loaded just now.</p>;
    return <p class="quiet" aria-busy="true">Loading…</p>;
  }
  return (
    <>
      {first.offline && <p class="quiet">No connection: this is what the phone kept.</p>}
      {events.length === 0 && (
        <p class="quiet">
          {filtered ? 'Nothing of this kind yet.'
            : 'Nothing here yet. What the two of you record will gather here over time.'}
        </p>
      )}
      <ol class="plain timeline" data-testid="timeline">
        {byDay(events).map(({ day, events: onDay }) => (
          <li key={day}>
            <h3>{day}</h3>
            <ul class="plain list">
              {onDay.map((event) => (
                <li key={event.id} class={event.is_mine ? 'mine' : 'theirs'} data-kind={event.kind}>
                  {sentence(event, partnerName)} <span class="quiet">· {timeOf(event.at)}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <div ref={sentinel} class="timeline-end" />
      {older.problem && <p class="problem-text" role="status">{older.problem}</p>}
      {cursor ? (
        <button type="button" class="secondary" onClick={showMore}>Show more</button>
      ) : events.length > 0 && (
        <p class="quiet">{filtered ? 'That is all of them.' : 'That is where your journey here began.'}</p>
      )}
    </>
  );
}
