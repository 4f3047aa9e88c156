import { useState } from 'preact/hooks';
import { when } from '../../../components/time.js';
import { explain, removeDevice } from '../../../data/settings.js';
import { refreshAll, useApi } from '../../../data/store.js';

/** The devices my notifications go to (one per phone where reminders were turned on). */
export function Devices() {
  const answer = useApi('/api/push/subscriptions');
  const [removed, setRemoved] = useState([]);
  const [problem, setProblem] = useState('');
  const devices = (answer.data || []).filter((device) => !removed.includes(device.id));

  const remove = (device) => {
    setProblem('');
    removeDevice(device.id).then(() => {
      setRemoved([...removed, device.id]);
      refreshAll();
    }, (failure) => setProblem(explain(failure)));
  };
  return (
    <section class="card stack" aria-labelledby="devices-title">
      <h2 id="devices-title">Devices that get notifications</h2>
      {answer.data === undefined && !answer.offline && <p class="quiet">Loading…</p>}
      {answer.data && devices.length === 0 && (
        <p class="quiet">None. Turn on reminders on each phone where you want them.</p>
      )}
      <ul class="plain list settings-list" data-testid="devices">
        {devices.map((device) => (
          <li key={device.id} class="with-button">
            <div>
              <strong>{device.device_label}</strong>
              <p class="quiet">
                Last seen {when(device.last_seen_at)}
                {device.last_error && ' · the last reminder did not arrive'}
              </p>
            </div>
            <button type="button" class="secondary" onClick={() => remove(device)}>
              Remove<span class="visually-hidden"> {device.device_label}</span>
            </button>
          </li>
        ))}
      </ul>
      {answer.offline && (
        <p class="quiet">As last seen on this phone. Removing a device needs a connection.</p>
      )}
      <p class="quiet">A removed phone gets nothing more. If it is this phone, it signs up again the
        next time Kintsugi opens while its reminders are on: turn them off above instead.</p>
      {problem && <p class="problem-text" role="alert">{problem}</p>}
    </section>
  );
}
