import { useState } from 'preact/hooks';
import { changePassword, explain } from '../../../data/settings.js';
import { refreshAll } from '../../../data/store.js';

/** A new password; the server signs every other device out with it. */
export function Password() {
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    setProblem('');
    setDone(false);
    setBusy(true);
    try {
      await changePassword(fields.get('current'), fields.get('new'));
      form.reset();
      setDone(true);
      refreshAll(); // the other sessions are gone now
    } catch (failure) {
      setProblem(explain(failure));
    }
    setBusy(false);
  }
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <p class="quiet">Changing it signs out every other device, this phone stays signed in.
        Your journal is sealed anew with the new password, here on this phone.</p>
      <p class="quiet"><strong>A lost password means a lost journal:</strong> nobody, not even
        whoever runs the server, can open it without your password. Keep the new one safe.</p>
      <label>
        Current password
        <input name="current" type="password" autocomplete="current-password" required />
      </label>
      <label>
        New password (at least 8 characters)
        <input name="new" type="password" autocomplete="new-password" required minLength={8}
          maxLength={128} />
      </label>
      <button type="submit" disabled={busy}>Change my password</button>
      {done && (
        <p class="noticed" role="status">
          Your password is changed. Every other device is signed out.
        </p>
      )}
      {problem && <p class="problem-text" role="alert">{problem}</p>}
    </form>
  );
}
