"""Output sizes, receptive fields and parameter counts: worked cases and torch agreement."""
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from convbook import (conv_output_size, conv_params, conv_transpose_output_size, dense_params,
                      receptive_field)



def _torch():
    """torch for the agreement tests only: the worked cases run without it."""
    return pytest.importorskip("torch")


@pytest.mark.parametrize("args, expected", [
    # the convolution arithmetic guide (Dumoulin & Visin), relationships 1-8
    ((4, 3), 2),                         # no padding, unit stride: i - k + 1
    ((5, 4, 1, 2), 6),                   # arbitrary padding: i - k + 2p + 1
    ((5, 3, 1, 1), 5),                   # half (same) padding
    ((5, 3, 1, 2), 7),                   # full padding: i + k - 1
    ((5, 3, 2), 2),                      # no padding, strides
    ((5, 3, 2, 1), 3),                   # padding and strides
    ((6, 3, 2, 1), 3),                   # ... a different input gives the same size
    ((7, 3, 1, 0, 2), 3),                # dilation: k_eff = k + (k-1)(d-1) = 5
    ((227, 11, 4), 55),                  # CS231n, AlexNet
    ((32, 5, 1, 2), 32),
])
def test_worked_output_sizes(args, expected):
    assert conv_output_size(*args) == expected


def test_numpy_bools_and_ints_accepted():
    # np.True_ is what comparisons of arrays give; it means True
    assert conv_output_size(5, 2, stride=2, ceil_mode=np.True_) == 3
    assert conv_output_size(np.int64(227), np.int32(11), stride=4) == 55


def test_tuples_in_tuples_out():
    assert conv_output_size((224, 200), (7, 5), stride=2, padding=(3, 2)) == (112, 100)
    assert conv_transpose_output_size((3, 3), 3, stride=2) == (7, 7)


@given(st.integers(1, 40), st.integers(1, 7), st.integers(1, 4), st.integers(0, 3),
       st.integers(1, 3))
def test_conv_output_size_matches_torch(i, k, s, p, d):
    torch = _torch()
    x = torch.zeros(1, 1, i)
    w = torch.zeros(1, 1, k)
    try:
        expected = torch.nn.functional.conv1d(x, w, stride=s, padding=p, dilation=d).shape[-1]
    except RuntimeError:
        with pytest.raises(ValueError, match="larger than the padded input"):
            conv_output_size(i, k, s, p, d)
        return
    assert conv_output_size(i, k, s, p, d) == expected


@given(st.integers(1, 40), st.integers(1, 6), st.integers(1, 4), st.integers(0, 3),
       st.integers(1, 2), st.booleans())
def test_pooling_size_matches_torch(i, k, s, p, d, ceil):
    assume(p <= k // 2)
    torch = _torch()
    x = torch.zeros(1, 1, i)
    try:
        expected = torch.nn.functional.max_pool1d(x, k, s, p, d, ceil_mode=ceil).shape[-1]
    except RuntimeError:
        with pytest.raises(ValueError):
            conv_output_size(i, k, s, p, d, ceil_mode=ceil)
        return
    assert conv_output_size(i, k, s, p, d, ceil_mode=ceil) == expected


@given(st.integers(1, 20), st.integers(1, 5), st.integers(1, 4), st.integers(0, 2),
       st.integers(0, 3), st.integers(1, 3))
def test_transpose_size_matches_torch(i, k, s, p, op, d):
    layer_ok = op < max(s, d)
    torch = _torch()
    x = torch.zeros(1, 1, i)
    w = torch.zeros(1, 1, k)
    try:
        expected = torch.nn.functional.conv_transpose1d(x, w, stride=s, padding=p,
                                                        output_padding=op, dilation=d).shape[-1]
    except RuntimeError:
        with pytest.raises(ValueError):
            conv_transpose_output_size(i, k, s, p, op, d)
        return
    assert layer_ok
    assert conv_transpose_output_size(i, k, s, p, op, d) == expected


def test_transpose_inverts_the_shape_of_a_strided_convolution():
    for i in range(5, 30):
        o = conv_output_size(i, 3, stride=2, padding=1)
        back = conv_transpose_output_size(o, 3, stride=2, padding=1, output_padding=(i + 1) % 2)
        assert back == i


def test_receptive_field_worked_cases():
    assert receptive_field([(3, 1)] * 3) == 7
    assert receptive_field([(3, 1, 1), (3, 1, 2), (3, 1, 4)]) == 15
    assert receptive_field([(11, 4), (3, 2), (5, 1)]) == 11 + 2 * 4 + 4 * 8


def test_receptive_field_by_autograd():
    """The input pixels with non-zero gradient for one output form the computed window."""
    torch = _torch()
    torch.manual_seed(0)
    layers = [(3, 2, 1), (3, 1, 2), (2, 2, 1)]
    net = torch.nn.Sequential(*[torch.nn.Conv1d(1, 1, k, s, dilation=d) for k, s, d in layers])
    for m in net:
        torch.nn.init.constant_(m.weight, 1.0)
    x = torch.ones(1, 1, 64, requires_grad=True)
    y = net(x)
    y[0, 0, 3].backward()
    touched = np.flatnonzero(x.grad[0, 0].numpy())
    assert touched.max() - touched.min() + 1 == receptive_field(layers)


def test_parameter_counts():
    assert conv_params(3, 96, 11) == 34_944
    assert conv_params(64, 64, 3, bias=False) == 36_864
    assert conv_params(64, 128, (1, 1)) == 64 * 128 + 128
    assert conv_params(32, 32, 3, groups=32, bias=False) == 288
    assert dense_params(3 * 10**6, 1000, bias=False) == 3 * 10**9


def test_parameter_counts_match_torch():
    torch = _torch()
    layer = torch.nn.Conv2d(12, 8, (3, 5), groups=4)
    assert conv_params(12, 8, (3, 5), groups=4) == sum(p.numel() for p in layer.parameters())
    assert dense_params(10, 4) == sum(p.numel() for p in torch.nn.Linear(10, 4).parameters())
