"""Explorers: live ipywidgets in Jupyter, precomputed frames on the static website.

Every explorer is a thin shell over a pure drawing function ``render(**params) ->
Figure`` from :mod:`convbook.plot`. :func:`explore` wires it to ipywidgets (needs a
kernel); :func:`frames` renders it once per value of one parameter and returns an HTML
slider that swaps the precomputed images, so it moves in a static page.
"""
from __future__ import annotations

import base64
import hashlib
import html
import io
import json
from typing import Any, Callable, Sequence

from . import _args
from ._html import untrusted_notice


def explore(render: Callable[..., Any], **controls: Any):
    """``ipywidgets.interactive(render, **controls)``, showing the figure ``render`` returns.

    Parameters
    ----------
    render : callable
        ``render(**params) -> Figure``, a drawing function of :mod:`convbook.plot`.
    **controls
        ipywidgets abbreviations (``(0, 10, 1)``, a list of options) or widgets, one per
        parameter of ``render``.

    Returns
    -------
    ipywidgets.interactive
        Display it as the cell's result; it needs a live kernel.

    Raises
    ------
    TypeError
        ``render`` is not callable.

    See Also
    --------
    frames : the same explorer for a static page.
    """
    _args.function(render, "explore", "render")
    import ipywidgets
    from IPython.display import display

    def show(**params):
        display(render(**params))

    return ipywidgets.interactive(show, **controls)


@_args.fill
def figure_png(fig: Any, dpi: int = 72) -> bytes:
    """The figure as PNG bytes, without the software-version metadata.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Anything with ``savefig``.
    dpi : int
        Resolution, from 1 to 600.

    Returns
    -------
    bytes
        A PNG file; the same figure gives the same bytes on every run.

    Raises
    ------
    %(raises)s

    Examples
    --------
    >>> import matplotlib.figure
    >>> from convbook.widgets import figure_png
    >>> figure_png(matplotlib.figure.Figure(figsize=(1, 1)))[:4]
    b'\\x89PNG'
    """
    if not callable(getattr(fig, "savefig", None)):
        raise TypeError(f"figure_png: fig must be a matplotlib Figure, but got {_args.shown(fig)}")
    dpi = _args.count(dpi, "figure_png", "dpi", minimum=1, maximum=600)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


