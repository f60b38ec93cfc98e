"""convbook.plot.seeds: the seed-spread figure of chapter 9 (learning filters)."""
import numpy as np
import pytest

from convbook.plot import seeds as sp

COLUMNS = {"accuracy": {"full": [0.97, 0.985, 0.985], "ablated": [0.93, 0.94, 0.96]},
           "stability": {"full": [0.91, 0.95, 0.95], "ablated": [0.65, 0.67, 0.73]}}


def _markers(ax, marker):
    return [line for line in ax.get_lines() if line.get_marker() == marker]


def test_one_panel_per_column_one_row_per_variant():
    fig = sp.seed_spread(COLUMNS, reference="full")
    assert [ax.get_xlabel() for ax in fig.axes] == ["accuracy", "stability"]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["full", "ablated"]
    # the first row is drawn at the top
    assert list(fig.axes[0].get_yticks()) == [1, 0]


def test_dots_are_the_seeds_and_the_bar_is_the_mean():
    fig = sp.seed_spread(COLUMNS)
    ax = fig.axes[1]
    dots = _markers(ax, "o")
    assert [list(d.get_xdata()) for d in dots] == [COLUMNS["stability"]["full"],
                                                   COLUMNS["stability"]["ablated"]]
    bars = _markers(ax, "|")
    assert np.allclose([b.get_xdata()[0] for b in bars],
                       [np.mean(COLUMNS["stability"]["full"]),
                        np.mean(COLUMNS["stability"]["ablated"])])
    assert [b.get_ydata()[0] for b in bars] == [1, 0]


def test_reference_line_at_the_reference_mean():
    fig = sp.seed_spread(COLUMNS, reference="full")
    ref = [line for line in fig.axes[0].get_lines() if line.get_linestyle() == ":"]
    assert len(ref) == 1 and np.isclose(ref[0].get_xdata()[0], np.mean(COLUMNS["accuracy"]["full"]))
    assert not [line for line in sp.seed_spread(COLUMNS).axes[0].get_lines()
                if line.get_linestyle() == ":"]


def test_draws_into_a_given_axes():
    from convbook.plot import figure
    fig = figure((8, 3))
    ax = fig.add_subplot(1, 2, 1)
    out = sp.seed_spread({"accuracy": COLUMNS["accuracy"]}, ax=ax)
    assert out is fig


@pytest.mark.parametrize("columns, error, match", [
    ({}, TypeError, "columns must be a non-empty mapping"),
    ([1, 2], TypeError, "columns must be a non-empty mapping"),
    ({"a": [1, 2]}, TypeError, "column 'a' must be a non-empty mapping"),
    ({"a": {"x": [1]}, "b": {"y": [1]}}, ValueError, r"every column must have the rows \['x'\]"),
    ({"a": {"x": []}}, ValueError, "row 'x' of column 'a' must hold finite numbers"),
    ({"a": {"x": [1, np.nan]}}, ValueError, "row 'x' of column 'a' must hold finite numbers"),
])
def test_bad_input_is_named(columns, error, match):
    with pytest.raises(error, match=f"seed_spread: {match}"):
        sp.seed_spread(columns)


def test_bad_reference_is_named():
    with pytest.raises(ValueError, match=r"seed_spread: reference must be one of the rows \['full', "
                                         r"'ablated'\], but got 'nope'"):
        sp.seed_spread(COLUMNS, reference="nope")
