"""Chapter 5's figure helpers and exercise checks (convbook.plot.padding, convbook.exercises.padding)."""
import numpy as np
import pytest

import convbook
from convbook.exercises import padding as ex
from convbook.plot import padding as pp

torch = pytest.importorskip("torch")
F = torch.nn.functional


# --- pure helpers ---------------------------------------------------------------------

@pytest.mark.parametrize("size,k,s,p,d", [(8, 3, 1, 0, 1), (10, 3, 2, 0, 1), (9, 3, 2, 1, 2),
                                          (7, 4, 3, 2, 1), (12, 5, 1, 4, 2), (6, 1, 2, 0, 1)])
def test_usage_counts_match_autograd(size, k, s, p, d):
    x = torch.ones(1, 1, size, dtype=torch.float64, requires_grad=True)
    F.conv1d(x, torch.ones(1, 1, k, dtype=torch.float64), stride=s, padding=p, dilation=d).sum().backward()
    assert pp.usage(size, k, s, p, d).tolist() == x.grad[0, 0].tolist()


def test_taps_are_the_window_of_one_output():
    # output 1 of i=5, k=3, s=2, p=1 reads input cells 1, 2, 3
    assert pp.taps(1, 3, stride=2, padding=1) == [1, 2, 3]
    assert pp.taps(0, 3, stride=1, padding=2) == [-2, -1, 0]       # mostly padding
    assert pp.taps(2, 3, stride=1, padding=0, dilation=2) == [2, 4, 6]


def test_padded_letters_match_np_pad_for_every_mode():
    assert pp.padded_letters("abcd", 2, "zeros") == "0 0 | a b c d | 0 0"
    assert pp.padded_letters("abcd", 2, "reflect") == "c b | a b c d | c b"
    assert pp.padded_letters("abcd", 2, "replicate") == "a a | a b c d | d d"
    assert pp.padded_letters("abcd", 2, "circular") == "c d | a b c d | a b"
    assert pp.padded_letters("abcde", 1, "reflect") == "b | a b c d e | d"


def test_np_pad_modes_equal_torch_pad_modes():
    row = torch.arange(1.0, 6.0)[None, None]
    names = {"zeros": "constant", "reflect": "reflect", "replicate": "replicate", "circular": "circular"}
    for mode in pp.MODES:
        ours = np.pad(row[0, 0].numpy(), 3, mode=pp.NP_PAD_MODE[mode])
        assert np.array_equal(ours, F.pad(row, (3, 3), mode=names[mode])[0, 0].numpy()), mode


@pytest.mark.parametrize("dilations", [(1,), (1, 1, 1), (1, 2, 4), (2, 2, 2), (1, 3, 9), (4, 1)])
def test_dilated_footprint_reach_is_the_receptive_field(dilations):
    fp = pp.dilated_footprint(dilations)
    assert len(fp) == convbook.receptive_field([(3, 1, d) for d in dilations])
    # and it is the impulse response of the stacked all-ones dilated layers
    h = torch.ones(1, 1, 1, dtype=torch.float64)
    for d in dilations:
        h = F.conv1d(h, torch.ones(1, 1, 3, dtype=torch.float64), dilation=d, padding=2 * d)
    assert np.array_equal(h[0, 0].numpy(), fp)


def test_patterns():
    z = pp.zone_plate(64)
    assert z.shape == (64, 64) and z.min() >= 0 and z.max() <= 1
    g = pp.gaussian_kernel(9, 2.0)
    assert g.shape == (9, 9) and np.isclose(g.sum(), 1) and np.allclose(g, g.T)


def test_classic_cases_output_sizes_agree_with_torch():
    expected = [2, 6, 5, 7, 2, 3, 3, 3]   # the guide's figures 2.1-2.7 and 5.1
    for case, want in zip(pp.CLASSIC_CASES, expected):
        i, k, p, s, d = (case[n] for n in ("size", "kernel_size", "padding", "stride", "dilation"))
        out = F.conv2d(torch.zeros(1, 1, i, i), torch.zeros(1, 1, k, k), stride=s, padding=p, dilation=d)
        assert out.shape[-1] == convbook.conv_output_size(i, k, s, p, d) == want, case["name"]


# --- figures -------------------------------------------------------------------------

