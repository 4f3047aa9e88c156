"""How much the phone downloads: the gzipped JS + CSS that index.html loads before the first
screen, and the whole precache (what the service worker stores for offline use).

    npm run build && .venv/bin/python bench/client_size.py

Target: initial JS + CSS ≤ 60 KB gzipped. Exits 1 when over it."""

import gzip
import json
import os
import re
import sys
from pathlib import Path

# The same folder the build and the server use (KINTSUGI_CLIENT_DIST, else client/dist).
DIST = Path(os.environ.get("KINTSUGI_CLIENT_DIST")
            or Path(__file__).resolve().parents[1] / "client" / "dist")
TARGET_KB = 60
INITIAL = re.compile(r'<(?:script[^>]+src|link[^>]+rel="(?:stylesheet|modulepreload)"[^>]+href)'
                     r'="/?([^"]+\.(?:js|css))"')
PRECACHE_ENTRY = re.compile(r'\{"revision":(?:"[^"]*"|null),"url":"([^"]+)"\}')


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def main() -> int:
    if not (DIST / "index.html").is_file():
        print("client/dist is not built: run `npm run build` first", file=sys.stderr)
        return 2
    initial = INITIAL.findall((DIST / "index.html").read_text())
    precached = PRECACHE_ENTRY.findall((DIST / "sw.js").read_text())
    initial_gz = sum(gzipped(DIST / name) for name in initial)
    for name in initial:
        print(f"  initial   {name:<40} {kb(gzipped(DIST / name)):>9} gz")
    precache_raw = sum((DIST / name).stat().st_size for name in precached)
    precache_gz = sum(gzipped(DIST / name) for name in precached)
    worker_gz = gzipped(DIST / "sw.js")
    print(f"initial JS + CSS: {kb(initial_gz)} gzipped ({len(initial)} files; "
          f"target ≤ {TARGET_KB} KB)")
    print(f"precache: {len(precached)} files, {kb(precache_raw)} raw, {kb(precache_gz)} gzipped")
    print(f"service worker (sw.js): {kb(worker_gz)} gzipped")
    print(json.dumps({"initial_gzip_bytes": initial_gz, "precache_files": len(precached),
                      "precache_bytes": precache_raw, "precache_gzip_bytes": precache_gz,
                      "service_worker_gzip_bytes": worker_gz}))
    return 0 if initial_gz <= TARGET_KB * 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
