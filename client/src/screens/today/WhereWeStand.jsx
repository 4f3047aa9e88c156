import { AGREEMENTS, consented, latestVersion } from '../../data/agreements.js';
import { TO_ANSWER } from '../../data/questions.js';
import { localNow, useApi } from '../../data/store.js';
import { go } from '../../router.js';

/** This week's Monday, 00:00 on this phone, as the server wants `from`. */
function thisMonday() {
  const day = new Date();
  day.setHours(0, 0, 0, 0);
  day.setDate(day.getDate() - ((day.getDay() + 6) % 7));
  return day;
}

const times = (count) => (count === 1 ? 'once' : `${count} times`);

/** The top of Today: how this week has gone for the two of us, and what waits for me — each
 * line a link to where it lives. */
export function WhereWeStand({ me, partnerName }) {
  const week = useApi(`/api/journey/progress?period=week&from=${encodeURIComponent(localNow(thisMonday()))}`)
    .data;
  const waiting = useWaitingForMe(me);
  const mine = week?.find((row) => row.person_id === me.id);
  const theirs = week?.find((row) => row.person_id !== me.id);
  const zero = { checkins: 0, days_with_action: 0, rituals_kept: 0, rituals_due: 0 };
  const [a, b] = [mine || zero, theirs || zero];
  const ritualsDue = Math.max(a.rituals_due, b.rituals_due);
  const weekLine = week && [
    `Check-ins: you ${times(a.checkins)}, ${partnerName} ${times(b.checkins)}`,
    `small actions on ${a.days_with_action} and ${b.days_with_action} days`,
    ritualsDue ? `rituals kept ${Math.max(a.rituals_kept, b.rituals_kept)} of ${ritualsDue}` : null,
  ].filter(Boolean).join(' · ');
  return (
    <nav class="where-we-stand" aria-label="This week">
      {weekLine && (
        <p><a class="tap-link" href="/journey/progress" onClick={(event) => {
          event.preventDefault();
          go('journey', 'progress');
        }}>This week: {weekLine}</a></p>
      )}
      {waiting.length > 0 && (
        <p>Waiting for you:{' '}
          {waiting.map(({ words, href, open }, index) => (
            <span key={words}>{index > 0 && ' · '}<a class="tap-link" href={href} onClick={(event) => {
              event.preventDefault();
              open();
            }}>{words}</a></span>
          ))}
        </p>
      )}
    </nav>
  );
}

const count = (n, one, many) => (n === 1 ? one : `${n} ${many}`);

/** What waits for me: questions to answer, agreements waiting for my yes, my partner's latest
 * check-in not yet noticed. */
function useWaitingForMe(me) {
  const questions = useApi(TO_ANSWER).data || [];
  const agreements = (useApi(AGREEMENTS).data?.items || []).filter((agreement) =>
    agreement.state !== 'retired' && !consented(latestVersion(agreement), me.id));
  const theirCheckin = useApi('/api/checkins?author=partner&limit=1').data?.items?.[0];
  const unnoticed = theirCheckin && !theirCheckin.acknowledgements?.some((ack) => ack.author_id === me.id);
  return [
    questions.length > 0 && { words: count(questions.length, 'a question', 'questions'),
      href: '/truth', open: () => go('truth') },
    agreements.length > 0 && { words: count(agreements.length, 'an agreement', 'agreements'),
      href: '/together/agreements', open: () => go('together', 'agreements') },
    unnoticed && { words: 'a check-in to notice', href: '#partner-title',
      open: () => document.getElementById('partner-title')?.scrollIntoView({ block: 'center' }) },
  ].filter(Boolean);
}
