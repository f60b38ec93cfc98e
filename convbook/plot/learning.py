"""Figures for chapter 9, learning filters.

Every function takes plain NumPy arrays (convert torch tensors with ``.numpy()``
first), an optional ``ax``, and returns the figure (see :mod:`convbook.plot`). Learned
filters are signed and drawn on ``SIGNED_CMAP`` centred on zero, filters that are
compared on one scale with one colour bar; input images are grey.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from . import COLORS, add_colorbar, axes, canvas, drawn, grid, limit, show_grey, show_signed


@drawn
def loss_curve(curves: Mapping[str, Any], ax: Any = None, *, bound: Any = None,
               bound_label: str = "bound", title: str | None = None, xlabel: str = "step",
               ylabel: str = "loss", marker: int | None = None):
    """Loss against step on a logarithmic axis, one line per entry of ``curves``.

    ``bound`` is an optional curve of the same length drawn dashed (a theoretical upper
    bound); ``marker`` puts a vertical line at that step.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.plot.learning import loss_curve
    >>> fig = loss_curve({"GD": 0.5 ** np.arange(10)})
    >>> fig.axes[0].get_yscale()
    'log'
    """
    fig, ax = axes(ax, figsize=(5.5, 3.2))
    styles = ["-", "--", ":", "-."]
    for i, (name, values) in enumerate(curves.items()):
        values = np.asarray(values, dtype=float)
        ax.plot(np.arange(len(values)), values, color=COLORS[i % len(COLORS)],
                linestyle=styles[i % len(styles)], linewidth=2 if i == 0 else 1.6, label=name)
    if bound is not None:
        bound = np.asarray(bound, dtype=float)
        ax.plot(np.arange(len(bound)), bound, color=COLORS[6], linestyle=(0, (4, 3)), linewidth=1.2,
                label=bound_label)
    if marker is not None:
        ax.axvline(marker, color=COLORS[4], linewidth=1.5)
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, which="major", alpha=0.3)
    if len(curves) > 1 or bound is not None:
        ax.legend()
    if title:
        ax.set_title(title)
    return fig


@drawn
def kernels(named: Mapping[str, Any], *, fmt: str = "{:.2f}", fontsize: Any = None,
            ax: Any = None):
    """Small kernels side by side, each as a grid with its numbers written in.

    Colours follow :func:`convbook.plot.grid`: equal numbers get equal colours.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.plot.learning import kernels
    >>> fig = kernels({"true": np.eye(3), "learned": np.eye(3) + 0.01})
    >>> [ax.get_title() for ax in fig.axes]
    ['true', 'learned']
    """
    arrays = [np.atleast_2d(np.asarray(a, dtype=float)) for a in named.values()]
    # a learned 1e-9 must not print as "-0.00": zero whatever rounds to zero
    arrays = [np.where(np.abs(a) < 5e-3, 0.0, a) for a in arrays]
    h, w = arrays[0].shape
    n = len(arrays)
    root, fig = canvas(ax, (n * (0.62 * w + 0.5) + 0.3, 0.62 * h + 0.7))
    axs = fig.subplots(1, n, squeeze=False)[0]
    for panel, name, arr in zip(axs, named, arrays):
        grid(arr, panel, title=name, fmt=fmt, fontsize=fontsize)
    return root


@drawn
def samples(images: Any, labels: Sequence[int], classes: Sequence[str], *, ncols: int = 8,
            size: float = 1.1, ax: Any = None):
    """A few images of a data set, each titled with its class name.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.plot.learning import samples
    >>> fig = samples(np.zeros((3, 8, 8)), [0, 1, 0], ["a", "b"], ncols=3)
    >>> [ax.get_title() for ax in fig.axes]
    ['a', 'b', 'a']
    """
    images = np.asarray(images, dtype=float)
    n = len(images)
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    root, fig = canvas(ax, (size * ncols + 0.2, (size + 0.3) * nrows + 0.1))
    axs = fig.subplots(nrows, ncols, squeeze=False)
    for ax, img, lab in zip(axs.flat, images, labels):
        show_grey(ax, img)
        ax.set_title(classes[int(lab)], fontsize="small")
    for ax in list(axs.flat)[n:]:
        ax.axis("off")
    return root


@drawn
def filter_bank(weights: Any, *, titles: Sequence[str] | None = None, axs: Any = None,
                size: float = 1.25, label: str | None = None, ax: Any = None):
    """First-layer filters ``(C, k, k)`` (or ``(C, 1, k, k)``) in one row, on one
    scale centred on zero, with its colour bar.

    ``axs`` are existing axes to draw into (one per filter); ``label`` is written on the
    left of the row.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.plot.learning import filter_bank
    >>> fig = filter_bank(np.ones((4, 1, 3, 3)), titles=list("abcd"))
    >>> len(fig.axes)  # four filters and the colour bar
    5
    """
    w = np.asarray(weights, dtype=float)
    if w.ndim == 4:
        w = w[:, 0]
    if axs is None:
        root, fig = canvas(ax, (size * len(w) + 0.9, size + 0.35))
        axs = fig.subplots(1, len(w), squeeze=False)[0]
    else:
        root = axs[0].figure
    vmax = limit(w)
    for i, (panel, k) in enumerate(zip(axs, w)):
        im = show_signed(panel, k, vmax)
        if titles is not None:
            panel.set_title(titles[i], fontsize="small")
    add_colorbar(im, list(axs), shrink=0.9, pad=0.02, aspect=10)
    if label:
        axs[0].set_ylabel(label)
    return root


@drawn
def training_snapshot(snapshots: Any, losses: Any, index: int, steps: Sequence[int], *,
                      accuracy: Sequence[float] | None = None, ax: Any = None):
    """One frame of the training explorer: the filters at snapshot ``index`` and the loss so far.

    ``snapshots`` is ``(S, C, k, k)``, taken at the training steps ``steps`` (length S);
    ``losses`` is the loss of every step. All filters share one colour scale, the largest
    weight over the whole run, so you see them grow.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.plot.learning import training_snapshot
    >>> fig = training_snapshot(np.ones((3, 2, 3, 3)), np.ones(20), 1, [0, 10, 20])
    >>> fig.axes[-1].get_yscale()
    'log'
    """
    snaps = np.asarray(snapshots, dtype=float)
    losses = np.asarray(losses, dtype=float)
    c = snaps.shape[1]
    step = int(steps[index])
    root, fig = canvas(ax, (8.0, 3.6))
    sub_top, sub_bottom = fig.subfigures(2, 1, height_ratios=[1.0, 1.5])
    axs = sub_top.subplots(1, c, squeeze=False)[0]
    vmax = limit(snaps)
    for panel, k in zip(axs, snaps[index]):
        im = show_signed(panel, k, vmax)
    add_colorbar(im, list(axs), shrink=0.9, pad=0.02, aspect=10)
    title = f"first-layer filters after {step} steps"
    if accuracy is not None:
        title += f" (held-out accuracy {accuracy[index]:.2f})"
    sub_top.suptitle(title)
    ax = sub_bottom.subplots()
    ax.plot(np.arange(len(losses)), losses, color="#BBBBBB", linewidth=1)
    upto = min(step, len(losses))
    ax.plot(np.arange(upto), losses[:upto], color=COLORS[0], linewidth=1.5)
    ax.axvline(step, color=COLORS[1], linewidth=1.5)
    ax.set_yscale("log")
    ax.set_xlim(0, len(losses))
    ax.set_xlabel("training step")
    ax.set_ylabel("training loss")
    return root


@drawn
def layer_maps(layers: Sequence[tuple[str, Any]], *, ncols: int = 8, size: float = 0.8,
               ax: Any = None):
    """Feature maps layer by layer: one row per ``(name, (C, H, W) array)``.

    A layer with more than ``ncols`` channels shows the first ``ncols``. The first row
    (the input) and non-negative layers (after ReLU) are grey, white large, each map on
    its own scale; other signed layers use the diverging map.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.plot.learning import layer_maps
    >>> fig = layer_maps([("input", np.zeros((1, 8, 8))), ("conv", np.ones((3, 8, 8)))], ncols=3)
    >>> len([ax for ax in fig.axes if ax.images])
    4
    """
    rows = len(layers)
    root, fig = canvas(ax, (size * ncols + 1.1, (size + 0.15) * rows + 0.1))
    axs = fig.subplots(rows, ncols, squeeze=False)
    for r, (name, maps) in enumerate(layers):
        maps = np.asarray(maps, dtype=float)
        for c, panel in enumerate(axs[r]):
            if c < len(maps):
                if r == 0 or np.min(maps) >= 0:
                    show_grey(panel, maps[c])
                else:
                    show_signed(panel, maps[c])
                for side in panel.spines.values():
                    side.set_visible(True)
            else:
                panel.axis("off")
        axs[r, 0].set_ylabel(f"{name}\n{maps.shape[1]}x{maps.shape[2]}", fontsize="small",
                             rotation=0, ha="right", va="center")
    return root


@drawn
def equivariance(x: Any, x_shifted: Any, fmap: Any, fmap_shifted: Any, shift: tuple[int, int],
                 *, exact: Any = None, ax: Any = None):
    """Shift the input, and the feature map shifts with it.

    Panels: the input, the shifted input, the map of the shifted input, the shifted map
    of the input, and their difference (zero except near the border and the seam of the
    circular shift). ``exact`` is an optional boolean mask of where they must agree; its
    bounding box is outlined on the difference.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.plot.learning import equivariance
    >>> z = np.zeros((6, 6))
    >>> len(equivariance(z, z, z, z, (1, 2), exact=z > -1).axes)  # and a colour bar
    6
    """
    fmap = np.asarray(fmap, dtype=float)
    fmap_shifted = np.asarray(fmap_shifted, dtype=float)
    moved = np.roll(fmap, shift, axis=(0, 1))
    diff = fmap_shifted - moved
    root, fig = canvas(ax, (7.8, 2.0))
    axs = fig.subplots(1, 5)
    show_grey(axs[0], x)
    axs[0].set_title("input x")
    show_grey(axs[1], x_shifted)
    axs[1].set_title(f"S x (shift {shift[0]}, {shift[1]})")
    vmax = limit(fmap, fmap_shifted)
    if min(fmap.min(), fmap_shifted.min()) >= 0:
        show_grey(axs[2], fmap_shifted, 0, vmax)
        show_grey(axs[3], moved, 0, vmax)
    else:
        show_signed(axs[2], fmap_shifted, vmax)
        show_signed(axs[3], moved, vmax)
    axs[2].set_title("map of S x")
    axs[3].set_title("S (map of x)")
    im = show_signed(axs[4], diff, vmax)
    axs[4].set_title("difference")
    add_colorbar(im, axs[4], shrink=0.8)
    if exact is not None and np.any(exact):
        import matplotlib.patches as patches

        rows, cols = np.nonzero(np.asarray(exact))
        axs[4].add_patch(patches.Rectangle((cols.min() - 0.5, rows.min() - 0.5),
                                           cols.max() - cols.min() + 1,
                                           rows.max() - rows.min() + 1,
                                           fill=False, edgecolor=COLORS[4], linewidth=2))
    return root


@drawn
def template_match(learned: Any, templates: Any, index: Sequence[int], score: Sequence[float], *,
                   names: Sequence[str] | None = None, ax: Any = None):
    """Each learned filter (top row) above the template it matches best (bottom row).

    ``index`` and ``score`` come from :func:`convbook.shapes.match_templates`; the
    template is shown with the sign that matches the filter. Each row has one scale
    centred on zero and its colour bar.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.plot.learning import template_match
    >>> t = np.array([np.eye(3), np.fliplr(np.eye(3))])
    >>> len(template_match(t, t, [0, 1], [1.0, 1.0]).axes)  # and two colour bars
    6
    """
    learned = np.asarray(learned, dtype=float)
    templates = np.asarray(templates, dtype=float)
    c = len(learned)
    root, fig = canvas(ax, (1.3 * c + 1.8, 3.2))
    axs = fig.subplots(2, c, squeeze=False)
    v_top = limit(learned)
    v_bottom = limit(templates)
    for j in range(c):
        f = learned[j]
        t = templates[int(index[j])]
        sign = 1.0 if np.sum((f - f.mean()) * (t - t.mean())) >= 0 else -1.0
        top = show_signed(axs[0, j], f, v_top)
        axs[0, j].set_title(f"filter {j}", fontsize="small")
        bottom = show_signed(axs[1, j], sign * t, v_bottom)
        name = names[int(index[j])] if names is not None else f"template {int(index[j])}"
        axs[1, j].set_title(f"{'-' if sign < 0 else ''}{name}\n|cos| {score[j]:.2f}",
                            fontsize="small")
    add_colorbar(top, list(axs[0]), shrink=0.9, pad=0.02, aspect=10)
    add_colorbar(bottom, list(axs[1]), shrink=0.9, pad=0.02, aspect=10)
    axs[0, 0].set_ylabel("learned")
    axs[1, 0].set_ylabel("Sobel")
    return root


__all__ = ["loss_curve", "kernels", "samples", "filter_bank", "training_snapshot", "layer_maps",
           "equivariance", "template_match"]
