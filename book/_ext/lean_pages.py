"""Sphinx extension: lighter pages for a reader's first visit, and figures that open on tap.

After the HTML is written, every page of the site is rewritten once:

- the theme's Font Awesome *JavaScript* (1.4 MiB, which only swaps the icon fonts for
  SVGs) is dropped: the icons come from Font Awesome's CSS and web fonts, which the
  theme's stylesheet already loads;
- nbval's ``# NBVAL_IGNORE_OUTPUT`` marker line, and the first line of a solution code
  cell that tells JupyterLab readers how to open it, are dropped from the code shown;
- the ipywidgets state block that myst-nb copies from the notebook metadata is dropped:
  no page runs a widget (a live widget needs a kernel; the kernel-free explorers are
  plain HTML);
- the frames of one explorer are padded (white, on the right and below) to one size, so
  the slider, the picture's left edge and the text under it stay put as the reader drags;
- images embedded as ``data:`` URIs (the explorers' frames) become files in
  ``_images/frames/``, so the page's HTML stays small and a frame is fetched only when
  it is shown;
- large PNG figures become WebP when that saves at least 40 % (photographs);
- every image is loaded lazily, and a figure's image (or a cell output's) is a link to the
  full-size file, so on a phone it opens full size on tap;
- inside a solution, a hidden code cell is shown open: the solution's own toggle already
  hides it, so one click shows the whole solution.
"""
from __future__ import annotations

import base64
import hashlib
import io
import re
from pathlib import Path

FONTAWESOME_JS = re.compile(r'<script[^>]*src="[^"]*scripts/fontawesome\.js[^"]*"[^>]*></script>\s*')
WIDGET_STATE = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>\s*', re.S)
DATA_IMG = re.compile(r'(<img\b[^>]*?\bsrc=")data:image/(png|jpeg|webp);base64,([A-Za-z0-9+/=]+)(")')
IMG = re.compile(r'<img\b(?![^>]*\bloading=)(?![^>]*src="[^"]*_static/)')  # not the logo
FIGURE_IMG = re.compile(
    r'(<figure\b[^>]*>\s*(?:<div[^>]*>\s*)*)(<img\b[^>]*\bsrc="([^"]+)"[^>]*>)', re.S)
# nbval's marker is for the tests, not for readers
NBVAL_MARK = re.compile(r'<span class="c1"># NBVAL_IGNORE_OUTPUT</span>\n')
# a solution code cell's first line tells JupyterLab readers how to open it; on the site
# the solution is open already when it is read
JUPYTERLAB_HINT = re.compile(
    r'<span class="c1"># The reference solution: click the bar on the left to open it\.</span>\n')
FRAMES_START = re.compile(r'(?=<div class="cb-frames")')
FRAME_IMG = re.compile(r'<img\b[^>]*\bdata-frame="\d+"[^>]*>')
SOLUTION_START = re.compile(r'<div class="solution\b[^"]*"')
DIV_TAG = re.compile(r'<(/?)div\b')
HIDDEN_CELL = re.compile(r'<details class="admonition hide above-input">')
OUTPUT_IMG = re.compile(
    r'(<div class="cell_output[^"]*">\s*(?:<div[^>]*>\s*)*)(<img\b[^>]*\bsrc="([^"]+)"[^>]*>)', re.S)
WEBP_MIN_BYTES = 150_000
WEBP_MIN_SAVING = 0.4


def _same_size_frames(text: str) -> str:
    """Pad every frame of an explorer to the largest frame's size (white, anchored top
    left) and give each the same width/height attributes."""
    from PIL import Image

    parts = FRAMES_START.split(text)
    for n, part in enumerate(parts):
        if not part.startswith('<div class="cb-frames"'):
            continue
        tags = FRAME_IMG.findall(part)
        found = [DATA_IMG.search(t) for t in tags]
        if len(tags) < 2 or not all(found):
            continue
        images = [Image.open(io.BytesIO(base64.b64decode(m.group(3)))) for m in found]
        sizes = {im.size for im in images}
        if len(sizes) == 1:
            continue
        big_w, big_h = max(w for w, _ in sizes), max(h for _, h in sizes)
        first_w = int(re.search(r'\bwidth="(\d+)"', tags[0]).group(1))
        scale = images[0].size[0] / first_w  # frames are drawn at 2x
        shown_w, shown_h = round(big_w / scale), round(big_h / scale)
        for tag, m, im in zip(tags, found, images):
            canvas = Image.new("RGB", (big_w, big_h), "white")
            canvas.paste(im.convert("RGB"), (0, 0))
            buf = io.BytesIO()
            canvas.save(buf, "PNG", optimize=True)
            new = tag.replace(m.group(3), base64.b64encode(buf.getvalue()).decode("ascii"))
            new = re.sub(r'\bwidth="\d+"', f'width="{shown_w}"', new, count=1)
            new = re.sub(r'\bheight="\d+"', f'height="{shown_h}"', new, count=1)
            part = part.replace(tag, new, 1)
        head = part[:part.index(">") + 1]
        part = head.replace(f"max-width:{first_w}px", f"max-width:{shown_w}px") + \
            part[len(head):]
        parts[n] = part
    return "".join(parts)


