"""The built phone app in Debian's Chromium: it loads from our origin alone and reaches the API.
(The phone app's own tests are in tests/browser/.)"""

from urllib.parse import urlparse

from playwright.sync_api import expect


def test_app_loads_with_no_external_origin_and_no_policy_violations(page, live_server):
    origins, problems, asked = set(), [], []
    page.on("request", lambda request: origins.add(urlparse(request.url).netloc))
    page.on("response", lambda response: response.url.endswith("/api/auth/session")
            and asked.append(response.json()))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(live_server)
    expect(page.get_by_role("heading", name="Kintsugi", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Create an account")).to_be_visible()
    expect(page.get_by_role("button", name="Quick exit")).to_be_visible()

    # The API was reached: nobody is signed in, an answer (not a 401 Chromium logs as an error).
    assert asked == [{"signed_in": False, "me": None}]
    assert origins == {urlparse(live_server).netloc}
    assert problems == []


def test_service_worker_takes_control_of_the_page(page, live_server):
    page.goto(live_server)
    # Bounded: without a built client no worker ever registers, and `ready` never settles.
    page.evaluate("""async () => { await Promise.race([navigator.serviceWorker.ready,
      new Promise((_, fail) => setTimeout(() => fail(new Error('no worker')), 15000))]);
    }""")
    # The worker claims open pages when it activates; poll (our CSP forbids string eval).
    for _ in range(100):
        if page.evaluate("() => navigator.serviceWorker.controller?.scriptURL ?? null"):
            break
        page.wait_for_timeout(100)
    assert page.evaluate("() => navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")
