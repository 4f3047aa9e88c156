"""Two phones against the real server: browser contexts at 390×844, the two partners. Every
phone's screens are checked for the layout invariants (phones.check_screen) as the test goes,
and once more at its end."""

import pytest

from browser.phones import FAKE_PUSH_HOST, VIEWPORT, Phone, check_screen


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's outcome on the test (the phones' last check runs after a passed test
    only: a failure is reported once, as itself)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"outcome_{report.when}", report)


@pytest.fixture
def app(make_app):
    return make_app(PUSH_EXTRA_ALLOWED_HOSTS=[FAKE_PUSH_HOST])


@pytest.fixture
def phones(browser, live_server, request):
    """phones("light") → a new phone (390×844 unless `viewport=` says otherwise). After a test
    that passed, each phone's last screen is checked (check_screen) and every screen it showed
    on the way must have held the layout invariants; then every context is closed."""
    made = []

    def make(color_scheme="light", **options):
        options.setdefault("viewport", VIEWPORT)
        context = browser.new_context(color_scheme=color_scheme, base_url=live_server, **options)
        made.append(Phone(context, live_server))
        return made[-1]

    yield make
    try:
        call = getattr(request.node, "outcome_call", None)
        if call is not None and call.passed:
            for phone in made:
                if not phone.page.is_closed():
                    phone.page.wait_for_timeout(500)  # the last tap's transitions end
                    check_screen(phone)
    finally:
        for phone in made:
            phone.context.close()


@pytest.fixture
def couple(phones):
    """Ana and Ben, signed up and paired through the API, each on their own phone."""

    def make(color_scheme="light", **options):
        ana, ben = phones(color_scheme, **options), phones(color_scheme, **options)
        ana.sign_up("Ana")
        ben.sign_up("Ben")
        code = ana.json("POST", "/api/space", {"role": "healing"}, status=201)["invite"]["code"]
        ben.json("POST", "/api/space/join", {"code": code, "role": "rebuilding"}, status=200)
        return ana, ben

    return make
