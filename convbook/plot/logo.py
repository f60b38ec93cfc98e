"""The book's logo: a 3-tap kernel sliding over a signal, drawn by the book's own code.

Regenerate the committed file with ``python -m convbook.plot.logo book/images/logo.png``.
"""
from __future__ import annotations

import sys

import numpy as np

from . import COLORS, _figure_class


def logo(size: float = 2.0):
    """Return the logo figure: signal bars, a highlighted window and its output."""
    from matplotlib.patches import Rectangle

    fig = _figure_class()(figsize=(size, size))
    ax = fig.add_axes((0, 0, 1, 1))
    x = np.array([1, 3, 2, 4, 3, 5, 4])
    ax.bar(np.arange(7), x, color=COLORS[0], width=0.8)
    ax.add_patch(Rectangle((1.5, -0.3), 3, 5.8, fill=False, edgecolor=COLORS[1], linewidth=4))
    smooth = np.convolve(x, np.ones(3) / 3, mode="same")
    ax.plot(np.arange(7), smooth + 0.8, color=COLORS[2], linewidth=4, marker="o")
    ax.set_xlim(-0.8, 6.8)
    ax.set_ylim(-0.6, 6.2)
    ax.axis("off")
    return fig


if __name__ == "__main__":  # pragma: no cover
    logo().savefig(sys.argv[1], dpi=96, transparent=True, metadata={"Software": None})
