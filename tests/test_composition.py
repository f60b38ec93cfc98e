"""convbook.composition.same_band against brute force, and its argument errors."""
import numpy as np
import pytest

import convbook
from convbook.composition import same_band


def same(a, b):
    return convbook.convolve(a, b, mode="same")


@pytest.mark.parametrize("k_g", range(1, 8))
@pytest.mark.parametrize("k_h", range(1, 8))
def test_band_is_exactly_where_differences_occur(k_g, k_h):
    rng = np.random.default_rng(100 * k_g + k_h)
    length = 20
    seen = np.zeros(length, bool)
    for _ in range(30):
        f = rng.normal(size=length)
        g, h = rng.normal(size=k_g), rng.normal(size=k_h)
        two = same(same(f, g), h)
        one = same(f, convbook.convolve(g, h))
        differ = np.abs(two - one) > 1e-9
        band = same_band(k_g, k_h)
        if band is None:
            # both even: one sample apart, everywhere inside
            assert np.allclose(two[1 + k_h:length - k_h], one[k_h:length - k_h - 1])
            assert differ.sum() > length // 2
            continue
        start, end = band
        allowed = np.zeros(length, bool)
        allowed[:start] = True
        allowed[length - end:] = True
        assert not np.any(differ & ~allowed)
        seen |= differ
    if band is not None:
        # the band is not wider than needed: every index in it differs for some f
        assert np.array_equal(seen, allowed)


@pytest.mark.parametrize("bad", [0, -1, 2.0, True, "3", None])
def test_bad_sizes_are_named(bad):
    with pytest.raises(ValueError, match=r"same_band: k_g must be an int >= 1"):
        same_band(bad, 3)
    with pytest.raises(ValueError, match=r"same_band: k_h must be an int >= 1"):
        same_band(3, bad)