def test_figures_return_figures_with_their_panels():
    from matplotlib.figure import Figure

    img = np.linspace(0, 1, 32 * 32).reshape(32, 32)
    figs = {
        "usage": (pp.usage_counts(6, 3, (0, 1)), 2),
        "modes": (pp.padding_modes("abc", 1), 1),
        "border": (pp.border_artefacts({m: img for m in pp.MODES}, img, rows=8), 10),
        "aliasing": (pp.aliasing(img, img[::2, ::2], img[::2, ::2], 2), 3),
        "dilation": (pp.dilation_footprints([(1, 2), (2, 2)]), 2),
        "gradient": (pp.gradient_window(np.eye(5), (0, 0, 5, 5)), 2),
        "window": (pp.window_diagram(5, 3, 1, 2), 2),
    }
    for name, (fig, n_axes) in figs.items():
        assert isinstance(fig, Figure), name
        assert len(fig.axes) == n_axes, name


def test_window_diagram_edge_cases():
    fig = pp.window_diagram(size=3, kernel_size=5, padding=0)        # no output at all
    assert "does not fit" in fig._suptitle.get_text()
    fig = pp.window_diagram(5, 3, 1, 2, out_row=10, out_col=10)      # clipped to the last cell
    assert "o = 3" in fig._suptitle.get_text()


def test_classic_case_by_figure_number():
    assert "figure 2.6" in pp.classic_case("2.6", step=4)._suptitle.get_text()
    assert "5.1" in pp.classic_case(7)._suptitle.get_text()
    with pytest.raises(ValueError, match="classic_case: case must be one of"):
        pp.classic_case("9.9")


# --- exercise checks -----------------------------------------------------------------

def reference_pad(x, p, mode):
    return np.pad(x, p, mode=pp.NP_PAD_MODE[mode])


def test_check_pad():
    assert ex.check_pad(reference_pad)
    assert "not done yet" in ex.check_pad(lambda x, p, m: None).message
    def raises(x, p, mode):
        raise NotImplementedError
    assert "NotImplementedError" in ex.check_pad(raises).message
    # reflect with the edge repeated is numpy's "symmetric": caught, with both arrays shown
    def symmetric(x, p, mode):
        return np.pad(x, p, mode="symmetric" if mode == "reflect" else pp.NP_PAD_MODE[mode])
    verdict = ex.check_pad(symmetric)
    assert not verdict and "'reflect'" in verdict.message and "Expected" in verdict.message
    assert "shape" in ex.check_pad(lambda x, p, m: x).message
    assert "raised" in ex.check_pad(lambda x, p, m: 1 / 0).message


