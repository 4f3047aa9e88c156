// Signs that a part of the work is under way, read from the couple's own records: counts of what
// they did, in words. Never a score, a percentage, "complete", or one partner against the other.
const sum = (rows, field) => (rows || []).reduce((total, row) => total + (row[field] || 0), 0);
const answeredIn = (days, part) => (days || []).filter((day) => day.prompt?.part === part).length;

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

/** part id → the sentences its signs make (empty: nothing yet, which is fine). */
export function signsOf({ questions, agreements, progress, journal, days }) {
  const answered = (questions?.items || []).filter((q) => q.answers?.length > 0).length;
  const inForce = (agreements?.items || []).filter((a) => a.state === 'active').length;
  const together = (days || []).filter((day) => day.partner).length;
  const lines = {
    truth: [answered && `${plural(answered, 'question', 'questions')} in the ledger have an answer`],
    earthquake: [sum(progress, 'checkins') &&
      `${plural(sum(progress, 'checkins'), 'check-in', 'check-ins')} shared this year`],
    boundaries: [inForce && `${plural(inForce, 'agreement', 'agreements')} in force`],
    consistency: [sum(progress, 'days_with_action') &&
      `small actions on ${plural(sum(progress, 'days_with_action'), 'day', 'days')} this year`,
    sum(progress, 'rituals_kept') &&
      `rituals kept ${plural(sum(progress, 'rituals_kept'), 'time', 'times')} this year`],
    healing: [journal?.items?.length > 0 &&
      `you have written in your journal (only you can see this)`],
    together: [sum(progress, 'experiences') &&
      `${plural(sum(progress, 'experiences'), 'time', 'times')} together remembered this year`],
    long_view: [together && `${plural(together, 'question for today', 'questions for today')} answered by you both`],
  };
  for (const [part, found] of Object.entries(lines)) {
    const fromQuestions = answeredIn(days, part);
    if (fromQuestions && part !== 'long_view') {
      found.push(`${plural(fromQuestions, 'question for today', 'questions for today')} from this part answered`);
    }
    lines[part] = found.filter(Boolean);
  }
  return lines;
}
