"""Reminders: permission only on a tap, the (stubbed) subscription reaches the server and is
sent again at every start; a push into the real worker shows the generic notification with its
tag, and a click opens its target."""

import base64
import json
import uuid
from datetime import time

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from playwright.sync_api import expect

from browser.phones import FAKE_PUSH_HOST, eventually, registration_id
from browser.settings_pages import REMINDERS, open_settings
from server.push import payload


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def fake_subscription():
    """What a push service would hand out, with keys this test made (real P-256, real auth)."""
    public = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return {"endpoint": f"http://{FAKE_PUSH_HOST}/push/{uuid.uuid4().hex}",
            "keys": {"p256dh": b64url(public), "auth": b64url(uuid.uuid4().bytes)}}


# A real subscription needs the browser vendor's push service: stub PushManager (it survives
# reloads through localStorage, as a real subscription would) and count subscribe() calls.
STUB_PUSH_MANAGER = """
(() => {
  const fake = %s;
  const make = () => ({
    endpoint: fake.endpoint, expirationTime: null, options: {},
    toJSON: () => ({ endpoint: fake.endpoint, expirationTime: null, keys: fake.keys }),
    unsubscribe: async () => { localStorage.removeItem('fake-push'); return true; },
  });
  const ask = Notification.requestPermission.bind(Notification);
  Notification.requestPermission = () => {
    localStorage.setItem('asked', String(Number(localStorage.getItem('asked') || 0) + 1));
    return ask();
  };
  PushManager.prototype.subscribe = async function (options) {
    if (!(options.applicationServerKey instanceof Uint8Array)) throw new Error('no key');
    localStorage.setItem('fake-push', String(options.applicationServerKey.length));
    return make();
  };
  PushManager.prototype.getSubscription = async function () {
    return localStorage.getItem('fake-push') ? make() : null;
  };
})();
"""

READ_NOTIFICATIONS = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body,
    tag: n.tag, navigate: n.data && n.data.navigate }));
}"""


def test_push_subscription_notification_and_click(couple, app):
    subscription = fake_subscription()
    ana, _ = couple()
    ana.context.add_init_script(script=STUB_PUSH_MANAGER % json.dumps(subscription))
    ana.context.grant_permissions(["notifications"], origin=ana.base_url)
    sent = []
    ana.page.on("request", lambda r: r.method == "POST" and r.url.endswith(
        "/api/push/subscriptions") and sent.append(r.url))

    page = open_settings(ana, REMINDERS)
    ana.wait_for_service_worker()
    expect(page.get_by_test_id("push-state")).to_contain_text("Reminders for the rituals")
    assert ana.evaluate("() => localStorage.getItem('asked')") is None, "never asked on load"
    assert sent == [], "nothing is subscribed before the person asks"
    page.get_by_role("button", name="Turn on reminders").click()
    expect(page.get_by_test_id("push-state")).to_contain_text("Reminders are on")
    assert ana.evaluate("() => localStorage.getItem('asked')") == "1"
    devices = eventually(lambda: ana.json("GET", "/api/push/subscriptions", status=200))
    assert len(devices) == 1
    assert ana.evaluate("() => localStorage.getItem('fake-push')") == "65"  # the server's key

    page.reload()  # every start sends the subscription again
    eventually(lambda: len(sent) == 2, message="the subscription was not re-sent at start",
               page=page)
    assert len(ana.json("GET", "/api/push/subscriptions", status=200)) == 1

    # A ritual reminder exactly as the server sends it, with a target to open on click.
    message = json.loads(payload.ritual_reminder(uuid.uuid4(), time(21, 0), ana.base_url))
    message["notification"]["navigate"] = f"{ana.base_url}/journey"
    cdp, registration = registration_id(ana)
    cdp.send("ServiceWorker.deliverPushMessage", {"origin": ana.base_url,
             "registrationId": registration, "data": json.dumps(message)})
    shown = eventually(lambda: ana.evaluate(READ_NOTIFICATIONS),
                       message="the worker showed no notification")
    assert shown == [{"title": "Time for your evening ritual", "body": "You have a reminder",
                      "tag": message["notification"]["tag"],
                      "navigate": f"{ana.base_url}/journey"}]
    assert shown[0]["tag"].startswith("ritual-")

    # The click, as the browser would dispatch it to the worker.
    worker = eventually(lambda: ana.context.service_workers, message="no worker handle")[0]
    worker.evaluate("""async () => {
      const [notification] = await self.registration.getNotifications();
      self.dispatchEvent(new NotificationEvent('notificationclick', { notification }));
    }""")
    expect(page.get_by_role("heading", name="Journey")).to_be_visible()
    assert page.url == f"{ana.base_url}/journey"
    assert ana.evaluate(READ_NOTIFICATIONS) == [], "the tapped notification is closed"


def reminders_on_this_phone(phone):
    """The phone allowed notifications and is subscribed (stubbed, as above), from its first page
    on: what "Remind me" needs before it shows on."""
    phone.context.add_init_script(script=STUB_PUSH_MANAGER % json.dumps(fake_subscription()))
    phone.context.add_init_script(
        script="try { localStorage.setItem('fake-push', '65'); } catch {}")
    phone.context.grant_permissions(["notifications"], origin=phone.base_url)