def _open_solution_code(text: str) -> str:
    """Open the hide-cell toggles that sit inside a solution (class cb-in-solution)."""
    out, pos = [], 0
    for start in SOLUTION_START.finditer(text):
        if start.start() < pos:
            continue  # nested in the previous solution
        depth, end = 0, len(text)
        for tag in DIV_TAG.finditer(text, start.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        out.append(text[pos:start.start()])
        out.append(HIDDEN_CELL.sub(
            '<details class="admonition hide above-input cb-in-solution" open>',
            text[start.start():end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _frames_to_files(text: str, page: Path, out: Path) -> str:
    frames = out / "_images" / "frames"

    def write(m):
        data = base64.b64decode(m.group(3))
        name = hashlib.sha256(data).hexdigest()[:20] + "." + m.group(2)
        frames.mkdir(parents=True, exist_ok=True)
        target = frames / name
        if not target.exists():
            target.write_bytes(data)
        rel = Path(*[".."] * (len(page.relative_to(out).parts) - 1), "_images", "frames", name)
        return m.group(1) + rel.as_posix() + m.group(4)

    return DATA_IMG.sub(write, text)


def _webp_versions(out: Path) -> dict[str, str]:
    """Large PNGs in _images/ written again as WebP where it pays; {png name: webp name}."""
    from PIL import Image

    renamed = {}
    for png in sorted((out / "_images").glob("*.png")):
        size = png.stat().st_size
        if size < WEBP_MIN_BYTES:
            continue
        buf = io.BytesIO()
        with Image.open(png) as im:
            im.save(buf, "WEBP", quality=90, method=4)
        if buf.tell() <= (1 - WEBP_MIN_SAVING) * size:
            webp = png.with_suffix(".webp")
            webp.write_bytes(buf.getvalue())
            renamed[png.name] = webp.name
    return renamed


def _link_figures(text: str) -> str:
    def wrap(m):
        before, img, src = m.groups()
        if before.rstrip().endswith(">") and "<a " in before[-200:]:
            return m.group(0)
        return f'{before}<a class="cb-full-size" href="{src}" title="Open full size">{img}</a>'

    return OUTPUT_IMG.sub(wrap, FIGURE_IMG.sub(wrap, text))


def rewrite_site(out: Path) -> None:
    renamed = _webp_versions(out)
    for page in sorted(out.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        new = FONTAWESOME_JS.sub("", text)
        new = WIDGET_STATE.sub("", new)
        new = NBVAL_MARK.sub("", new)
        new = JUPYTERLAB_HINT.sub("", new)
        new = _same_size_frames(new)
        new = _frames_to_files(new, page, out)
        for png, webp in renamed.items():
            new = new.replace(f"_images/{png}", f"_images/{webp}")
        new = _link_figures(new)
        new = _open_solution_code(new)
        new = IMG.sub('<img loading="lazy" decoding="async"', new)
        if new != text:
            page.write_text(new, encoding="utf-8")


def _finished(app, exception):
    if exception is None and app.builder.format == "html":
        rewrite_site(Path(app.outdir))


def _need_node(app, config):
    import shutil

    from sphinx.errors import ConfigError

    if config.katex_prerender and shutil.which("node") is None:
        raise ConfigError("the book's math is typeset at build time by KaTeX, which needs "
                          "Node.js as `node` on PATH (Debian: apt-get install nodejs)")


def _patient_katex():
    """sphinxcontrib-katex gives Node 5 s to start its render server and connects once as
    soon as the socket file appears; on a loaded machine the file can exist a moment
    before the server listens (ConnectionRefusedError). Wait up to 60 s and retry."""
    import socket
    import time

    from sphinxcontrib import katex

    katex.STARTUP_TIMEOUT = katex.RENDER_TIMEOUT = 60.0
    original = katex.KaTeXServer.start_server_process.__func__

    def start(cls, rundir, timeout):
        deadline = time.monotonic() + timeout
        while True:
            try:
                return original(cls, rundir, max(deadline - time.monotonic(), 1.0))
            except (ConnectionRefusedError, socket.timeout):
                if time.monotonic() > deadline:
                    raise
                (rundir / "katex.sock").unlink(missing_ok=True)
                time.sleep(0.2)

    katex.KaTeXServer.start_server_process = classmethod(start)


def setup(app):
    _patient_katex()
    app.connect("config-inited", _need_node)
    app.connect("build-finished", _finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
