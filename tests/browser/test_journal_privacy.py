"""The canary in the browser: words Ana writes in her private journal, through the app, never
reach Ben's phone. Ben's app visits every tab and every section; then his page, every IndexedDB
database and store, Cache Storage and web storage are searched for them. Ana's phone does hold
them, so the search can fail."""

import uuid

import phone_crypto
from playwright.sync_api import expect

from browser.phones import eventually

# Everything the origin keeps in IndexedDB, read with plain IndexedDB (no app code), made into
# text: every database the browser lists, every object store, keys and values; binary values
# decoded, Blobs read.
EVERY_INDEXEDDB = """async () => {
  const done = (request) => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const plain = async (value) => {
    if (value instanceof Blob) return value.text();
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      return new TextDecoder().decode(value);
    }
    if (Array.isArray(value)) return Promise.all(value.map(plain));
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      const entries = await Promise.all(Object.entries(value)
        .map(async ([key, inner]) => [key, await plain(inner)]));
      return Object.fromEntries(entries);
    }
    return value;
  };
  const dump = {};
  for (const { name } of await indexedDB.databases()) {
    const database = await done(indexedDB.open(name));
    dump[name] = {};
    for (const store of database.objectStoreNames) {
      const objects = database.transaction(store).objectStore(store);
      const [keys, values] = await Promise.all([done(objects.getAllKeys()),
                                                done(objects.getAll())]);
      dump[name][store] = { keys: await plain(keys), values: await plain(values) };
    }
    database.close();
  }
  return JSON.stringify(dump);
}"""

# Every cache of Cache Storage: each request's URL, the response's headers and body.
EVERY_CACHE = """async () => {
  const parts = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      parts.push(name, request.url, JSON.stringify([...response.headers]), await response.text());
    }
  }
  return parts.join('\\n');
}"""

WEB_STORAGE = """() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }])"""

DOM = "() => document.body.innerHTML"


def visit_everything(phone):
    """Every tab of the tab bar and every section of each tab, tapped as a person would; yields
    each address once the place is shown and its lists had time to arrive."""
    page = phone.page
    tab_bar = page.get_by_role("navigation", name="Sections")
    for tab in [name.strip() for name in tab_bar.get_by_role("link").all_inner_texts()]:
        tab_bar.get_by_role("link", name=tab, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(tab)
        parts = page.get_by_role("navigation", name=f"Parts of {tab}")
        sections = [name.strip() for name in parts.get_by_role("link").all_inner_texts()]
        for section in sections or [None]:
            if section:
                link = parts.get_by_role("link", name=section, exact=True)
                link.click()
                expect(link).to_have_attribute("aria-current", "page")
            page.wait_for_timeout(700)
            yield page.evaluate("() => location.pathname")


def test_a_journal_entry_written_in_the_app_never_reaches_the_partners_phone(couple):
    canary = f"canary-{uuid.uuid4().hex}"
    ana, ben = couple()

    page = ana.open("/me/journal")
    expect(page.get_by_test_id("private-note")).to_contain_text("Only you can read this")
    ana.open_journal()
    page.get_by_role("button", name="triggers", exact=True).click()
    page.get_by_label("What triggered me recently").fill(f"{canary}: the message at dinner")
    page.get_by_role("button", name="Save in my journal").click()
    entries = page.get_by_test_id("journal-entries")
    expect(entries).to_contain_text(f"{canary}: the message at dinner")
    entry = eventually(lambda: ana.json("GET", "/api/journal")["items"],
                       message="the entry never reached the server")[0]
    # Changed once, so a second version exists wherever versions could be kept.
    entries.get_by_role("button", name="Edit").click()
    page.get_by_label("Change this entry").fill(f"{canary}: what I needed was a pause")
    page.get_by_role("button", name="Save the change").click()
    eventually(lambda: ana.json("GET", f"/api/journal/{entry['id']}")["version"] == 2,
               message="the change never reached the server")
    expect(entries).to_contain_text("Version 2")

    # Ben's phone, the whole app, with his own entry in his own journal (so the journal lists
    # something on his phone too). He is online and his service worker is installed.
    bens_entry = uuid.uuid4()
    bens_sealed = phone_crypto.seal(ben.journal_key, bens_entry, 1, "Ben's own words", "healing")
    ben.json("PUT", f"/api/journal/{bens_entry}", {
        "sealed": bens_sealed, "occurred_at": entry["occurred_at"]}, status=201)
    ben.open("/today")
    ben.wait_for_service_worker()
    visited = []
    for where in visit_everything(ben):
        visited.append(where)
        assert canary not in ben.evaluate(DOM), f"Ana's words in Ben's page at {where}"
    for tab in ("/today", "/truth", "/together/", "/journey", "/me/journal", "/me/setbacks",
                "/me/pause", "/me/support", "/me/settings"):
        assert any(where.startswith(tab) for where in visited), (tab, visited)
    assert len([where for where in visited if where.startswith("/together/")]) >= 4

    dom = ben.evaluate(DOM)
    databases = ben.evaluate(EVERY_INDEXEDDB)
    cached = ben.evaluate(EVERY_CACHE)
    web_storage = ben.evaluate(WEB_STORAGE)
    # What was searched holds what Ben's app kept: his own journal and the app shell.
    assert bens_sealed in databases and "/api/journal" in databases
    assert "/index.html" in cached
    assert canary not in dom
    assert canary not in databases
    assert canary not in cached
    assert canary not in web_storage

    # Ana's phone shows her words, and keeps them only sealed.
    sealed = ana.json("GET", f"/api/journal/{entry['id']}")["sealed"]
    eventually(lambda: sealed in ana.evaluate(EVERY_INDEXEDDB),
               message="Ana's phone never kept her entry")
    assert canary not in ana.evaluate(EVERY_INDEXEDDB)
    assert f"{canary}: what I needed was a pause" in ana.evaluate(DOM)
