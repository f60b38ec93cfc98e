"""convbook.sequences: sequences on Z, their products, and the sides of each law."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convbook import sequences as S

ints = st.lists(st.integers(-4, 4), min_size=1, max_size=6)
seqs = st.tuples(st.integers(-5, 5), ints)


def value(seq, n):
    start, v = S.as_sequence(seq)
    return v[n - start] if 0 <= n - start < len(v) else 0.0


@settings(max_examples=60, deadline=None)
@given(seqs, seqs)
def test_products_follow_the_sums_on_z(a, b):
    conv, corr = S.seq_convolve(a, b), S.seq_correlate(a, b)
    lo, hi = -20, 20
    for n in range(lo, hi):
        want = sum(value(a, m) * value(b, n - m) for m in range(lo, hi))
        assert value(conv, n) == want
        want = sum(value(a, n + m) * value(b, m) for m in range(lo, hi))
        assert value(corr, n) == want


@settings(max_examples=40, deadline=None)
@given(seqs, seqs, seqs)
def test_convolution_obeys_every_law(f, g, h):
    for law in S.LAWS:
        left, right, _, _ = S.law_sides(law, "convolution", f, g, h)
        _, (lv, rv) = S.align(left, right)
        np.testing.assert_allclose(lv, rv, atol=1e-9)


def test_correlation_fails_commutativity_on_the_book_example():
    f, g, h = S.example_signals("asymmetric")
    left, right, ll, rl = S.law_sides("commutative", "cross-correlation", f, g, h)
    _, (lv, rv) = S.align(left, right)
    assert (ll, rl) == ("f⋆g", "g⋆f")
    assert not np.allclose(lv, rv)
    np.testing.assert_array_equal(lv, rv[::-1])      # mirror images


def test_worked_cases():
    assert S.seq_shift((0, [1, 2]), 3)[0] == 3
    start, v = S.seq_add((0, [1, 1]), (3, [5]))
    assert start == 0 and v.tolist() == [1, 1, 0, 5]
    assert S.seq_scale(-1, [1, 2])[1].tolist() == [-1, -2]
    n, (a,) = S.align((-2, [7]))
    assert n.tolist() == [-2] and a.tolist() == [7]


def test_inputs_are_not_mutated():
    v = np.array([1.0, 2.0])
    S.seq_shift((0, v), 1)[1][0] = 99
    assert v.tolist() == [1.0, 2.0]


def test_random_example_is_seeded():
    a = S.example_signals("random", seed=3)
    b = S.example_signals("random", seed=3)
    assert all(np.array_equal(x[1], y[1]) for x, y in zip(a, b))


@pytest.mark.parametrize("call, error, match", [
    (lambda: S.seq_convolve((1.5, [1]), [1]), TypeError, "seq_convolve: the start of a"),
    (lambda: S.seq_convolve([[1, 2]], [1]), ValueError, "1-D array, but got shape"),
    (lambda: S.seq_correlate([1], []), ValueError, "seq_correlate: the values of b"),
    (lambda: S.seq_convolve(["x"], [1]), TypeError, "seq_convolve: a must be"),
    (lambda: S.seq_shift([1], 0.5), TypeError, "seq_shift: tau must be an int"),
    (lambda: S.seq_scale("2", [1]), TypeError, "seq_scale: alpha must be a real number"),
    (lambda: S.align(), ValueError, "align: need at least one"),
    (lambda: S.example_signals("nope"), ValueError, "example_signals: name must be one of"),
    (lambda: S.law_sides("idempotent", "convolution", [1], [1], [1]), ValueError,
     "law_sides: law must be one of"),
    (lambda: S.law_sides("shift", "product", [1], [1], [1]), ValueError,
     "law_sides: op must be one of"),
])
def test_bad_input_is_named(call, error, match):
    with pytest.raises(error, match=match):
        call()
