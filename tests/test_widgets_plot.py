"""Figures and explorers: pure functions that return figures, frames that move."""
import numpy as np
import pytest

from convbook import exercises, plot, widgets
from convbook.plot.logo import logo


def test_figures_render_as_png_once_and_leave_pyplot_alone():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = plot.grid(np.array([[1, -2], [3, 4]]), highlight=[(0, 1)], title="t")
    assert fig._repr_png_().startswith(b"\x89PNG")
    assert plt.get_fignums() == before, "figures must not be registered with pyplot"


def test_grid_writes_every_number():
    fig = plot.grid(np.arange(6).reshape(2, 3))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["0", "1", "2", "3", "4", "5"]


def test_signed_maps_are_centred_on_zero():
    fig = plot.feature_map(np.array([[-1.0, 3.0]]))
    lo, hi = fig.axes[0].images[0].get_clim()
    assert lo == -hi == -3.0


def test_image_row_hides_spare_axes():
    fig = plot.image_row([np.zeros((4, 4))] * 3, ["a", "b", "c"], ncols=2)
    assert sum(ax.axison for ax in fig.axes) == 3


def test_frames_slider_html():
    slider = widgets.frames(lambda v: plot.grid(np.eye(2) * v), "v", [1, 2, 3], alt="eye", dpi=30)
    html = slider._repr_html_()
    assert html.count("<img ") == 3 and html.count('alt="eye') == 3
    assert 'max="2"' in html and "display:block" in html and html.count("display:none") == 2
    assert slider.nbytes() < 100_000
    with pytest.raises(ValueError, match="values must not be empty"):
        widgets.frames(lambda v: None, "v", [], alt="x")


def test_explore_builds_an_interactive_widget():
    w = widgets.explore(lambda n: plot.grid(np.ones((1, n))), n=(1, 4))
    assert type(w).__name__ == "interactive"


def test_logo_draws():
    assert logo()._repr_png_().startswith(b"\x89PNG")


def test_exercise_helpers_never_raise_on_wrong_answers():
    assert not exercises.compare_arrays("abc", np.zeros(2))
    assert not exercises.compare_arrays(np.zeros((2, 2)), np.zeros(2))
    flipped = exercises.compare_arrays(np.array([3, 2, 1]), np.array([1, 2, 3]))
    assert "reversed" in flipped.message
    border = exercises.compare_arrays(np.pad(np.ones((2, 2)), 1), np.pad(np.ones((2, 2)), 1, constant_values=5),
                                      border=1)
    assert "border" in border.message
    result, problem = exercises.call(lambda: (_ for _ in ()).throw(NotImplementedError))
    assert result is None and "not done yet" in problem.message
    assert not exercises.call(42)[1]
    assert exercises.compare_number("55", 55)
