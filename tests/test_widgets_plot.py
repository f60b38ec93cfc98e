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


# --- one visual grammar (convbook.plot) -------------------------------------------------

import ast  # noqa: E402
import inspect  # noqa: E402
import pathlib  # noqa: E402

PACKAGE = pathlib.Path(plot.__file__).parent.parent
PLOT_MODULES = ["algebra", "channels", "continuous", "correlation", "learning", "padding",
                "pooling", "why"]


def _cell_colours(fig, ax_index=0):
    return fig.axes[ax_index].images[0].get_array()


def test_one_value_has_one_colour_in_every_grid():
    a = plot.grid(np.array([[0, 1, 2]]))            # non-negative
    b = plot.grid(np.array([[-8, 2, 1, 0]]))        # signed, larger range
    ca, cb = _cell_colours(a), _cell_colours(b)
    np.testing.assert_array_equal(ca[0, 2], cb[0, 1])      # 2 is 2 everywhere
    np.testing.assert_array_equal(ca[0, 1], cb[0, 2])      # and weight 1 too
    np.testing.assert_array_equal(ca[0, 0], cb[0, 3])
    red, blue = plot.grid_colors([1.0, -1.0])
    assert red[0] > red[2] and blue[2] > blue[0]            # positive red, negative blue


def test_grid_numbers_stay_readable():
    fig = plot.grid(np.array([[-100, -2, 0, 2, 100]]))
    colours = [t.get_color() for t in fig.axes[0].texts]
    assert colours == ["black"] * 5


def test_signed_image_is_centred_with_a_colour_bar():
    fig = plot.signed_image(np.array([[-1.0, 3.0]]))
    assert fig.axes[0].images[0].get_clim() == (-3.0, 3.0)
    assert [ax.get_label() for ax in fig.axes[1:]] == ["<colorbar>"]
    fig = plot.image_row([np.array([[-1.0, 2.0]]), np.array([[-4.0, 1.0]])], ["a", "b"],
                         shared=True)
    assert {ax.images[0].get_clim() for ax in fig.axes[:2]} == {(-4.0, 4.0)}
    assert [ax.get_label() for ax in fig.axes[2:]] == ["<colorbar>"]


def test_style_is_applied_while_drawing_and_nowhere_else():
    import matplotlib

    before = dict(matplotlib.rcParams)
    fig = plot.grid(np.eye(2), title="t")
    assert fig.axes[0].title.get_fontsize() == plot.STYLE["axes.titlesize"]
    from convbook.plot import pooling

    fig = pooling.receptive_field_growth({"3x3": [(3, 1), (3, 1)]})
    fig._repr_png_()
    assert fig.axes[0].xaxis.get_major_ticks()[0].label1.get_fontsize() == \
        plot.STYLE["xtick.labelsize"]
    assert fig.axes[0].get_legend().get_texts()[0].get_fontsize() == \
        plot.STYLE["legend.fontsize"]
    assert dict(matplotlib.rcParams) == before


def test_a_figure_function_draws_into_a_given_axes():
    fig = plot.figure((8, 3))
    left, right = fig.subplots(1, 2)
    out = plot.image_row([np.ones((3, 3)), -np.ones((3, 3))], ["a", "b"], ax=right)
    assert out is fig and len(fig.subfigs) == 1 and left in fig.axes
    sub = plot.figure((6, 3)).subfigures(1, 2)[1]
    from convbook.plot import pooling

    assert pooling.receptive_field_growth({"a": [(3, 1)]}, ax=sub) is sub.figure
    for bad in ("left", fig.add_axes((0, 0, 0.1, 0.1))):
        with pytest.raises(TypeError, match="canvas: ax must be None, an Axes of a subplot"):
            plot.canvas(bad)


def _public_functions(module):
    for name, obj in vars(module).items():
        if inspect.isfunction(obj) and not name.startswith("_") and \
                obj.__module__ == module.__name__:
            yield name, obj


@pytest.mark.parametrize("name", PLOT_MODULES)
def test_every_figure_function_takes_ax_and_draws_in_the_style(name):
    import importlib

    module = importlib.import_module(f"convbook.plot.{name}")
    computing = {"irwin_hall"}      # a density, drawn by clt(); not a figure
    found = 0
    for fname, func in _public_functions(module):
        if fname in computing:
            continue
        found += 1
        assert "ax" in inspect.signature(func).parameters, f"{name}.{fname} takes no ax"
        assert hasattr(func, "__wrapped__") or fname.endswith("case_figure") or \
            fname in ("classic_case", "preset_layer"), f"{name}.{fname} is not @drawn"
    assert found >= 5


def test_plot_sources_set_no_style_and_write_no_font_sizes():
    import re

    for path in sorted((PACKAGE / "plot").glob("*.py")):
        if path.stem not in PLOT_MODULES + ["__init__"]:
            continue
        text = path.read_text()
        assert "plt.show(" not in text.replace("``plt.show()``", "") and "rcParams[" not in text
        assert not re.search(r"(fontsize|labelsize)=\d", text), path.name


def test_exercises_never_import_plot():
    for path in sorted((PACKAGE / "exercises").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [a.name for a in node.names]
                assert not any(n == "plot" or n.startswith("plot.") for n in names), path.name


def test_old_plot_names_are_the_package_functions():
    from convbook import costs, densities, kernels, matrices, patterns, sequences, shifts, windows
    from convbook.plot import algebra, channels, continuous, correlation, padding, pooling, why

    pairs = [(why.layer_costs, costs.layer_costs), (channels.layer_counts, costs.layer_counts),
             (why.conv_matrix, matrices.conv_matrix), (why.weight_index, matrices.weight_index),
             (padding.usage, windows.usage), (padding.taps, windows.taps),
             (padding.zone_plate, patterns.zone_plate),
             (padding.gaussian_kernel, kernels.gaussian_kernel),
             (pooling.blur_pool, shifts.blur_pool), (pooling.strided_pool, shifts.strided_pool),
             (pooling.explorer_pattern, patterns.explorer_pattern),
             (algebra.seq_correlate, sequences.seq_correlate), (algebra.filtered, shifts.filtered),
             (correlation.window_starts, windows.window_starts),
             (correlation.parse_kernel, kernels.parse_kernel),
             (continuous.irwin_hall, densities.irwin_hall)]
    assert all(old is new for old, new in pairs)
