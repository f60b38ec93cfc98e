"""Chapter 4: the sequence algebra behind its figures, the figures, and the exercise checks."""
import numpy as np
import pytest
from matplotlib.figure import Figure

import convbook
from convbook.exercises import algebra as ex
from convbook.plot import algebra as A
from convbook.plot import boundaries as B


def seq_as_dict(s):
    start, values = s
    return {start + i: v for i, v in enumerate(values) if v != 0}


def brute_convolve(a, b):
    a, b = seq_as_dict(a), seq_as_dict(b)
    out = {}
    for i, u in a.items():
        for j, v in b.items():
            out[i + j] = out.get(i + j, 0) + u * v
    return {k: v for k, v in out.items() if v != 0}


def brute_correlate(a, b):
    a, b = seq_as_dict(a), seq_as_dict(b)
    out = {}
    for i, u in a.items():          # (a ⋆ b)[n] = sum_m a[n + m] b[m]: n = i - m
        for m, v in b.items():
            out[i - m] = out.get(i - m, 0) + u * v
    return {k: v for k, v in out.items() if v != 0}


@pytest.mark.parametrize("seed", range(20))
def test_seq_products_match_the_definitions(seed):
    rng = np.random.default_rng(seed)
    a = (int(rng.integers(-3, 4)), rng.integers(-3, 4, rng.integers(1, 6)).astype(float))
    b = (int(rng.integers(-3, 4)), rng.integers(-3, 4, rng.integers(1, 6)).astype(float))
    assert seq_as_dict(A.seq_convolve(a, b)) == brute_convolve(a, b)
    assert seq_as_dict(A.seq_correlate(a, b)) == brute_correlate(a, b)


def test_seq_add_scale_shift():
    assert A.seq_add((2, [1.0]), (-1, [1.0, 1.0]))[0] == -1
    assert seq_as_dict(A.seq_add((2, [1.0]), (-1, [1.0, 1.0]))) == {-1: 1, 0: 1, 2: 1}
    assert seq_as_dict(A.seq_scale(3, (1, [1.0, 2.0]))) == {1: 3, 2: 6}
    assert seq_as_dict(A.seq_shift((1, [1.0, 2.0]), 2)) == {3: 1, 4: 2}


def holds(law, op, signals="asymmetric", seed=0):
    left, right, _, _ = A.law_sides(law, op, *A.example_signals(signals, seed))
    _, (lv, rv) = A.align(left, right)
    return np.allclose(lv, rv)


@pytest.mark.parametrize("law", A.LAWS)
@pytest.mark.parametrize("signals", A.SIGNALS)
def test_every_law_holds_for_convolution(law, signals):
    assert holds(law, "convolution", signals)


@pytest.mark.parametrize("law, expected", [("commutative", False), ("associative", False),
                                           ("distributive", True), ("scalar", True), ("shift", True)])
def test_which_laws_hold_for_correlation(law, expected):
    assert holds(law, "cross-correlation", "asymmetric") is expected
    assert holds(law, "cross-correlation", "random", 3) is expected


def test_correlation_commutes_up_to_reflection():
    f, g = (0, [1.0, 2.0, 3.0]), (0, [0.0, 1.0, 0.5])
    a, b = A.seq_correlate(f, g), A.seq_correlate(g, f)
    da, db = seq_as_dict(a), seq_as_dict(b)
    assert da == {-n: v for n, v in db.items()}


def test_bad_law_and_op_are_named():
    with pytest.raises(ValueError, match="law must be one of"):
        A.law_sides("idempotent", "convolution", [1], [1], [1])
    with pytest.raises(ValueError, match="op must be one of"):
        A.law_sides("scalar", "product", [1], [1], [1])
    with pytest.raises(ValueError, match="case must be one of"):
        A.law_case_figure("nope")
    with pytest.raises(ValueError, match="name must be one of"):
        A.example_signals("nope")


def test_filtered_is_same_size_correlation():
    x = np.arange(25.0).reshape(5, 5)
    k = np.array([[0, 0, 0], [0, 0, 1.0], [0, 0, 0]])
    out = A.filtered(x, k, "zeros")
    assert out.shape == x.shape
    assert np.array_equal(out[:, :4], x[:, 1:]) and np.all(out[:, 4] == 0)
    assert np.array_equal(A.filtered(x, k, "circular"), np.roll(x, -1, axis=1))


def test_figures_are_figures():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(16, 16))
    sob = np.array([[1.0, 0, -1], [2, 0, -2], [1, 0, -1]])
    lap = np.array([[0.0, 1, 0], [1, -4, 1], [0, 1, 0]])
    box = convbook.continuous.box(2.0)
    t = np.linspace(-2, 2, 9)
    figs = [A.law_figure(), A.law_case_figure(A.CASES[-1]),
            A.border_figure(rng.normal(size=10), np.ones(3), np.ones(3)),
            A.correlation_pair_figure([1, 2], [3, 4, 5]),
            A.equivariance_figure(x, np.ones((3, 3)), (2, 3)), A.rotation_figure(x, sob, lap),
            A.matrices_figure([np.eye(3)], ["I"]), A.wraparound_figure([1, 2, 3], [1, 1]),
            A.crossover_figure([3, 9], [1e-3, 2e-3], [2e-3, 2e-3], 100),
            A.two_layers_figure([1, 2], [1, -1], None, np.ones(4), np.ones(4)),
            A.approximate_identity_figure(box, [0.5], t, [box(t)], [0.5, 0.1], [0.3, 0.1])]
    assert all(isinstance(f, Figure) for f in figs)


