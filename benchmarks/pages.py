"""A reader's cold first visit of every page: bytes transferred and time to typeset math.

``python -m benchmarks.pages`` (after ``make book`` or ``make test`` has built
``_build/html``) serves the site on localhost, opens each page in headless Chromium with
the cache disabled and every off-site request refused, and writes
``benchmarks/results/pages.md``. Bytes are the bodies of every response the page asked
for before the network went idle (images with ``loading="lazy"`` below the fold are not
asked for, as in a real visit), with text served gzip-compressed as static hosts serve
it, and again uncompressed; "math" is the time from navigation start until every
formula on the page is typeset (no formula left as TeX source), measured in the page.
``tests/test_browser.py`` asserts the byte budget with the same function; timings are
reported here only, never asserted.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import shutil
import statistics
import threading
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
OUT = Path(__file__).resolve().parent / "results" / "pages.md"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Records in the page when the last formula got typeset: every Sphinx math element holds
# rendered output (KaTeX's .katex, or MathJax's mjx-container) and no raw \( ... \).
MATH_CLOCK = """
(() => {
  const done = () => {
    const all = document.querySelectorAll('span.math, div.math');
    for (const m of all) if (!m.querySelector('.katex, mjx-container')) return false;
    return document.readyState !== 'loading';
  };
  const tick = () => {
    if (done()) { window.__mathTypeset = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


TEXT = (".html", ".css", ".js", ".svg", ".json", ".txt", ".map")


class _Gzip(_Quiet):
    """Serves text compressed when the browser accepts gzip, as static hosts do (GitHub
    Pages, Netlify, nginx's gzip_static); images and fonts go as they are."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (path.suffix not in TEXT or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: Path, compress: bool = False):
    handler = _Gzip if compress else _Quiet
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def count_transfer(context, page) -> dict:
    """Turn the cache off for ``page`` and count what crosses the wire: a dict, filled as
    responses finish, of request id -> bytes received (compressed, as sent)."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    received = {}
    cdp.on("Network.loadingFinished",
           lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]))
    return received


def cold_visit(browser, url: str, width: int = 1280, height: int = 900) -> dict:
    """Load `url` in a fresh context with the cache off; bytes, requests and math time."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    received = count_transfer(context, page)
    offsite = []

    def route(r):
        host = urlparse(r.request.url).hostname
        if r.request.url.startswith("data:") or host == "127.0.0.1":
            r.continue_()
        else:
            offsite.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.add_init_script(MATH_CLOCK)
    page.goto(url, wait_until="networkidle")
    try:
        page.wait_for_function("window.__mathTypeset !== undefined", timeout=30_000)
        math_ms = page.evaluate("window.__mathTypeset")
    except Exception:  # noqa: BLE001 - a page whose math never typesets is reported
        math_ms = float("nan")
    formulas = page.evaluate("document.querySelectorAll('span.math, div.math').length")
    context.close()
    return {"bytes": sum(received.values()), "requests": len(received), "math_ms": math_ms,
            "formulas": formulas, "offsite": offsite}


def pages(site: Path = SITE) -> list[Path]:
    return sorted(site.glob("book/*.html"))


def run(repeats: int = 3) -> list[dict]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    plain, plain_url = serve(SITE)
    packed, packed_url = serve(SITE, compress=True)
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        for page in pages():
            raw = cold_visit(browser, f"{plain_url}/book/{page.name}")
            visits = [cold_visit(browser, f"{packed_url}/book/{page.name}")
                      for _ in range(repeats)]
            rows.append({"page": page.name, "MiB": visits[0]["bytes"] / 2**20,
                         "raw_MiB": raw["bytes"] / 2**20,
                         "requests": visits[0]["requests"], "formulas": visits[0]["formulas"],
                         "math_ms": statistics.median(v["math_ms"] for v in visits)})
        browser.close()
    plain.shutdown()
    packed.shutdown()
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| page | transferred, gzip (MiB) | uncompressed (MiB) | requests | formulas "
             "| math typeset (ms, median of 3) |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['page']} | {r['MiB']:.2f} | {r['raw_MiB']:.2f} | {r['requests']} "
                     f"| {r['formulas']} | {r['math_ms']:.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    rows = run()
    text = table(rows)
    print(text)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text("# Cold first visits (python -m benchmarks.pages)\n\n"
                   "Headless Chromium at 1280x900, cache disabled, the site served from "
                   "localhost on this 2-core machine: once with text gzip-compressed as "
                   "static hosts serve it (the first two columns' difference), once "
                   "uncompressed. Math is typeset at build time (KaTeX), so its time is "
                   "when the page's HTML has been parsed.\n\n" + text + "\n")
