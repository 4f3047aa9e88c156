import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { QuickExit } from '../../../components/QuickExit.jsx';
import { explain } from '../../../data/settings.js';

/** A modal question in the page (not window.confirm: that is unstyled, easy to tap through and
 * out of reach of a screen reader's reading order). `run(password)` does the work; while it
 * fails the dialog stays open with the reason, and nothing has changed. Escape or "cancel"
 * closes it. With `askPassword`, the person types their password to confirm. A modal dialog
 * makes the page behind it inert, the quick exit too: so the dialog has its own, in the same
 * corner (last in it, so opening the dialog never puts focus on leaving). */
export function ConfirmDialog({ id, title, confirm, cancel = 'Cancel', askPassword, run, onClose,
  children }) {
  const dialog = useRef(null);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  // Modal from its first frame: no moment where it shows but the page behind still takes taps.
  useLayoutEffect(() => {
    const shown = dialog.current;
    shown.showModal();
    return () => shown.open && shown.close();
  }, []);

  async function submit(event) {
    event.preventDefault();
    setProblem('');
    setBusy(true);
    const password = new FormData(event.currentTarget).get('password');
    try {
      await run(password);
    } catch (failure) {
      setProblem(explain(failure));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} class="confirm" aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}>
      <form class="stack" onSubmit={submit}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        {askPassword && (
          <label>
            Your password
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
        )}
        {problem && <p class="problem-text" role="alert">{problem}</p>}
        <div class="row">
          <button type="submit" class="danger" disabled={busy}>{confirm}</button>
          <button type="button" class="secondary" onClick={onClose}>{cancel}</button>
        </div>
      </form>
      <QuickExit />
    </dialog>
  );
}
