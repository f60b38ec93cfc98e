"""Figures of results over several training seeds (chapter 9, learning filters).

A result that depends on the seed is a spread, not a number: these figures show every
seed's value as a dot and the mean as a bar, one row per variant of an experiment.
They take plain sequences of numbers and compute nothing a test should check.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from . import COLORS, canvas, drawn


def _check(columns: Any) -> list[tuple[str, list[tuple[str, np.ndarray]]]]:
    if not isinstance(columns, Mapping) or not columns:
        raise TypeError(f"seed_spread: columns must be a non-empty mapping of a column title "
                        f"to {{row label: values}}, but got {type(columns).__name__}")
    out, rows = [], None
    for title, column in columns.items():
        if not isinstance(column, Mapping) or not column:
            raise TypeError(f"seed_spread: column {title!r} must be a non-empty mapping of a "
                            f"row label to values, but got {type(column).__name__}")
        if rows is None:
            rows = list(column)
        elif list(column) != rows:
            raise ValueError(f"seed_spread: every column must have the rows {rows}, "
                             f"but column {title!r} has {list(column)}")
        cells = []
        for label, values in column.items():
            v = np.asarray(values, dtype=float).ravel()
            if v.size == 0 or not np.all(np.isfinite(v)):
                raise ValueError(f"seed_spread: row {label!r} of column {title!r} must hold "
                                 f"finite numbers, but got {values!r}")
            cells.append((str(label), v))
        out.append((str(title), cells))
    return out


@drawn
def seed_spread(columns: Mapping[str, Mapping[str, Sequence[float]]], ax: Any = None, *,
                reference: str | None = None, width: float = 3.2, row_height: float = 0.36):
    """Dots for the seeds, a bar for their mean: one panel per column, one row per variant.

    Parameters
    ----------
    columns : mapping of str to (mapping of str to sequence of float)
        ``{column title: {row label: one value per seed}}``; every column has the same
        rows, drawn top to bottom in their order.
    ax : None, Axes or Figure
        Where to draw (see :mod:`convbook.plot`).
    reference : str, optional
        A row label whose mean is drawn as a dotted vertical line in every panel, to
        compare the other rows with.

    Examples
    --------
    >>> from convbook.plot.seeds import seed_spread
    >>> fig = seed_spread({"accuracy": {"a": [0.9, 0.95], "b": [0.8, 0.85]},
    ...                    "stability": {"a": [0.7, 0.9], "b": [0.5, 0.6]}}, reference="a")
    >>> [a.get_xlabel() for a in fig.axes]
    ['accuracy', 'stability']
    """
    cols = _check(columns)
    rows = [label for label, _ in cols[0][1]]
    if reference is not None and reference not in rows:
        raise ValueError(f"seed_spread: reference must be one of the rows {rows}, "
                         f"but got {reference!r}")
    n = len(rows)
    root, fig = canvas(ax, (width * len(cols) + 1.6, row_height * n + 0.8))
    axs = fig.subplots(1, len(cols), sharey=True, squeeze=False)[0]
    y = np.arange(n)[::-1]
    for panel, (title, cells) in zip(axs, cols):
        for yi, (label, v) in zip(y, cells):
            color = COLORS[0] if label != reference else COLORS[1]
            panel.plot([v.min(), v.max()], [yi, yi], color=color, linewidth=1, alpha=0.6)
            panel.plot(v, np.full(v.size, yi), "o", color=color, markersize=4, alpha=0.8)
            panel.plot([v.mean()], [yi], "|", color="black", markersize=13, markeredgewidth=2)
            if label == reference:
                panel.axvline(v.mean(), color=COLORS[1], linestyle=":", linewidth=1.2)
        panel.set_xlabel(title)
        panel.grid(True, axis="x", alpha=0.3)
        panel.set_ylim(-0.6, n - 0.4)
    axs[0].set_yticks(y)
    axs[0].set_yticklabels(rows)
    return root


__all__ = ["seed_spread"]
