import { useState } from 'preact/hooks';
import { deleteAccount } from '../../../data/settings.js';
import { ConfirmDialog } from './ConfirmDialog.jsx';

/** Deleting the account for good; the server asks for the password once more. */
export function DeleteAccount({ partner, onSignOut }) {
  const [asking, setAsking] = useState(false);
  return (
    <section class="card stack" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete my account</h2>
      <p class="quiet">Everything you wrote is deleted for good. Download your data first if you
        want to keep it.</p>
      <button type="button" class="secondary" onClick={() => setAsking(true)}>
        Delete my account
      </button>
      {asking && (
        <ConfirmDialog id="confirm-delete" title="Delete your account for good?"
          confirm="Delete my account for good" cancel="Keep my account" askPassword
          onClose={() => setAsking(false)}
          run={async (password) => {
            await deleteAccount(password);
            onSignOut(); // the server has ended every session; clear this phone too
          }}>
          <ul class="consequences">
            {partner && (
              <li>Your shared space with {partner.display_name} ends now, for both of you.</li>
            )}
            <li>Everything you wrote is deleted: check-ins, actions, questions and answers,
              your journal, and your words in the history of shared records. What your partner
              wrote stays theirs.</li>
            <li>You are signed out on every device, and this email and password stop working.</li>
            <li>This cannot be undone.</li>
          </ul>
          <p>Type your password to confirm.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