def test_circular_system_is_circular_convolution():
    h = np.array([1.0, 2.0, 0.0, -1.0, 0.5])
    system = ex.circular_system(h)
    x = np.random.default_rng(1).normal(size=5)
    want = [sum(x[m] * h[(n - m) % 5] for m in range(5)) for n in range(5)]
    assert np.allclose(system(x), want)
    with pytest.raises(ValueError, match="shape"):
        system(np.ones(4))


def test_check_identify():
    assert ex.check_identify(lambda system, n: system(np.eye(n)[0]))
    msg = ex.check_identify(lambda system, n: system(np.ones(n))).message
    assert "constant signal" in msg
    assert "shifted by 2" in ex.check_identify(lambda system, n: system(np.eye(n)[2])).message
    assert "not done yet" in ex.check_identify(lambda s, n: None).message
    assert "raised" in ex.check_identify(lambda s, n: 1 / 0).message

    def stub(system, n):
        raise NotImplementedError
    assert "not done yet" in ex.check_identify(stub).message


def test_check_fft_convolve():
    def right(x, k):
        L = len(x) + len(k) - 1
        return np.fft.irfft(np.fft.rfft(x, L) * np.fft.rfft(k, L), L)

    def circular(x, k):
        return np.real(np.fft.ifft(np.fft.fft(x) * np.fft.fft(k, len(x))))
    assert ex.check_fft_convolve(right)
    assert ex.check_fft_convolve(lambda x, k: np.fft.ifft(np.fft.fft(x, len(x) + len(k) - 1)
                                                          * np.fft.fft(k, len(x) + len(k) - 1)))
    assert "circular" in ex.check_fft_convolve(circular).message
    assert not ex.check_fft_convolve(lambda x, k: np.zeros(len(x) + len(k) - 1))
    assert "not done yet" in ex.check_fft_convolve(lambda x, k: None).message


def test_check_combine():
    assert ex.check_combine(convbook.convolve)
    assert "correlates the kernels" in ex.check_combine(convbook.correlate).message
    assert "k1 + k2 - 1" in ex.check_combine(lambda a, b: a).message
    assert "not done yet" in ex.check_combine(lambda a, b: None).message


def svd_split(K):
    U, s, Vt = np.linalg.svd(np.asarray(K, dtype=float))
    if s[1] > 1e-10 * s[0]:
        return None
    return U[:, 0] * np.sqrt(s[0]), Vt[0] * np.sqrt(s[0])


def test_check_separable():
    assert ex.check_separable(svd_split)
    # the factors may be scaled against each other, and lists are fine
    assert ex.check_separable(lambda K: None if svd_split(K) is None else
                              [list(2 * svd_split(K)[0]), svd_split(K)[1] / 2])
    msg = ex.check_separable(lambda K: (K[:, 0], np.ones(K.shape[1]))).message
    assert "Sobel" in msg and "np.outer(u, v) is not K" in msg
    always = ex.check_separable(lambda K: (np.linalg.svd(K)[0][:, 0] * np.linalg.svd(K)[1][0],
                                           np.linalg.svd(K)[2][0])).message
    assert "should be None for the Laplacian" in always
    assert "is None for the Sobel kernel" in ex.check_separable(lambda K: None).message
    swapped = ex.check_separable(lambda K: svd_split(K)[::-1] if svd_split(K) else None)
    assert not swapped and "swapped" in swapped.message
    assert "pair (u, v) or None" in ex.check_separable(lambda K: 3.0).message
    assert "should be 1-D" in ex.check_separable(lambda K: (K, K)).message
    assert "raised" in ex.check_separable(lambda K: 1 / 0).message


def test_boundaries_figures():
    f = np.random.default_rng(3).normal(size=12)
    fig = B.same_layers_figure(f, [(np.ones(3), np.ones(3)), (np.ones(2), np.ones(2))])
    assert isinstance(fig, Figure) and len(fig.axes) == 4
    fig = B.separable_timing_figure([3, 5], [1e-3, 2e-3], [1e-3, 1e-3], (8, 8))
    assert isinstance(fig, Figure)


def test_checks_never_mutate_or_crash_on_garbage():
    for check in (ex.check_identify, ex.check_fft_convolve, ex.check_combine,
                  ex.check_separable):
        assert not check(lambda *a: "garbage")
        assert not check(lambda *a: [[1, 2], [3]])
        assert not check(42)
