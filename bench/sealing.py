"""The sealed journal's cost on the phone (issue #18), in Debian's Chromium: the sign-in
derivation (Argon2id with production's parameters, then HKDF, as client/src/data/sealing.js does
it, with hash-wasm's WebAssembly) and sealing and opening 1,000 entries with AES-256-GCM.

Targets: the derivation ≤ 1 s on this machine, 1,000 entries opened ≤ 200 ms.

The app's own module is loaded as it is in the source (an import map names hash-wasm), from a
loopback static server over the repository, so what is timed is the app's code."""

import argparse
import functools
import shutil
import statistics
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

from server.config import load

ROOT = Path(__file__).resolve().parents[1]
PAGE = """<!doctype html><meta charset="utf-8"><title>bench</title>
<script type="importmap">{"imports": {"hash-wasm": "/node_modules/hash-wasm/dist/index.esm.js"}}
</script><p>bench</p>"""
RUN = """async ({ kdf, runs, entries, words }) => {
  const sealing = await import('/client/src/data/sealing.js');
  const derivations = [];
  let derived;
  await sealing.derive('warm up the module', kdf);
  for (let n = 0; n < runs; n += 1) {
    const start = performance.now();
    derived = await sealing.derive(`mended with gold ${n}`, kdf);
    derivations.push(performance.now() - start);
  }
  const key = await sealing.unwrapKey(
    await sealing.wrapKey(await sealing.newJournalKey(), derived.wrapping), derived.wrapping);
  const ids = Array.from({ length: entries }, () => crypto.randomUUID());
  let start = performance.now();
  const sealed = await Promise.all(ids.map((id, n) =>
    sealing.sealEntry(key, id, 1, { prompt: null, text: `${words} ${n}` })));
  const sealMs = performance.now() - start;
  start = performance.now();
  const opened = await Promise.all(ids.map((id, n) => sealing.openEntry(key, id, 1, sealed[n])));
  const openMs = performance.now() - start;
  if (opened[entries - 1].text !== `${words} ${entries - 1}`) throw new Error('did not open');
  return { derivations, sealMs, openMs, bytes: sealed.reduce((sum, s) => sum + s.length, 0) };
}"""


class Files(SimpleHTTPRequestHandler):
    """The repository's files (the app's source, node_modules), and the bench page."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path != "/bench.html":
            return super().do_GET()
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def guess_type(self, path):
        return "text/javascript" if str(path).endswith(".js") else super().guess_type(path)


def serve():
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Files, directory=str(ROOT)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="derivations timed (default 5)")
    parser.add_argument("--entries", type=int, default=1000)
    args = parser.parse_args()
    config = load(ROOT / "instance", {"ENV": "development", "SECRET_KEY": "bench"})
    kdf = {"algorithm": "argon2id", "salt": "c2FsdHNhbHRzYWx0c2FsdA",
           "memory_kib": config["ARGON2_MEMORY_COST"], "iterations": config["ARGON2_TIME_COST"],
           "parallelism": config["ARGON2_PARALLELISM"]}
    words = "What triggered me today, and what I needed in that moment. " * 6  # ~360 characters
    base_url, server = serve()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
        page = browser.new_page()
        page.goto(f"{base_url}/bench.html")
        result = page.evaluate(RUN, {"kdf": kdf, "runs": args.runs, "entries": args.entries,
                                     "words": words})
        version = browser.version
        browser.close()
    server.shutdown()

    median = statistics.median(result["derivations"])
    print(f"\n  Sealed journal on the phone (Debian Chromium {version}), "
          f"production parameters: Argon2id m={kdf['memory_kib']} KiB, t={kdf['iterations']}, "
          f"p={kdf['parallelism']}")
    print(f"  sign-in derivation (Argon2id + HKDF), {args.runs} runs: median {median:.0f} ms, "
          f"max {max(result['derivations']):.0f} ms  (target ≤ 1000 ms: "
          f"{'pass' if median <= 1000 else 'OVER'})")
    print(f"  seal {args.entries} entries of ~{len(words)} characters: {result['sealMs']:.0f} ms")
    print(f"  open {args.entries} entries: {result['openMs']:.0f} ms  (target ≤ 200 ms: "
          f"{'pass' if result['openMs'] <= 200 else 'OVER'})")
    print(f"  stored: {result['bytes'] / args.entries:.0f} characters per entry (padded to 256 "
          "bytes, base64url)")


if __name__ == "__main__":
    main()
