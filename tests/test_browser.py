"""The built website in a real headless Chromium, with every request off the site refused.

Each page must load with zero failed requests and zero console errors, typeset its math,
load every figure with alt text, keep solutions hidden until asked, and point its Binder
button at its own notebook, transfer at most 1.5 MiB on a cold first visit of a chapter
(text gzip-compressed, as static hosts serve it), and fit a 390 px phone without
scrolling sideways. The explorers, quick checks, solutions, phone menu and header buttons
are driven by hand.
Screenshots land in ``_build/screenshots/`` for a person to look at.

Without Chromium (or Playwright) these tests skip with the reason, except under
``CI=true``, where they must run: ``.ci/run`` installs Chromium.
"""
import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.pages import count_transfer, serve  # noqa: E402  (the benchmark's own)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PHONE = {"width": 390, "height": 844}
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _need_browser():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "playwright is not installed (make test installs it from requirements.txt)"
    else:
        reason = None if CHROMIUM else "Debian's chromium is not installed (.ci/run installs it)"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run under CI=true: {reason}")
        pytest.skip(reason)


def toc_pages():
    toc = (ROOT / "_toc.yml").read_text()
    return re.findall(r"(?:file|root):\s*(\S+)", toc)


@pytest.fixture(scope="module")
def server(site):
    """The built site on localhost, text gzip-compressed as static hosts serve it."""
    assert site.returncode == 0, "the site did not build"
    httpd, url = serve(site.html, compress=True)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
    yield b
    b.close()
    pw.stop()


