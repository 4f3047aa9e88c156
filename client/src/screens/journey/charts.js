// The journey's charts, drawn with uPlot. Imported on demand (import('./charts.js')) so uPlot
// is downloaded only when someone opens the charts, never with the app's first screen.
// Small multiples rather than one busy chart: on a 390 px phone, six lines, two bar series and
// markers in one plot cannot be told apart. Partners differ by line style as well as colour.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { MEASURES, periodLabel } from './progress.js';

const FONT = "15px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const MEASURE_HEIGHT = 170;
const DOING_HEIGHT = 190;
// Roughly how wide one x-axis label is at FONT, per view, to space them without overlap.
const LABEL_WIDTH = { week: 64, month: 86, year: 52 };
// The partner's line is dashed (journey.css draws the legend's sample the same way).
const PARTNER_DASH = [7, 5];

/** The palette from the CSS custom properties (journey.css), so light and dark both read. */
function palette(element) {
  const style = getComputedStyle(element);
  const read = (name) => style.getPropertyValue(name).trim();
  return { me: read('--chart-me'), partner: read('--chart-partner'),
    actions: read('--chart-actions'), rituals: read('--chart-rituals'),
    setback: read('--chart-setback'), muted: read('--muted'), line: read('--line') };
}

/** Label every step-th period, always including the latest. */
function xSplits(view) {
  return (u) => {
    const n = view.starts.length;
    const fits = Math.max(2, Math.floor(u.bbox.width / uPlot.pxRatio / LABEL_WIDTH[view.period]));
    const step = Math.ceil(n / fits);
    const splits = [];
    for (let index = n - 1; index >= 0; index -= step) splits.unshift(index);
    return splits;
  };
}

/** Setbacks as a small marker above the periods they fall in: part of the story, shown where
 * they happened, and nothing is reset. (Markers alone: a line per setback would hide the lines
 * of a month view, where most months hold one.) */
function setbackMarks(view, color) {
  return (u) => {
    const { ctx } = u;
    const ratio = uPlot.pxRatio;
    const top = u.bbox.top - 3 * ratio;
    ctx.save();
    ctx.fillStyle = color;
    view.setbacks.forEach((setbacks, index) => {
      if (!setbacks) return;
      const x = u.valToPos(index, 'x', true);
      ctx.beginPath();
      ctx.moveTo(x - 6 * ratio, top - 4 * ratio);
      ctx.lineTo(x + 6 * ratio, top - 4 * ratio);
      ctx.lineTo(x, top + 6 * ratio);
      ctx.closePath();
      ctx.fill();
    });
    ctx.restore();
  };
}

/** The bars' axis: whole steps of 1, 2, 2.5, 5 × 10ⁿ, at most three of them above 0. */
function barAxis(most) {
  const third = Math.max(1, most / 3);
  const power = 10 ** Math.floor(Math.log10(third));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * power)
    .find((candidate) => Number.isInteger(candidate) && candidate >= third);
  const top = Math.ceil(most / step) * step;
  const splits = [];
  for (let value = 0; value <= top; value += step) splits.push(value);
  return { range: () => [0, top], splits: () => splits };
}

/** Wide enough for the longest y label ("10", "750", "1,000") at FONT. */
function yAxisWidth(u, values) {
  const longest = Math.max(2, ...(values || []).map((value) => String(value).length));
  return 14 + 9 * longest;
}

function options(view, colors, width, height, yAxis, series, onDraw) {
  const labels = view.starts.map((start) => periodLabel(view.period, start));
  const last = view.starts.length - 1;
  return {
    width, height,
    // Room above for the setback markers, and at the right for half of the latest label.
    padding: [16, LABEL_WIDTH[view.period] / 2 - 10, 0, 0],
    legend: { show: false }, // the legend is in the page, as text
    cursor: { show: false, drag: { x: false, y: false } },
    select: { show: false },
    scales: { x: { time: false, range: () => [-0.5, last + 0.5] }, y: { range: yAxis.range } },
    axes: [
      { stroke: colors.muted, font: FONT, size: 36, gap: 6, grid: { show: false },
        ticks: { stroke: colors.line, size: 4 }, splits: xSplits(view),
        values: (u, splits) => splits.map((index) => labels[index] ?? '') },
      { stroke: colors.muted, font: FONT, size: yAxisWidth, gap: 4, ticks: { show: false },
        grid: { stroke: colors.line, width: 1 }, splits: yAxis.splits },
    ],
    series: [{}, ...series],
    hooks: { draw: [setbackMarks(view, colors.setback), onDraw] },
  };
}

function line(color, dash) {
  return { stroke: color, width: 2.5, dash, spanGaps: true,
    points: { show: true, size: 7, width: 2, stroke: color, fill: color } };
}

function bars(color, align) {
  return { stroke: color, fill: color, width: 0, points: { show: false },
    paths: uPlot.paths.bars({ size: [0.4, 26], align }) };
}

const xs = (view) => view.starts.map((_, index) => index);

/** Draw every chart of `view` into its slot; returns {destroy}. `onDrawn` is called once all
 * of them have been drawn (the page marks itself so tests and the benchmark can tell). */
export function drawCharts(slots, view, onDrawn) {
  const colors = palette(slots.doing);
  const width = Math.max(200, Math.floor(slots.doing.clientWidth));
  const pending = new Set([...MEASURES, 'doing']);
  const drawn = (name) => () => {
    if (!pending.delete(name) || pending.size) return;
    onDrawn?.();
  };
  const measureAxis = { range: () => [0, 10], splits: () => [0, 5, 10] };
  const plots = MEASURES.map((name) => new uPlot(
    options(view, colors, width, MEASURE_HEIGHT, measureAxis,
      [line(colors.me), line(colors.partner, PARTNER_DASH)],
      drawn(name)),
    [xs(view), view.mine[name], view.theirs[name]], slots[name]));
  const doingAxis = barAxis(Math.max(3, ...view.actions, ...view.ritualsKept));
  plots.push(new uPlot(
    options(view, colors, width, DOING_HEIGHT, doingAxis,
      [bars(colors.actions, -1), bars(colors.rituals, 1)], drawn('doing')),
    [xs(view), view.actions, view.ritualsKept], slots.doing));

  let shownWidth = width;
  const resize = new ResizeObserver(() => {
    const now = Math.max(200, Math.floor(slots.doing.clientWidth));
    if (now === shownWidth) return;
    shownWidth = now;
    plots.forEach((plot) => plot.setSize({ width: now, height: plot.height }));
  });
  resize.observe(slots.doing);
  return {
    destroy() {
      resize.disconnect();
      plots.forEach((plot) => plot.destroy());
    },
  };
}
