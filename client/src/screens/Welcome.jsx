import { InstallHint } from '../components/InstallHint.jsx';
import { Support } from '../components/Support.jsx';

export function Welcome({ onRegister, onSignIn }) {
  return (
    <main class="screen welcome" id="main">
      <header class="hero">
        <svg class="logo" viewBox="96 180 320 220" aria-hidden="true">
          <path d="M112 214h288c0 86-64 150-144 150s-144-64-144-150z" class="bowl" />
          <path d="M236 214l-16 42 34 26-22 38 20 44M254 282l58 10 28 34" class="seam" />
        </svg>
        <h1>Kintsugi</h1>
        <p class="lead">
          A private space for two partners rebuilding trust after a betrayal. The break stays
          visible; the mended bowl can be stronger.
        </p>
      </header>

      <div class="actions">
        <button type="button" onClick={onRegister}>Create an account</button>
        <button type="button" class="secondary" onClick={onSignIn}>Sign in</button>
      </div>

      <section class="card">
        <h2>What it is</h2>
        <ul class="plain">
          <li>Check-ins you both choose to share: how you feel, trust, safety, connection.</li>
          <li>Small consistent actions, and the other noticing them.</li>
          <li>A way to ask for a pause when a conversation floods.</li>
          <li>Rituals you agree on, with gentle reminders.</li>
        </ul>
        <h2>What it is not</h2>
        <ul class="plain">
          <li>Not a way to watch each other: no location, nothing read from anyone's phone.</li>
          <li>Not therapy, and not a crisis service.</li>
          <li>Nothing is judged or scored. Either of you can leave at any time, alone.</li>
        </ul>
      </section>

      <section class="card caution" aria-labelledby="monitored-title">
        <h2 id="monitored-title">If someone may be watching your phone</h2>
        <p>
          A monitored phone is not safe to use for this. If someone can read your messages, knows
          your passcode or has installed something on your phone, use a device only you control.
          Quick exit (top right, or Shift three times) leaves at once.
        </p>
      </section>

      <InstallHint />
      <Support />
    </main>
  );
}
