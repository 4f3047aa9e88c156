// Reminders by Web Push. Permission is asked only when the person taps the settings row; once
// subscribed, the subscription is sent again at every start (the server keeps one row per
// device and learns when a push service changed it).
import { get, send } from './api.js';

export function pushSupported() {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** 'unsupported' | 'denied' | 'off' | 'on' (this device is subscribed) */
export async function reminderState() {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  if (Notification.permission !== 'granted') return 'off';
  const registration = await navigator.serviceWorker.ready;
  return (await registration.pushManager.getSubscription()) ? 'on' : 'off';
}

function keyBytes(base64url) {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(raw, (char) => char.charCodeAt(0));
}

function describe(subscription) {
  const { endpoint, keys, expirationTime } = subscription.toJSON();
  return { endpoint, keys, expirationTime: expirationTime ?? null, encoding: 'aes128gcm' };
}

/** On a tap: ask, subscribe with the server's key, tell the server. Returns the new state. */
export async function turnOnReminders() {
  const answer = await Notification.requestPermission();
  if (answer !== 'granted') return answer === 'denied' ? 'denied' : 'off';
  const registration = await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  if (!subscription) {
    const { public_key: publicKey } = await get('/api/push/public-key');
    subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(publicKey),
    });
  }
  await send('POST', '/api/push/subscriptions', describe(subscription));
  return 'on';
}

/** At every start: if this device is subscribed, say so again (quietly; offline is fine). */
export async function resendSubscription() {
  if (!pushSupported() || Notification.permission !== 'granted') return;
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.getSubscription();
  if (subscription) await send('POST', '/api/push/subscriptions', describe(subscription));
}

export async function turnOffReminders() {
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.getSubscription();
  if (subscription) {
    await send('POST', '/api/push/unsubscribe', { endpoint: subscription.endpoint });
    await subscription.unsubscribe();
  }
  return 'off';
}