class Visit:
    """One page, loaded with every off-site request refused and every problem recorded."""

    def __init__(self, browser, url, viewport=None):
        self.problems = []
        self.context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self._received = count_transfer(self.context, self.page)
        self.page.route("**/*", self._route)
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed request {r.url}"))
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(
            f"HTTP {r.status} for {r.url}"))
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(
            f"console error: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.goto(url, wait_until="networkidle")
        self.first_visit_bytes = sum(self._received.values())  # cold, before any scrolling

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith("data:") or host == "127.0.0.1":
            route.continue_()
        else:
            self.problems.append(f"off-site request {route.request.url}")
            route.abort()

    def close(self):
        self.context.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@pytest.fixture(scope="module")
def screenshots():
    out = ROOT / "_build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.mark.parametrize("entry", toc_pages())
def test_page_works_offline(entry, browser, server, screenshots):
    with Visit(browser, f"{server}/{entry}.html") as visit:
        page = visit.page
        maths = page.locator("div.math, span.math")
        if maths.count():
            untypeset = page.evaluate("""() => [...document.querySelectorAll('div.math, span.math')]
                .filter(m => !m.querySelector('.katex')).map(m => m.textContent.slice(0, 60))""")
            assert not untypeset, f"math left as TeX source: {untypeset[:3]}"
            assert page.locator(".katex-error").count() == 0, "KaTeX reported a TeX error"
        # images load lazily: ask for every one now, then wait until they have arrived
        page.evaluate("""() => Promise.all([...document.images].map(i => {
            i.loading = 'eager'; return i.decode().catch(() => null); }))""")
        page.wait_for_load_state("networkidle")
        images = page.evaluate("""() => Array.from(document.images).map(i => ({
            src: i.currentSrc.slice(0, 80), ok: i.complete && i.naturalWidth > 0,
            alt: (i.getAttribute('alt') || '').trim(), shown: i.offsetParent !== null}))""")
        for img in images:
            if img["shown"]:
                assert img["ok"], f"image did not load: {img['src']}"
            assert img["alt"], f"image without alt text: {img['src']}"
        for solution in page.locator(".solution.dropdown").all():
            body = solution.locator("section").first
            assert not body.is_visible(), "a solution is visible before it is asked for"
        if entry.startswith("book/0"):
            binder = page.locator('a[href*="mybinder.org"]').first.get_attribute("href")
            assert binder.endswith(f"urlpath=lab/tree/{entry}.ipynb"), binder
        page.screenshot(path=str(screenshots / (Path(entry).name + ".png")), full_page=True)
        if entry.startswith("book/0"):  # a cold first visit of a chapter: at most 1.5 MiB
            mib = visit.first_visit_bytes / 2**20
            assert mib <= 1.5, f"{entry}: a first visit transfers {mib:.2f} MiB (gzip)"
        # the same page on a phone: no sideways scroll, and a screenshot to look at
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(300)
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate("""() => [...document.querySelectorAll('article *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                    && !e.closest('div.math, .katex-display, pre, .highlight, .output, table,'
                                  + ' .cell_output, .cb-frames'))
            .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
        page.screenshot(path=str(screenshots / (Path(entry).name + "-390.png")), full_page=True)
        assert width <= PHONE["width"], f"{entry} scrolls sideways at 390 px ({width} px): {wide}"
        explorers_hold_still(page, entry)
        assert not visit.problems, "\n".join(visit.problems)


def _pages_with(selector, site):
    return [e for e in toc_pages() if selector in (site.html / f"{e}.html").read_text()]


def test_an_explorer_moves_without_a_kernel(browser, server, site):
    pages = _pages_with('class="cb-frames"', site)
    assert pages, "no page has a kernel-free explorer"
    with Visit(browser, f"{server}/{pages[0]}.html") as visit:
        slider = visit.page.locator(".cb-frames input[type=range]").first
        slider.scroll_into_view_if_needed()
        frames = visit.page.locator(".cb-frames").first.locator("img")
        frames.first.evaluate("i => i.decode()")
        assert frames.count() > 1
        before = frames.first.is_visible()
        slider.focus()
        visit.page.keyboard.press("ArrowRight")
        frames.nth(1).evaluate("i => i.decode()")
        assert before and not frames.nth(0).is_visible() and frames.nth(1).is_visible()
        label = visit.page.locator(".cb-frames .cb-frames-label").first.inner_text()
        assert slider.get_attribute("aria-valuetext") == label, "screen readers hear the label"
        assert not visit.problems, "\n".join(visit.problems)


def test_quick_checks_judge_answers_on_the_page(browser, server, site):
    pages = _pages_with('class="cb-quiz"', site)
    assert pages, "no page has a quick check"
    with Visit(browser, f"{server}/{pages[0]}.html") as visit:
        quiz = visit.page.locator('.cb-quiz[data-kind="numeric"]').first
        answer = float(quiz.get_attribute("data-answer"))
        box, button = quiz.locator("input"), quiz.locator("button")
        feedback = quiz.locator(".cb-quiz-feedback")
        box.fill(str(answer + 7))
        button.click()
        assert "Hint" in feedback.inner_text()
        box.fill("not a number")
        button.click()
        assert "enter a number" in feedback.inner_text()
        box.fill(f"{answer:g}")
        button.click()
        assert "Correct" in feedback.inner_text()
        if answer == int(answer):  # the way the book prints it, with thousands separators
            box.fill(f"{int(answer):,}")
            button.click()
            assert "Correct" in feedback.inner_text()
        assert not visit.problems, "\n".join(visit.problems)


def test_solutions_open_when_asked(browser, server, site):
    pages = _pages_with("solution dropdown", site)
    assert pages
    with Visit(browser, f"{server}/{pages[0]}.html") as visit:
        solution = visit.page.locator(".solution.dropdown").first
        body = solution.locator("section").first
        assert not body.is_visible()
        solution.locator(".toggle-button, button").first.click()
        body.wait_for(state="visible", timeout=5_000)


def test_a_solution_opens_whole_with_one_click(browser, server, site):
    """A solution's code is not behind a second toggle, and the first line that tells
    JupyterLab readers how to open the cell is not shown on the site."""
    pages = _pages_with("cb-in-solution", site)
    assert pages, "no solution holds a code cell"
    for entry in toc_pages():
        text = re.sub(r"<!--.*?-->", "", (site.html / f"{entry}.html").read_text(), flags=re.S)
        assert "click the bar on the left" not in text, entry
    with Visit(browser, f"{server}/{pages[0]}.html", viewport=PHONE) as visit:
        page = visit.page
        solution = page.locator(".solution.dropdown:has(.cb-in-solution)").first
        code = solution.locator(".cb-in-solution .cell_input").first
        assert not code.is_visible()
        solution.locator(".toggle-button, button").first.click()
        code.wait_for(state="visible", timeout=5_000)
        assert not solution.locator(".cb-in-solution > summary").is_visible()
        assert not visit.problems, "\n".join(visit.problems)


def explorers_hold_still(page, entry):
    """Stepping any explorer of the page through all its frames moves neither the slider
    nor the picture's box (so nothing under the pointer jumps); frames are drawn at 2x.
    (Called by test_page_works_offline at 390 px, where a moving layout hurts most.)"""
    page.evaluate("""() => Promise.all([...document.querySelectorAll(
        '.cb-frames img')].map(i => { i.loading = 'eager';
        return i.decode().catch(() => null); }))""")
    for n in range(page.locator(".cb-frames").count()):
        explorer = page.locator(".cb-frames").nth(n)
        slider = explorer.locator("input[type=range]")
        slider.scroll_into_view_if_needed()
        slider.focus()
        boxes, pictures = set(), set()
        for _ in range(int(slider.get_attribute("max")) + 1):
            box = slider.bounding_box()
            boxes.add((round(box["x"]), round(box["y"]), round(box["width"])))
            shown = explorer.locator("img:visible")
            assert shown.count() == 1
            pic = shown.bounding_box()
            pictures.add((round(pic["y"]), round(pic["width"]), round(pic["height"])))
            sharp = shown.evaluate("i => i.naturalWidth / i.width")
            assert sharp >= 1.9, f"{entry}: a frame is not drawn at 2x ({sharp:.2f})"
            page.keyboard.press("ArrowRight")
        assert len(boxes) == 1, f"{entry} explorer {n}: the slider moves: {boxes}"
        assert len(pictures) == 1, f"{entry} explorer {n}: the picture moves: {pictures}"


def test_every_page_with_frames_has_an_explorer_checked(site):
    """test_page_works_offline steps the explorers of every page in the table of contents:
    every page that has one must be there."""
    assert set(_pages_with('class="cb-frames"', site)) <= set(toc_pages())


# --- phones, first visits, launch buttons ----------------------------------------------------



def test_phone_menu_opens_the_chapter_list(browser, server):
    with Visit(browser, f"{server}/book/04-algebraic-properties.html", viewport=PHONE) as visit:
        page = visit.page
        sidebar = page.locator(".bd-sidebar-primary")
        assert sidebar.bounding_box()["x"] < 0 or not sidebar.is_visible(), "menu open at first"
        page.locator(".primary-toggle:visible").first.click()
        page.wait_for_timeout(500)
        box = sidebar.bounding_box()
        assert box and box["x"] >= 0 and box["width"] > 200, f"the menu did not open: {box}"
        links = sidebar.locator("a.reference.internal:visible")
        assert links.count() >= 9, "the chapter list is not shown"
        assert any("Learning filters" in t for t in links.all_inner_texts())
        page.screenshot(path=str(ROOT / "_build" / "screenshots" / "phone-menu-open.png"))
        assert not visit.problems, "\n".join(visit.problems)


def test_launch_buttons_stay_on_the_machine(browser, server):
    """Live Code is not offered (thebe would come from a CDN); pressing every header button
    asks nothing of the network. (The Binder entry is a link that leaves on purpose.)"""
    with Visit(browser, f"{server}/book/03-convolution-vs-cross-correlation.html") as visit:
        page = visit.page
        assert page.locator(".thebe-launch-button, button:has-text('Live Code')").count() == 0
        buttons = page.locator(".bd-header-article button:visible")
        assert buttons.count() >= 3
        for i in range(buttons.count()):
            button = buttons.nth(i)
            if button.is_visible():
                button.click()
                page.wait_for_timeout(200)
                page.keyboard.press("Escape")
        page.wait_for_load_state("networkidle")
        assert not visit.problems, "\n".join(visit.problems)
