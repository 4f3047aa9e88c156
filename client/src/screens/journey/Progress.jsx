import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useApi } from '../../data/store.js';
import { Kept } from './Kept.jsx';
import { MEASURES, PERIODS, buildView, describe, numberFormat, periodLabel, spanOf }
  from './progress.js';

const DARK = '(prefers-color-scheme: dark)';
// uPlot's chunk, fetched once; asked for as the section opens, alongside the numbers, so the
// drawing does not wait for the numbers first and the chunk second.
const loadCharts = () => import('./charts.js');

/** Both partners' trust, safety and connection, what they did, and setbacks, by week, month or
 * year: as charts, and in words and a table for anyone who does not see the charts. */
export function Progress({ me, partner }) {
  const [period, setPeriod] = useState('week');
  const partnerName = partner?.display_name || 'Your partner';
  useEffect(() => {
    loadCharts().catch(() => {}); // offline and not yet kept: Charts says so when it draws
  }, []);
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">How it has been going</h2>
      <Kept partnerName={partnerName} />
      <div class="chips journey-periods" role="group" aria-label="Show by">
        {Object.entries(PERIODS).map(([name, { choice }]) => (
          <button key={name} type="button" class="chip" aria-pressed={period === name}
            onClick={() => setPeriod(name)}>
            {choice}
          </button>
        ))}
      </div>
      {/* Each view reads its own answer: nothing of the last view shows under the new name. */}
      <PeriodView key={period} period={period} me={me} partnerName={partnerName} />
    </section>
  );
}

function PeriodView({ period, me, partnerName }) {
  const { data, offline, failure } = useApi(`/api/journey/progress?period=${period}`);
  const view = useMemo(() => data && buildView(data, me.id, period), [data, period, me.id]);
  if (!view) {
    if (offline) return <p class="quiet">This phone has not kept these numbers yet; they will come with a connection.</p>;
    if (failure) return <p class="problem-text">The numbers could not be loaded just now.</p>;
    return <p class="quiet" aria-busy="true">Loading…</p>;
  }
  return (
    <>
      {offline && <p class="quiet">No connection: these are the numbers the phone kept.</p>}
      <p data-testid="progress-summary">{describe(view, partnerName)}</p>
      <Charts view={view} partnerName={partnerName} />
      <NumbersTable view={view} partnerName={partnerName} />
    </>
  );
}

function useDarkMode() {
  const [dark, setDark] = useState(() => matchMedia(DARK).matches);
  useEffect(() => {
    const query = matchMedia(DARK);
    const update = () => setDark(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return dark;
}

function Legend({ items }) {
  return (
    <ul class="chart-legend">
      {items.map(([label, sample]) => <li key={label}><span class={`sample ${sample}`} />{label}</li>)}
    </ul>
  );
}

/** The drawings, hidden from screen readers: the summary and the table say the same. */
function Charts({ view, partnerName }) {
  const slots = { trust: useRef(), safety: useRef(), connection: useRef(), doing: useRef() };
  const box = useRef();
  const [problem, setProblem] = useState(null);
  const dark = useDarkMode(); // colours come from CSS: draw again when the scheme changes
  useEffect(() => {
    let charts = null;
    let gone = false;
    box.current.removeAttribute('data-drawn');
    loadCharts()
      .then(({ drawCharts }) => {
        if (gone) return;
        const elements = Object.fromEntries(Object.entries(slots).map(([name, ref]) => [name, ref.current]));
        charts = drawCharts(elements, view, () => box.current?.setAttribute('data-drawn', view.period));
      })
      .catch(() => setProblem('The charts need a connection the first time; the numbers are in the words above.'));
    return () => {
      gone = true;
      charts?.destroy();
    };
  }, [view, dark]);
  const setback = view.setbacks.some(Boolean) ? [['Setback', 'setback']] : [];
  const lines = [['You', 'me'], [partnerName, 'partner'], ...setback];
  return (
    <div class="journey-charts" ref={box} data-testid="journey-charts" aria-hidden="true">
      {problem && <p class="quiet">{problem}</p>}
      {MEASURES.map((name) => (
        <div class="chart" key={name}>
          <p class="chart-title">{name.charAt(0).toUpperCase() + name.slice(1)} <span class="quiet">0–10</span></p>
          <Legend items={lines} />
          <div class="plot" ref={slots[name]} />
        </div>
      ))}
      <div class="chart">
        <p class="chart-title">What you did</p>
        <Legend items={[['Consistent actions', 'actions'], ['Rituals kept', 'rituals'], ...setback]} />
        <div class="plot" ref={slots.doing} />
      </div>
    </div>
  );
}

const shown = (value) => (value == null ? '–' : numberFormat.format(value));

/** Every number behind the charts, for screen readers (visually hidden). The table sits in a
 * hidden box: a <table> itself does not shrink to the 1 px the rule asks for, and a wide one
 * widened the whole page (1,188 px on a 390 px phone, the quick exit off screen). */
function NumbersTable({ view, partnerName }) {
  const { unit } = PERIODS[view.period];
  // [heading, the cell of period `index`]
  const column = (title, values) => [title, (index) => shown(values[index])];
  const columns = MEASURES.flatMap((name) => [column(`Your ${name}`, view.mine[name]),
    column(`${partnerName}’s ${name}`, view.theirs[name])]);
  columns.push(column('Consistent actions', view.actions),
    ['Rituals kept', (index) => `${shown(view.ritualsKept[index])} of ${shown(view.ritualsDue[index])}`],
    column('Setbacks', view.setbacks));
  return (
    <div class="visually-hidden">
    <table data-testid="progress-table">
      <caption>{`${spanOf(view)}, ${unit} by ${unit}`}</caption>
      <thead>
        <tr>
          <th scope="col">{unit.charAt(0).toUpperCase() + unit.slice(1)}</th>
          {columns.map(([title]) => <th key={title} scope="col">{title}</th>)}
        </tr>
      </thead>
      <tbody>
        {view.starts.map((start, index) => (
          <tr key={start}>
            <th scope="row">{periodLabel(view.period, start)}</th>
            {columns.map(([title, cell]) => <td key={title}>{cell(index)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
