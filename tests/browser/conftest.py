"""Two phones against the real server: browser contexts at 390×844, the two partners."""

import pytest

from browser.phones import FAKE_PUSH_HOST, VIEWPORT, Phone


@pytest.fixture
def app(make_app):
    return make_app(PUSH_EXTRA_ALLOWED_HOSTS=[FAKE_PUSH_HOST])


@pytest.fixture
def phones(browser, live_server):
    """phones("light") → a new phone; every context is closed after the test."""
    contexts = []

    def make(color_scheme="light", **options):
        context = browser.new_context(viewport=VIEWPORT, color_scheme=color_scheme,
                                      base_url=live_server, **options)
        contexts.append(context)
        return Phone(context, live_server)

    yield make
    for context in contexts:
        context.close()


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