@_args.fill
class FrameSlider:
    """Precomputed frames behind a range slider: moves in a static page, no kernel.

    Parameters
    ----------
    pngs : sequence of bytes
        One PNG per frame, at least one.
    labels : sequence
        One label per frame, shown next to the slider.
    name : str
        The slider's caption (and the seed of its element id, so outputs are stable).
    alt : str
        Alternative text of the images.
    scale : int
        Pixels per CSS pixel of the frames, 1 to 4 (2: drawn for high-density screens and
        shown at half their pixel size).

    Raises
    ------
    %(raises)s
    """

    def __init__(self, pngs: Sequence[bytes], labels: Sequence[str], *, name: str, alt: str,
                 scale: int = 1):
        pngs, labels = list(pngs), list(labels)
        if len(pngs) != len(labels) or not pngs:
            raise ValueError(f"FrameSlider: need one label per frame and at least one frame, but "
                             f"got {len(pngs)} frames and {len(labels)} labels")
        for png in pngs:
            if not isinstance(png, bytes) or png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 24:
                raise TypeError(f"FrameSlider: pngs must be PNG bytes, but got {_args.shown(png)}")
        self.pngs = pngs
        self.labels = [str(s) for s in labels]
        self.name = _args.text(name, "FrameSlider", "name")
        self.alt = _args.text(alt, "FrameSlider", "alt")
        self.scale = _args.count(scale, "FrameSlider", "scale", minimum=1, maximum=4)

    @property
    def uid(self) -> str:
        return "cbf-" + hashlib.sha1(self.name.encode()).hexdigest()[:10]

    def nbytes(self) -> int:
        """Size of the embedded images (base64), what the page has to carry."""
        return sum(len(base64.b64encode(p)) for p in self.pngs)

    def size(self) -> tuple[int, int]:
        """Width and height of the first frame in CSS pixels (pixels / scale)."""
        w, h = (int.from_bytes(self.pngs[0][16 + 4 * i:20 + 4 * i], "big") for i in (0, 1))
        return -(-w // self.scale), -(-h // self.scale)

    def _repr_html_(self) -> str:
        e = lambda s: html.escape(str(s), quote=True)  # noqa: E731
        srcs = ["data:image/png;base64," + base64.b64encode(p).decode() for p in self.pngs]
        width, height = self.size()
        imgs = "".join(
            f'<img src="{s}" alt="{e(self.alt)} ({e(lab)})" data-frame="{i}" '
            f'width="{width}" height="{height}" '
            f'style="max-width:100%;height:auto;display:{"block" if i == 0 else "none"}">'
            for i, (s, lab) in enumerate(zip(srcs, self.labels)))
        # One handler: show frame i, say its label (also to screen readers), and keep the
        # arrow keys for the slider (JupyterLab would otherwise move the notebook cursor).
        js = ("var r=this.closest('.cb-frames');var i=Number(this.value);"
              "var t=JSON.parse(r.dataset.labels)[i];"
              "r.querySelectorAll('img').forEach(function(m){m.style.display="
              "Number(m.dataset.frame)===i?'block':'none';});"
              "r.querySelector('.cb-frames-label').textContent=t;"
              "this.setAttribute('aria-valuetext',t);")
        label_width = max(len(lab) for lab in self.labels) + 1
        return (
            f'<div class="cb-frames" id="{self.uid}" data-labels="{e(json.dumps(self.labels))}" '
            f'style="max-width:{width}px">'
            f'<div style="display:flex;justify-content:space-between;gap:0.6em">'
            f'<span>{e(self.name)}</span>'
            f'<output class="cb-frames-label" style="min-width:{label_width}ch;text-align:right;'
            f'font-variant-numeric:tabular-nums">{e(self.labels[0])}</output></div>'
            f'<input type="range" min="0" max="{len(srcs) - 1}" step="1" value="0" '
            f'aria-label="{e(self.name)}" aria-valuetext="{e(self.labels[0])}" '
            f'oninput="{e(js)}" onkeydown="event.stopPropagation()" '
            f'style="display:block;width:100%;margin:0.3em 0">'
            f'{untrusted_notice("slider")}{imgs}</div>'
        )

    def __repr__(self) -> str:
        return f"FrameSlider({self.name!r}, {len(self.pngs)} frames)"


@_args.fill
def frames(render: Callable[..., Any], param: str, values: Sequence[Any], *, name: str | None = None,
           alt: str, fmt: str = "{}", dpi: int = 60, **fixed: Any) -> FrameSlider:
    """Render ``render(**fixed, param=v)`` for each ``v`` and put the frames behind a slider.

    Keep frames few and small (``dpi``): each page must stay light. Frames are drawn at
    twice ``dpi`` and shown at half size, sharp on high-density screens, and cropped to
    the union of their content.

    Parameters
    ----------
    render : callable
        ``render(**params) -> Figure``, a drawing function of :mod:`convbook.plot`.
    param : str
        The parameter that moves.
    values : sequence
        Its values, one frame each: a list, a tuple or a 1-D NumPy array.
    name : str, optional
        The slider's caption; default ``param``.
    alt : str
        Alternative text of the images.
    fmt : str
        Format of each frame's label, as ``fmt.format(v)``.
    dpi : int
        Resolution of the frames, from 1 to 600.
    **fixed
        The other parameters of ``render``, the same in every frame.

    Returns
    -------
    FrameSlider
        Display it as the cell's result.

    Raises
    ------
    %(raises)s

    See Also
    --------
    explore : the live version, with a kernel.
    """
    _args.function(render, "frames", "render")
    _args.text(param, "frames", "param")
    if not param.isidentifier():
        raise ValueError(f"frames: param must be the name of an argument of render, but got "
                         f"param={param!r}")
    if isinstance(values, (str, bytes, dict)) or not hasattr(values, "__iter__"):
        raise TypeError(f"frames: values must be a sequence (a list, a tuple, a 1-D array), but "
                        f"got {_args.shown(values)}")
    values = list(values)
    if not values:
        raise ValueError("frames: values must not be empty, but got no values")
    if name is not None:
        _args.text(name, "frames", "name")
    _args.text(alt, "frames", "alt")
    _args.text(fmt, "frames", "fmt")
    dpi = _args.count(dpi, "frames", "dpi", minimum=1, maximum=600)
    if param in fixed:
        raise ValueError(f"frames: {param!r} is both the moving parameter and a fixed one")
    try:
        labels = [fmt.format(v) for v in values]
    except (IndexError, KeyError, ValueError, TypeError) as exc:
        raise ValueError(f"frames: fmt must format one value, like '{{}}' or '{{:.2f}}', but "
                         f"fmt={fmt!r} gave {type(exc).__name__}: {exc}") from None
    figures = [render(**fixed, **{param: v}) for v in values]
    pngs = _cropped([figure_png(f, dpi=2 * dpi) for f in figures])
    return FrameSlider(pngs, labels, name=name or param, alt=alt, scale=2)


def _cropped(pngs: list[bytes]) -> list[bytes]:
    """The frames on one canvas (each centred, if their sizes differ) cropped to the union
    of their content (non-white pixels) with a margin of 4 pixels: every frame has one
    size, so the picture does not jump as the slider moves, and no blank border."""
    from PIL import Image, ImageChops

    images = [Image.open(io.BytesIO(p)).convert("RGB") for p in pngs]
    if len({im.size for im in images}) != 1:  # figures saved with a tight box: centre them
        w = max(im.size[0] for im in images)
        h = max(im.size[1] for im in images)
        padded = []
        for im in images:
            canvas = Image.new("RGB", (w, h), "white")
            canvas.paste(im, ((w - im.size[0]) // 2, (h - im.size[1]) // 2))
            padded.append(canvas)
        images = padded
    box = None
    for im in images:
        b = ImageChops.difference(im, Image.new("RGB", im.size, "white")).getbbox()
        if b is not None:
            box = b if box is None else (min(box[0], b[0]), min(box[1], b[1]),
                                         max(box[2], b[2]), max(box[3], b[3]))
    if box is None:
        return pngs
    w, h = images[0].size
    box = (max(box[0] - 4, 0), max(box[1] - 4, 0), min(box[2] + 4, w), min(box[3] + 4, h))
    out = []
    for im in images:
        buf = io.BytesIO()
        im.crop(box).save(buf, format="PNG", optimize=True)
        out.append(buf.getvalue())
    return out
