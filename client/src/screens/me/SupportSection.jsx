import { Support } from '../../components/Support.jsx';
import { go } from '../../router.js';
import './me.css';

/** Support and crisis resources, one tap from anywhere in Me, and what helps in the meantime.
 * Everything here is plain text shipped with the app: it opens offline and loads nothing. */
export function SupportSection() {
  return (
    <>
      <Support />
      <NotSafe />
      <Grounding />
      <SelfCare />
    </>
  );
}

function NotSafe() {
  return (
    <section class="card caution" data-testid="not-safe" aria-labelledby="not-safe-title">
      <h2 id="not-safe-title">If you do not feel safe</h2>
      <ul class="steps">
        <li>If you are in danger right now, call your local emergency number. That comes
          before anything in this app.</li>
        <li>Go where other people are, or somewhere with a door you can lock.</li>
        <li>Quick exit, in the top corner on every screen (or Shift three times), leaves this app
          at once and takes it out of the back button.</li>
        <li>If someone might look at this phone: turn on the app lock in Settings, or sign out,
          which clears everything Kintsugi kept here.</li>
        <li>You can leave the shared space at any time, alone, in Settings. Nobody has to
          agree. What you wrote yourself stays yours.</li>
        <li>A helpline can help you make a safety plan; the numbers are above.</li>
      </ul>
    </section>
  );
}

function Grounding() {
  return (
    <section class="card" aria-labelledby="grounding-title">
      <h2 id="grounding-title">When it floods: come back to the room</h2>
      <p>Strong feelings pass, even when it does not seem so. Try one of these, slowly.</p>
      <h3>Breathe</h3>
      <p>Breathe in for four counts, hold for four, out for six. Five or six rounds. A longer
        breath out tells the body it can stand down.</p>
      <h3>Five things</h3>
      <ol class="steps">
        <li>Name five things you can see.</li>
        <li>Four things you can touch, and touch them.</li>
        <li>Three things you can hear.</li>
        <li>Two things you can smell.</li>
        <li>One thing you can taste.</li>
      </ol>
      <h3>Feet on the floor</h3>
      <p>Press your feet into the floor and feel what holds you up. Cold water on your hands or
        face helps too.</p>
      <p>In a hard conversation, it is fine to stop and come back later.</p>
      <a class="button-link" href="/me/pause" onClick={(event) => {
        event.preventDefault();
        go('me', 'pause');
      }}>
        Ask for a pause
      </a>
    </section>
  );
}

function SelfCare() {
  return (
    <details class="card more self-care">
      <summary>Taking care of yourself</summary>
      <ul class="steps">
        <li>Sleep, food and water first. Everything is harder without them.</li>
        <li>Tell one person you trust how you really are.</li>
        <li>Move a little every day: a walk counts.</li>
        <li>Go easy on alcohol; it makes the nights longer.</li>
        <li>You do not have to decide the future today.</li>
        <li>Whatever you feel is allowed. What you do with it is yours to choose.</li>
      </ul>
    </details>
  );
}
