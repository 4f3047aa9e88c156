import { InstallHint } from '../../components/InstallHint.jsx';
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

/** Settings for this person and this phone: who I am, what reaches me and where, who is signed
 * in, the app lock, my data, and the ways out (leaving the space while in one, deleting the
 * account in any state). */
export function Settings({ me, partner, outbox, onSignOut, onSpaceLeft, onLockChange }) {
  return (
    <div class="settings">
      <Profile me={me} partner={partner} outbox={outbox} />
      <Reminders />
      <Notifications outbox={outbox} />
      <Devices />
      <Sessions onSignOut={onSignOut} />
      <AppLock onChange={onLockChange} />
      <Password />
      <InstallHint always />
      <ExportData />
      {me.space?.status === 'paired' && <LeaveSpace partner={partner} onSpaceLeft={onSpaceLeft} />}
      <DeleteAccount partner={partner} onSignOut={onSignOut} />
    </div>
  );
}
