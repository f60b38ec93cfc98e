"""Chapter 3's border and transpose figures: they draw what the chapter computes, reject
bad input with a message, leave their inputs alone, and their titles do not overlap."""
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import convbook
from convbook import data
from convbook.plot import filtering

PHOTO = data.photo(32)
BLUR = np.outer([1.0, 2, 1], [1.0, 2, 1]) / 16


def texts_overlap(figure):
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    r = canvas.get_renderer()
    boxes = [t.get_window_extent(r) for ax in figure.get_axes()
             for t in (ax.title, ax.xaxis.label, ax.yaxis.label) if t.get_text()]
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]


@pytest.mark.parametrize("where", filtering.CORNERS)
def test_padding_modes_draws_each_mode_and_its_corner(where):
    fig = filtering.padding_modes(PHOTO, BLUR, corner=8, where=where)
    axs = fig.get_axes()
    assert len(axs) == 2 * len(filtering.PADDING_MODES)
    assert [ax.get_title() for ax in axs[:4]] == [
        f'padding_mode="{m}"' for m in filtering.PADDING_MODES]
    assert not texts_overlap(fig)
    # the drawn images are the layer's output and the chosen corner of it
    for col, mode in enumerate(filtering.PADDING_MODES):
        want = convbook.conv2d(PHOTO[None, None], BLUR[None, None], padding="same",
                               padding_mode=mode)[0, 0]
        whole = axs[col].get_images()[0].get_array()
        corner = axs[4 + col].get_images()[0].get_array()
        assert np.allclose(whole, want)
        rows = slice(0, 8) if where.startswith("top") else slice(-8, None)
        cols = slice(0, 8) if where.endswith("left") else slice(-8, None)
        assert np.allclose(corner, want[rows, cols])


def test_padding_modes_shows_what_zero_padding_does():
    """With zeros the blurred border is darker than with circular padding, whose mean
    is exactly the image's (the identity the chapter states)."""
    fig = filtering.padding_modes(np.ones((10, 10)), BLUR, modes=("zeros", "circular"),
                                  corner=4)
    zeros, circular = (ax.get_images()[0].get_array() for ax in fig.get_axes()[:2])
    assert zeros[0, 0] < 1 and np.allclose(circular, 1)


def test_padding_modes_rejects_bad_input():
    with pytest.raises(ValueError, match="padding_modes: each mode must be one of"):
        filtering.padding_modes(PHOTO, BLUR, modes=("zeros", "mirror"))
    with pytest.raises(ValueError, match="modes must name at least one"):
        filtering.padding_modes(PHOTO, BLUR, modes=())
    with pytest.raises(ValueError, match="where must be one of"):
        filtering.padding_modes(PHOTO, BLUR, where="middle")
    with pytest.raises(ValueError, match="corner must be between 1 and the image size 32"):
        filtering.padding_modes(PHOTO, BLUR, corner=40)
    with pytest.raises(ValueError, match=r"image must be a non-empty 2-D array \(H, W\), "
                                         r"but got shape \(32,\)"):
        filtering.padding_modes(PHOTO[0], BLUR)
    with pytest.raises(TypeError, match="image must be an array of numbers"):
        filtering.padding_modes("photo", BLUR)


def test_matrix_and_transpose_draws_both():
    k = np.array([1, 10, 100])
    T = np.stack([convbook.correlate(e, k, "valid") for e in np.eye(6)], axis=1)
    fig = filtering.matrix_and_transpose(T, titles=["T", "T transposed"])
    left, right = fig.get_axes()[:2]
    assert (left.get_title(), right.get_title()) == ("T", "T transposed")
    # the numbers written in the grids, row by row, are T and its transpose
    assert [t.get_text() for t in left.texts] == [f"{v:g}" for v in T.ravel()]
    numbers = [t.get_text() for t in right.texts]
    assert numbers == [f"{v:g}" for v in T.T.ravel()]
    assert numbers[8:12] == ["100", "10", "1", "0"]  # row 2: the kernel reversed
    assert not texts_overlap(fig)


def test_matrix_and_transpose_rejects_bad_input():
    with pytest.raises(ValueError, match="matrix must be a non-empty 2-D array"):
        filtering.matrix_and_transpose(np.arange(3))
    with pytest.raises(TypeError, match="matrix must hold integers or floats"):
        filtering.matrix_and_transpose([["a", None]])
    with pytest.raises(ValueError, match="titles must hold two strings"):
        filtering.matrix_and_transpose(np.eye(2), titles=["only one"])


def test_figures_do_not_mutate_inputs():
    image, kernel, T = PHOTO.copy(), BLUR.copy(), np.eye(3)
    filtering.padding_modes(image, kernel, corner=4)
    filtering.matrix_and_transpose(T)
    assert np.array_equal(image, PHOTO) and np.array_equal(kernel, BLUR)
    assert np.array_equal(T, np.eye(3))


def test_figures_use_the_book_style_and_no_font_size_literals():
    import inspect
    import re

    from convbook import plot

    assert not re.search(r"fontsize=\d", inspect.getsource(filtering))
    # drawn inside plot.style(): the whole images use the style's interpolation
    fig = filtering.padding_modes(PHOTO, BLUR, corner=4)
    assert fig.axes[0].get_images()[0].get_interpolation() == \
        plot.STYLE["image.interpolation"]
