// The rows of /api/journey/progress (one per period and partner, only where something happened)
// turned into what the charts draw and the words a screen reader hears. No uPlot here: this part
// is in the app's first download, the charts are not.

export const MEASURES = ['trust', 'safety', 'connection'];

/** How each view reads: its periods' unit and how many of them it shows (null: all of them). */
export const PERIODS = {
  week: { unit: 'week', choice: 'Weeks', shown: 12, label: { month: 'short', day: 'numeric' } },
  month: { unit: 'month', choice: 'Months', shown: null, label: { month: 'short', year: 'numeric' } },
  year: { unit: 'year', choice: 'Years', shown: null, label: { year: 'numeric' } },
};

const pad = (n) => String(n).padStart(2, '0');
const isoDay = (date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** A period's first day as a local Date (the server's period_start is a plain YYYY-MM-DD). */
export function dayOf(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return new Date(year, month - 1, day);
}

/** The first day of the period `date` falls in: Monday, the 1st, or 1 January (as the server). */
function startOf(period, date) {
  if (period === 'week') {
    return new Date(date.getFullYear(), date.getMonth(), date.getDate() - ((date.getDay() + 6) % 7));
  }
  return new Date(date.getFullYear(), period === 'month' ? date.getMonth() : 0, 1);
}

function next(period, date) {
  if (period === 'week') return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 7);
  if (period === 'month') return new Date(date.getFullYear(), date.getMonth() + 1, 1);
  return new Date(date.getFullYear() + 1, 0, 1);
}

/** Every period the view shows, oldest first, with no gaps: a quiet week is still a week. */
export function periodStarts(period, rows, now = new Date()) {
  const starts = rows.map((row) => row.period_start).sort();
  const current = startOf(period, now);
  const last = starts.length && dayOf(starts.at(-1)) > current ? dayOf(starts.at(-1)) : current;
  let first = starts.length ? dayOf(starts[0]) : current;
  const shown = PERIODS[period].shown;
  if (shown) {
    first = last;
    for (let back = 1; back < shown; back += 1) first = startOf(period, new Date(first - 86400000));
  }
  const days = [];
  for (let day = first; day <= last; day = next(period, day)) days.push(isoDay(day));
  return days;
}

/** One array per line or bar, one value per period (null where a partner gave no number). */
export function buildView(rows, meId, period, now = new Date()) {
  const starts = periodStarts(period, rows, now);
  const at = new Map(starts.map((start, index) => [start, index]));
  const empty = (value) => starts.map(() => value);
  const view = {
    period, starts,
    mine: Object.fromEntries(MEASURES.map((name) => [name, empty(null)])),
    theirs: Object.fromEntries(MEASURES.map((name) => [name, empty(null)])),
    actions: empty(0), ritualsKept: empty(0), ritualsDue: empty(0), setbacks: empty(0),
  };
  for (const row of rows) {
    const index = at.get(row.period_start);
    if (index === undefined) continue;
    const whose = row.person_id === meId ? view.mine : view.theirs;
    for (const name of MEASURES) whose[name][index] = row[name];
    view.actions[index] += row.actions;
    view.setbacks[index] += row.setbacks;
    // A ritual is kept together and each partner marks it: the two counts are mostly the same
    // rituals seen twice, so the larger one is how many were kept (never double-counted).
    view.ritualsKept[index] = Math.max(view.ritualsKept[index], row.rituals_kept);
    view.ritualsDue[index] = Math.max(view.ritualsDue[index], row.rituals_due);
  }
  return view;
}

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const sum = (values) => values.reduce((total, value) => total + value, 0);

/** "3 consistent actions", "1 setback", "no setbacks". */
function count(n, one, many = `${one}s`) {
  return n === 0 ? `no ${many}` : `${number.format(n)} ${n === 1 ? one : many}`;
}

/** How one person's measure moved over the view, or null when they never gave it. */
function movement(values) {
  const given = values.filter((value) => value != null);
  if (!given.length) return null;
  const [first, last] = [number.format(given[0]), number.format(given.at(-1))];
  if (given.length === 1) return `was ${first}`;
  return first === last ? `stayed at ${first}` : `went from ${first} to ${last}`;
}

function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The span the view covers, as the start of a sentence. */
export function spanOf(view) {
  const { unit } = PERIODS[view.period];
  const n = view.starts.length;
  return n === 1 ? `This ${unit}` : `Over the last ${n} ${unit}s`;
}

/** The charts in words, e.g. "Over the last 12 weeks, your trust went from 3 to 6; Ben's from
 * 4 to 5. … 34 consistent actions; 20 of 24 rituals kept; 2 setbacks." */
export function describe(view, partnerName) {
  const theirs = `${partnerName}’s`;
  const sentences = [];
  for (const name of MEASURES) {
    const mine = movement(view.mine[name]);
    const partner = movement(view.theirs[name]);
    if (mine && partner) {
      const again = partner.startsWith('went ') ? partner.slice(5) : partner;
      sentences.push(`your ${name} ${mine}; ${theirs} ${again}`);
    } else if (mine) sentences.push(`your ${name} ${mine}`);
    else if (partner) sentences.push(`${theirs} ${name} ${partner}`);
  }
  const span = spanOf(view);
  const words = sentences.length
    ? [`${span}, ${sentences[0]}.`, ...sentences.slice(1).map((text) => `${capital(text)}.`)]
    : [`${span}, neither of you shared numbers for trust, safety or connection.`];
  const due = sum(view.ritualsDue);
  const kept = sum(view.ritualsKept);
  const doing = [count(sum(view.actions), 'consistent action')];
  if (due || kept) doing.push(`${number.format(kept)} of ${number.format(due)} rituals kept`);
  doing.push(count(sum(view.setbacks), 'setback'));
  words.push(`${capital(doing.join('; '))}.`);
  return words.join(' ');
}

/** A period's name on an axis or in the table: "Nov 2", "Nov 2026", "2026". */
export function periodLabel(period, start) {
  return dayOf(start).toLocaleDateString(undefined, PERIODS[period].label);
}

export { number as numberFormat };