def test_check_output_size():
    assert ex.check_output_size(lambda i, k, s=1, p=0, d=1: (i + 2 * p - d * (k - 1) - 1) // s + 1)
    assert "not done yet" in ex.check_output_size(lambda i, k, s=1, p=0, d=1: None).message
    total = ex.check_output_size(lambda i, k, s=1, p=0, d=1: (i + p - d * (k - 1) - 1) // s + 1)
    assert "per side" in total.message
    nodil = ex.check_output_size(lambda i, k, s=1, p=0, d=1: (i + 2 * p - (k - 1) - 1) // s + 1)
    assert "dilated" in nodil.message
    ceil = ex.check_output_size(lambda i, k, s=1, p=0, d=1: -(-(i + 2 * p - d * (k - 1) - 1) // s) + 1)
    assert "round down" in ceil.message
    real = ex.check_output_size(lambda i, k, s=1, p=0, d=1: (i + 2 * p - d * (k - 1) - 1) / s + 1)
    assert "int" in real.message


def test_check_same_padding():
    def right(k, d=1):
        t = d * (k - 1)
        return t // 2, t - t // 2
    assert ex.check_same_padding(right)
    assert "on the right" in ex.check_same_padding(lambda k, d=1: right(k, d)[::-1]).message
    assert "total" in ex.check_same_padding(lambda k, d=1: (k // 2, k // 2)).message
    assert "pair" in ex.check_same_padding(lambda k, d=1: 3).message
    assert "not done yet" in ex.check_same_padding(lambda k, d=1: None).message


def test_check_output_padding():
    def right(n, k, s, p):
        return (n + 2 * p - k) % s
    assert ex.check_output_padding(right)
    wrong = ex.check_output_padding(lambda n, k, s, p: 0)
    assert not wrong and "maps 8 to 4" in wrong.message and "expected 1" in wrong.message
    assert "not done yet" in ex.check_output_padding(lambda n, k, s, p: None).message
    assert "gives an error" in ex.check_output_padding(lambda n, k, s, p: 5).message


@pytest.mark.parametrize("size,k,p,s,d", [(3, 6, 0, 1, 1), (3, 6, 4, 4, 4), (12, 1, 0, 4, 1),
                                          (7, 4, 4, 1, 4), (12, 6, 2, 3, 2)])
def test_window_diagram_renders_every_explorer_setting(size, k, p, s, d):
    fig = pp.window_diagram(size, k, p, s, d, out_row=11, out_col=11)
    try:
        o = convbook.conv_output_size(size, k, s, p, d)
        assert f"o = {o}" in fig._suptitle.get_text()
    except ValueError:
        assert "does not fit" in fig._suptitle.get_text()


def test_check_pad_survives_a_string_answer():
    from convbook.exercises.padding import check_pad

    verdict = check_pad(lambda x, p, mode: "junk")
    assert not verdict and "array of numbers" in verdict.message


def _reads_every_pixel(i, k, s, p):
    """The rule of chapter 5 (d = 1, p < k): r <= p, and s <= k unless one window."""
    o, r = (i + 2 * p - k) // s + 1, (i + 2 * p - k) % s
    return r <= p and (s <= k or o == 1)


def test_coverage_rule_is_the_count_of_usage():
    # the theorem of chapter 5, on every small case inside its hypotheses
    for i in range(1, 26):
        for k in range(1, 7):
            for p in range(k):
                for s in range(1, 12):
                    if k > i + 2 * p:
                        continue
                    read = pp.usage(i, k, s, p).min() > 0
                    assert read == _reads_every_pixel(i, k, s, p), (i, k, s, p)
    # outside them (p >= k) a gap can fall in the padding
    assert pp.usage(4, 4, 5, 5).min() > 0 and not _reads_every_pixel(4, 4, 5, 5)


def test_check_reads_every_pixel():
    assert ex.check_reads_every_pixel(_reads_every_pixel)
    integer = ex.check_reads_every_pixel(lambda i, k, s, p: (i + 2 * p - k) % s == 0)
    assert not integer and "CS231n" in integer.message and "3, 7" in integer.message
    no_gap = ex.check_reads_every_pixel(lambda i, k, s, p: (i + 2 * p - k) % s <= p)
    assert not no_gap and "gaps of s - k = 1 cell between" in no_gap.message
    no_rest = ex.check_reads_every_pixel(lambda i, k, s, p: s <= k)
    assert not no_rest and "more than its p = 0 cells of padding" in no_rest.message
    never = ex.check_reads_every_pixel(lambda i, k, s, p: False)
    assert not never and "every cell is read" in never.message
    one = ex.check_reads_every_pixel(lambda i, k, s, p: 1)
    assert not one and one.message.endswith("return True or False")
    assert "not done yet" in ex.check_reads_every_pixel(lambda i, k, s, p: None).message


def test_check_reads_every_pixel_single_window_message():
    # one window (o = 1) with s > k: the reason is the remainder, not gaps between windows
    def off_at(case, verdict):
        return lambda *a: verdict if a == case else _reads_every_pixel(*a)

    wrong = ex.check_reads_every_pixel(off_at((4, 5, 9, 2), True))
    assert not wrong and "input cell 3 is never read" in wrong.message
    assert "the only window ends r = 3 cells" in wrong.message and "gaps" not in wrong.message
    wrong = ex.check_reads_every_pixel(off_at((3, 5, 9, 2), False))
    assert not wrong and "the only window ends r = 2 cells" in wrong.message
    assert "overlap" not in wrong.message


def test_check_pad_limits():
    # x[-p:] is the whole array at p = 0: the circular branch that breaks there is caught
    def old_circular(x, p, mode):
        if mode == "circular":
            return np.concatenate([x[-p:], x, x[:p]])
        return reference_pad(x, p, mode)
    verdict = ex.check_pad(old_circular)
    assert not verdict and "pad_1d(x, 0, 'circular')" in verdict.message


@pytest.mark.parametrize("nd_mode,np_mode", [("constant", "constant"), ("mirror", "reflect"),
                                             ("reflect", "symmetric"), ("nearest", "edge"),
                                             ("wrap", "wrap"), ("grid-wrap", "wrap")])
def test_scipy_ndimage_border_names_as_chapter_5_tabulates(nd_mode, np_mode):
    ndimage = pytest.importorskip("scipy.ndimage")
    x, p = np.arange(1.0, 6.0), 3
    first = np.zeros(2 * p + 1)
    first[0] = 1.0
    left = ndimage.correlate1d(x, first, mode=nd_mode)[:p]      # x_ext[j - p]
    right = ndimage.correlate1d(x, first[::-1], mode=nd_mode)[-p:]
    assert np.array_equal(np.concatenate([left, x, right]), np.pad(x, p, mode=np_mode))
