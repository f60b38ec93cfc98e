"""The receptive field of a stack of 1-D layers, drawn as a cone (chapter 1).

One unit of the top layer, the units of each layer below that it depends on, and the
connections between them. The count at the bottom is :func:`convbook.receptive_field`;
``tests/test_why.py`` checks that the drawn cone agrees with it.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .._validate import check_int
from . import COLORS, axes, canvas, drawn

MAX_INPUTS = 200    # dots in one row of the drawing


def _nonempty(value: Any, func: str, name: str, what: str) -> list:
    """``list(value)``, refusing a non-sequence or an empty one with a message."""
    try:
        entries = list(value)
    except TypeError:
        raise TypeError(f"{func}: {name} must be a sequence of {what}, but got "
                        f"{value!r}") from None
    if not entries:
        raise ValueError(f"{func}: {name} is empty; give at least one of {what}")
    return entries


def _layers(layers: Any) -> list[tuple[int, int, int]]:
    """``[(k, s, d), ...]`` from ``(k, s)`` or ``(k, s, d)`` entries."""
    out = []
    entries = _nonempty(layers, "receptive_cone", "layers",
                        "(kernel_size, stride[, dilation]) tuples")
    for entry in entries:
        try:
            values = tuple(entry)
            values = tuple(check_int(v, "receptive_cone", "layers") for v in values)
        except TypeError:
            raise TypeError(f"receptive_cone: each layer is a (kernel_size, stride[, dilation]) "
                            f"tuple of integers, but got {entry!r}") from None
        if len(values) not in (2, 3) or min(values) < 1:
            raise ValueError(f"receptive_cone: each layer is (kernel_size, stride[, dilation]) "
                             f"with positive integers, but got {entry!r}")
        k, s, d = values if len(values) == 3 else values + (1,)
        out.append((k, s, d))
    return out


def _sizes(n_inputs: int, layers: list[tuple[int, int, int]]) -> list[int]:
    """Units per level (level 0 is the input), 'valid' layers without padding."""
    sizes = [int(n_inputs)]
    for k, s, d in layers:
        sizes.append((sizes[-1] - d * (k - 1) - 1) // s + 1)
    return sizes


def _cone(layers: list[tuple[int, int, int]], unit: int) -> list[list[int]]:
    """The indices, level by level from the input up, that ``unit`` of the top layer
    depends on: unit ``j`` of a layer reads ``j s + d t`` (``t = 0 .. k-1``) below it."""
    levels = [[int(unit)]]
    for k, s, d in reversed(layers):
        below = sorted({j * s + d * t for j in levels[0] for t in range(k)})
        levels.insert(0, below)
    return levels


def _centres(layers: list[tuple[int, int, int]], sizes: list[int]) -> list[np.ndarray]:
    """Where to draw each unit: the centre of its receptive field, in input positions."""
    centres = [np.arange(sizes[0], dtype=float)]
    jump, reach = 1, 1          # input positions per step of this level; receptive field
    for (k, s, d), size in zip(layers, sizes[1:]):
        reach += d * (k - 1) * jump
        jump *= s
        centres.append(np.arange(size) * jump + (reach - 1) / 2)
    return centres


@drawn
def receptive_cone(layers: Sequence[Sequence[int]], n_inputs: int, ax: Any = None, *,
                   title: str | None = None, color: str = COLORS[0]):
    """Draw the units of a stack of 'valid' 1-D layers and the cone of one top unit.

    ``layers`` is ``[(kernel_size, stride[, dilation]), ...]`` from the input up, as in
    :func:`convbook.receptive_field`. Every unit is a grey dot at the centre of its own
    receptive field; the middle unit of the top layer, the units it depends on and
    their connections are drawn in ``color``, and each level is labelled with how many
    input positions its part of the cone reaches.

    Examples
    --------
    >>> from convbook.plot.receptive_cone import receptive_cone
    >>> fig = receptive_cone([(3, 1), (3, 1), (3, 1)], 15)
    >>> fig.axes[0].get_title()
    '3 layers of 3 taps, stride 1: receptive field 7'
    """
    stack = _layers(layers)
    n_inputs = check_int(n_inputs, "receptive_cone", "n_inputs", minimum=1)
    if n_inputs > MAX_INPUTS:
        raise ValueError(f"receptive_cone: n_inputs={n_inputs} is more than a drawing can show; "
                         f"use at most {MAX_INPUTS} (convbook.receptive_field counts any stack)")
    sizes = _sizes(n_inputs, stack)
    if min(sizes) < 1:
        raise ValueError(f"receptive_cone: n_inputs={n_inputs} is too small for layers "
                         f"{list(layers)}: the levels would have {sizes} units")
    top = (sizes[-1] - 1) // 2
    cone = _cone(stack, top)
    centres = _centres(stack, sizes)
    fig, ax = axes(ax, figsize=(5.0, 3.2))
    for level, (xs, chosen) in enumerate(zip(centres, cone)):
        if level:
            k, s, d = stack[level - 1]
            for j in chosen:
                for t in range(k):
                    ax.plot([centres[level - 1][j * s + d * t], xs[j]], [level - 1, level],
                            color=color, lw=1.4, zorder=1)
        ax.scatter(xs, np.full(len(xs), level), s=46, color="white", edgecolor="#9a9a9a",
                   zorder=2)
        ax.scatter(xs[chosen], np.full(len(chosen), level), s=46, color=color,
                   edgecolor="black", zorder=3)
        if level == 0:
            label = f"{chosen[-1] - chosen[0] + 1} inputs"
        else:
            label = f"{len(chosen)} unit" + ("s" if len(chosen) > 1 else "")
        ax.text(sizes[0] + 0.1, level, label, ha="left", va="center")
    ax.set_yticks(range(len(sizes)), ["input"] + [f"layer {i}" for i in range(1, len(sizes))])
    ax.set_xticks([])
    ax.set_xlim(-0.7, sizes[0] + 0.4 + 0.22 * sizes[0])
    ax.set_ylim(-0.45, len(sizes) - 0.35)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    reach = cone[0][-1] - cone[0][0] + 1
    if title is None:
        if len(set(stack)) == 1:
            k, s, d = stack[0]
            title = (f"{len(stack)} layer{'s' if len(stack) > 1 else ''} of {k} taps, "
                     f"stride {s}"
                     + (f", dilation {d}" if d > 1 else "") + f": receptive field {reach}")
        else:
            title = f"receptive field {reach}"
    ax.set_title(title)
    return fig


@drawn
def receptive_cones(stacks: Sequence[Sequence[Sequence[int]]], n_inputs: int, ax: Any = None,
                    *, figsize: tuple[float, float] = (9.0, 3.2)):
    """:func:`receptive_cone` for several stacks side by side, one colour each."""
    stacks = _nonempty(stacks, "receptive_cones", "stacks",
                       "layer stacks, lists of (kernel_size, stride) tuples")
    n_inputs = check_int(n_inputs, "receptive_cones", "n_inputs", minimum=1)
    root, target = canvas(ax, figsize)
    axs = target.subplots(1, len(stacks), squeeze=False)[0]
    for i, (ax, stack) in enumerate(zip(axs, stacks)):
        receptive_cone(stack, n_inputs, ax=ax, color=COLORS[i % len(COLORS)])
        if i:
            ax.set_yticklabels([])
    return root


__all__ = ["receptive_cone", "receptive_cones"]
