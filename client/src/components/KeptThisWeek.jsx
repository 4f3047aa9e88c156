import { actionDaysPath, keptWords } from '../data/kept.js';
import { useApi } from '../data/store.js';

/** Today's line on small consistent actions: on how many of the last 7 days each of us did one. */
export function KeptThisWeek({ partnerName }) {
  const mine = useApi(actionDaysPath('me', 7)).data;
  const theirs = useApi(actionDaysPath('partner', 7)).data;
  if (!mine && !theirs) return null;
  return (
    <p class="kept quiet" data-testid="kept-this-week">
      {[mine && `You: ${keptWords(mine.days_with_action, 'the last 7 days')}`,
        theirs && `${partnerName}: ${keptWords(theirs.days_with_action, 'the last 7 days')}`]
        .filter(Boolean).join(' · ')}
    </p>
  );
}
