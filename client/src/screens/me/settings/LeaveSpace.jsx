import { useState } from 'preact/hooks';
import { leaveSpace } from '../../../data/settings.js';
import { go } from '../../../router.js';
import { ConfirmDialog } from './ConfirmDialog.jsx';

/** Ending the shared space: alone, at once, nobody's approval; said plainly before it is done. */
export function LeaveSpace({ partner, onSpaceLeft }) {
  const [asking, setAsking] = useState(false);
  const partnerName = partner?.display_name || 'your partner';
  return (
    <section class="card stack" aria-labelledby="leaving-title">
      <h2 id="leaving-title">Leaving</h2>
      <p class="quiet">Either of you can end the shared space at any time, alone. What you wrote
        yourself stays yours.</p>
      <button type="button" class="secondary" onClick={() => setAsking(true)}>
        Leave our space
      </button>
      {asking && (
        <ConfirmDialog id="confirm-leave" title="Leave our space?" confirm="Yes, end our space"
          cancel="Stay" onClose={() => setAsking(false)}
          run={async () => {
            await leaveSpace();
            go('today'); // home: the ending, said gently, with what stays and the choices
            onSpaceLeft();
          }}>
          <ul class="consequences">
            <li>The space ends now, for both of you. {partnerName} does not need to agree, and
              is not sent a notification; their app shows that the space has ended.</li>
            <li>What you wrote yourself stays yours: your check-ins, actions, questions, your
              journal. You can still read them and download them.</li>
            <li>What {partnerName} wrote is no longer shown to you, and what you wrote is no
              longer shown to them.</li>
            <li>Shared agreements and rituals end; rituals stop reminding either of you.</li>
            <li>This cannot be undone. To share again, one of you starts a new space.</li>
          </ul>
        </ConfirmDialog>
      )}
    </section>
  );
}
