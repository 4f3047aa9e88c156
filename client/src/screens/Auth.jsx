import { useState } from 'preact/hooks';
import { ApiFailure, Offline } from '../data/api.js';
import { register, signIn } from '../data/store.js';

function explain(failure) {
  if (failure instanceof Offline) return 'You are offline. Signing in needs a connection.';
  if (failure instanceof ApiFailure) {
    const fields = Object.values(failure.error.fields || {}).flat().join(' ');
    return fields || failure.message;
  }
  return 'Something went wrong. Please try again.';
}

/** Create an account or sign in: `mode` is 'register' or 'signin'. */
export function Auth({ mode, onDone, onSwitch, onBack }) {
  const creating = mode === 'register';
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setProblem('');
    try {
      const me = creating
        ? await register(form.get('name'), form.get('email'), form.get('password'))
        : await signIn(form.get('email'), form.get('password'));
      onDone(me);
    } catch (failure) {
      setProblem(creating && failure instanceof ApiFailure && failure.status === 401
        ? 'This email may already have an account: try signing in.' : explain(failure));
      setBusy(false);
    }
  }

  return (
    <main class="screen" id="main">
      <button type="button" class="link back" onClick={onBack}>← Back</button>
      <h1>{creating ? 'Create your account' : 'Welcome back'}</h1>
      <form class="stack" onSubmit={submit}>
        {creating && (
          <label>
            Your first name (your partner sees it)
            <input name="name" autocomplete="given-name" required maxLength={80} />
          </label>
        )}
        <label>
          Email
          <input name="email" type="email" autocomplete="email" required />
        </label>
        <label>
          Password{creating && ' (at least 8 characters)'}
          <input name="password" type="password" required minLength={creating ? 8 : 1}
            autocomplete={creating ? 'new-password' : 'current-password'} />
        </label>
        {creating && (
          <p class="quiet" id="password-promise">Your password seals your private journal on
            your phone, and never leaves it. <strong>Keep it safe: a lost password means a lost
            journal.</strong> Nobody, not even whoever runs the server, can open the journal
            without it.</p>
        )}
        {problem && <p class="problem-text" role="alert">{problem}</p>}
        {busy && <p class="quiet" role="status">Sealing with your password…</p>}
        <button type="submit" disabled={busy}>{creating ? 'Create account' : 'Sign in'}</button>
      </form>
      <p>
        {creating ? 'Already have an account? ' : 'New here? '}
        <button type="button" class="link" onClick={onSwitch}>
          {creating ? 'Sign in' : 'Create an account'}
        </button>
      </p>
    </main>
  );
}
