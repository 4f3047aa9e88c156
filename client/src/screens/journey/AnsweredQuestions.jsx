import { useApi } from '../../data/store.js';
import { partTitle } from '../path/parts.js';

const monthOf = (day) => new Date(`${day}T12:00:00`).toLocaleDateString(undefined,
  { month: 'long', year: 'numeric' });

/** The questions for today we answered, month by month, with the parts of the path they
 * visited. My partner's words show only for days we both answered. */
export function AnsweredQuestions({ partner }) {
  const days = useApi('/api/daily/answered').data;
  const partnerName = partner?.display_name || 'Your partner';
  if (!days) return <p class="quiet">Loading…</p>;
  if (days.length === 0) {
    return <p class="quiet">Questions for today you answer will gather here.</p>;
  }
  const months = [];
  for (const day of days) {
    const month = monthOf(day.day);
    if (months.at(-1)?.month !== month) months.push({ month, days: [] });
    months.at(-1).days.push(day);
  }
  return (
    <section class="stack" aria-labelledby="answered-title">
      <h2 id="answered-title">Our questions</h2>
      {months.map(({ month, days: inMonth }) => (
        <section key={month} class="stack" aria-label={month}>
          <h3>{month}</h3>
          <p class="quiet">Parts visited: {[...new Set(inMonth.map((d) => partTitle(d.prompt?.part)))].join(' · ')}</p>
          {inMonth.map((day) => (
            <article key={day.day} class="card">
              <p><strong>{day.prompt?.text}</strong></p>
              <p>You: {day.mine?.text}</p>
              {day.partner && <p>{partnerName}: {day.partner.text}</p>}
            </article>
          ))}
        </section>
      ))}
    </section>
  );
}
