"""conv_macs: multiply-adds of a layer, against torch's own count of its work and by hand."""
import pytest

from convbook import conv_output_size
from convbook.arithmetic import conv_macs, conv_params


@pytest.mark.parametrize("c_in, c_out, k, out, g", [(3, 96, 11, 55, 1), (64, 64, 3, 56, 1),
                                                    (64, 128, 3, 28, 4), (32, 32, 3, 112, 32),
                                                    (16, 8, (3, 5), (10, 7), 2)])
def test_each_weight_once_per_output_position(c_in, c_out, k, out, g):
    kh, kw = k if isinstance(k, tuple) else (k, k)
    oh, ow = out if isinstance(out, tuple) else (out, out)
    assert conv_macs(c_in, c_out, k, out, groups=g) == c_out * oh * ow * (c_in // g) * kh * kw
    assert conv_macs(c_in, c_out, k, out, groups=g) == \
        conv_params(c_in, c_out, k, bias=False, groups=g) * oh * ow


def test_alexnet_conv1():
    side = conv_output_size(227, 11, stride=4)
    assert side == 55 and conv_macs(3, 96, 11, side) == 105_415_200
    assert 2 * conv_macs(3, 96, 11, side) == 210_830_400   # "211 MFLOPs"


def test_one_dimensional():
    assert conv_macs(4, 2, (3,), (10,)) == 2 * 10 * 4 * 3


@pytest.mark.parametrize("args, match", [
    ((3, 96, 11, "x"), "conv_macs: output_size must be an int"),
    ((3, 96, 11, (55,)), "conv_macs: output_size and kernel_size must have one entry"),
    ((3, 96, 11, 0), "conv_macs: output_size must be >= 1"),
    ((3, 96, 11, 55, 5), "conv_macs: groups must divide"),
])
def test_errors_name_the_function(args, match):
    with pytest.raises((TypeError, ValueError), match=match):
        conv_macs(*args)
