import { InstallHint } from '../../components/InstallHint.jsx';
import { go } from '../../router.js';
import { AppLock } from './settings/AppLock.jsx';
import { DeleteAccount } from './settings/DeleteAccount.jsx';
import { Devices } from './settings/Devices.jsx';
import { ExportData } from './settings/ExportData.jsx';
import { LeaveSpace } from './settings/LeaveSpace.jsx';
import { Notifications } from './settings/Notifications.jsx';
import { Password } from './settings/Password.jsx';
import { Profile } from './settings/Profile.jsx';
import { Reminders } from './settings/Reminders.jsx';
import { Sessions } from './settings/Sessions.jsx';
import './settings/settings.css';

// Settings is a short list of pages, each about one thing, so nothing is far down a long page:
// [address, title, what it holds (one line), the page].
const PAGES = [
  ['reminders', 'Reminders and notifications', 'What reaches this phone, and when',
    ({ outbox }) => (
      <>
        <Reminders />
        <Notifications outbox={outbox} />
      </>
    )],
  ['devices', 'Devices and sign-ins', 'Where I am signed in; this phone',
    () => (
      <>
        <Sessions />
        <Devices />
        <InstallHint always />
      </>
    )],
  ['lock', 'App lock and password', 'A PIN on this phone; my password',
    ({ onLockChange }) => (
      <>
        <AppLock onChange={onLockChange} />
        <Password />
      </>
    )],
  ['data', 'My data', 'A copy of everything I wrote',
    () => <ExportData />],
  ['leaving', 'Leaving', 'Ending our space; deleting my account',
    ({ me, partner, onSpaceLeft, onSignOut }) => (
      <>
        {me.space?.status === 'paired' && <LeaveSpace partner={partner} onSpaceLeft={onSpaceLeft} />}
        <DeleteAccount partner={partner} onSignOut={onSignOut} />
      </>
    )],
];

function open(event, name) {
  event.preventDefault();
  go('me', 'settings', name);
}

/** Settings for this person and this phone: who I am and the pages of settings (what reaches me,
 * where I am signed in, the app lock, my data, the ways out), and signing out of this phone,
 * two taps from Me. The address keeps the open page (/me/settings/<page>). */
export function Settings(props) {
  const shown = PAGES.find(([name]) => name === props.page);
  if (shown) {
    // Each card on the page has its own heading: the menu's title is not repeated above them.
    const [, , , Page] = shown;
    return (
      <div class="settings settings-page">
        <a class="back-link" href="/me/settings" onClick={(event) => open(event, '')}>
          <span aria-hidden="true">‹</span>All settings
        </a>
        <Page {...props} />
      </div>
    );
  }
  const { me, partner, outbox, onSignOut } = props;
  return (
    <div class="settings">
      <Profile me={me} partner={partner} outbox={outbox} />
      <nav aria-label="Settings pages">
        <ul class="menu">
          {PAGES.map(([name, title, holds]) => (
            <li key={name}>
              <a href={`/me/settings/${name}`} onClick={(event) => open(event, name)}>
                <span class="menu-title">{title}</span>
                <span class="menu-holds">{holds}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <button type="button" class="secondary wide" onClick={onSignOut}>
        Sign out and clear this phone
      </button>
    </div>
  );
}
