"""Every argument's bad values: a TypeError or ValueError that names the argument and the value."""
import numpy as np
import pytest

import convbook
from convbook import continuous

X1 = np.ones((1, 2, 5))
X2 = np.ones((1, 2, 5, 5))
W2 = np.ones((3, 2, 3, 3))

CASES = [
    # signals
    (lambda: convbook.convolve([1, 2], [1], mode="sane"), ValueError,
     r"convolve: mode must be one of \{'full', 'same', 'valid'\}, but got mode='sane'"),
    (lambda: convbook.correlate([1, 2], [1], method="gpu"), ValueError,
     r"correlate: method must be one of .*'loops'.*method='gpu'"),
    (lambda: convbook.convolve(np.ones((3, 3)), np.ones(3)), ValueError,
     r"same number of dimensions.*x.shape=\(3, 3\) and k.shape=\(3,\)"),
    (lambda: convbook.convolve([], [1]), ValueError, r"must not be empty"),
    (lambda: convbook.convolve(3, [1]), ValueError, r"at least one dimension"),
    (lambda: convbook.convolve("abc", [1]), TypeError, r"convolve: x must be an array of numbers"),
    (lambda: convbook.convolve([1, 2j], [1]), TypeError, r"x must be real"),
    (lambda: convbook.convolve([[1, 2], [3]], [1]), TypeError, r"rectangular"),
    (lambda: convbook.convolve(np.ones((4, 2)), np.ones((2, 4)), "valid"), ValueError,
     r"mode='valid' needs one array at least as large"),
    # layers
    (lambda: convbook.conv2d(X2, np.ones((3, 4, 3, 3))), ValueError,
     r"conv2d: input has 2 channels but weight expects 4 \(weight shape \(3, 4, 3, 3\)"),
    (lambda: convbook.conv2d(np.ones((5, 5)), W2), ValueError,
     r"conv2d: input must have shape \(N, C, H, W\) or \(C, H, W\).*2-D array of shape \(5, 5\)"),
    (lambda: convbook.conv2d(X2, np.ones((3, 3))), ValueError, r"weight must have shape"),
    (lambda: convbook.conv2d(X2, W2, stride=0), ValueError, r"stride must be >= 1, but got stride=0"),
    (lambda: convbook.conv2d(X2, W2, stride=1.5), TypeError, r"stride must be an int, but got 1.5"),
    (lambda: convbook.conv2d(X2, W2, padding=-1), ValueError, r"padding must be >= 0"),
    (lambda: convbook.conv2d(X2, W2, padding=(1, 1, 1)), ValueError,
     r"padding must be an int or a tuple of 2 ints, but got padding=\(1, 1, 1\)"),
    (lambda: convbook.conv2d(X2, W2, padding="half"), ValueError,
     r"padding must be one of \{'valid', 'same'\}, but got padding='half'"),
    (lambda: convbook.conv2d(X2, W2, padding="same", stride=2), ValueError,
     r"padding='same' is not supported for strided convolutions"),
    (lambda: convbook.conv2d(X2, W2, dilation=0), ValueError, r"dilation must be >= 1"),
    (lambda: convbook.conv2d(X2, np.ones((3, 1, 3, 3)), groups=2), ValueError,
     r"groups must divide both input channels and output channels.*groups=2 with 2 input and 3 output"),
    (lambda: convbook.conv2d(X2, W2, groups=0), ValueError, r"groups must be >= 1"),
    (lambda: convbook.conv2d(X2, W2, padding_mode="mirror"), ValueError,
     r"padding_mode must be one of \{'zeros', 'reflect', 'replicate', 'circular'\}, but got "
     r"padding_mode='mirror'"),
    (lambda: convbook.conv2d(X2, W2, padding=5, padding_mode="reflect"), ValueError,
     r"padding_mode='reflect' needs padding < input size"),
    (lambda: convbook.conv2d(X2, W2, padding=6, padding_mode="circular"), ValueError,
     r"padding_mode='circular' needs padding <= input size"),
    (lambda: convbook.conv2d(X2, W2, bias=np.ones(2)), ValueError,
     r"bias must have shape \(3,\), one per output channel, but got shape \(2,\)"),
    (lambda: convbook.conv2d(np.ones((1, 2, 2, 2)), W2), ValueError,
     r"padded input \(2\) is smaller than the dilated kernel \(3\)"),
    (lambda: convbook.conv1d(X1, np.ones((1, 2, 3)), padding="same", stride=2), ValueError,
     r"conv1d: padding='same' is not supported"),
    (lambda: convbook.conv2d(np.ones((0, 2, 5, 5)), W2), ValueError, r"must not be empty"),
    # pools
    (lambda: convbook.max_pool2d(X2, 0), ValueError, r"kernel_size must be >= 1"),
    (lambda: convbook.max_pool2d(X2, 2, padding=2), ValueError,
     r"max_pool2d: padding must be at most half the kernel size, but got padding=2"),
    (lambda: convbook.avg_pool2d(X2, 9), ValueError, r"avg_pool2d: the window \(9\) is larger"),
    (lambda: convbook.avg_pool1d(X1, 2, ceil_mode="yes"), TypeError,
     r"ceil_mode must be True or False, but got 'yes'"),
    (lambda: convbook.max_pool1d(np.ones(5), 2), ValueError, r"max_pool1d: input must have shape"),
    # arithmetic
    (lambda: convbook.conv_output_size(3, 5), ValueError,
     r"conv_output_size: the dilated kernel \(d\*\(k-1\)\+1 = 5\) is larger than the padded input"),
    (lambda: convbook.conv_output_size(0, 3), ValueError, r"size must be >= 1, but got size=0"),
    (lambda: convbook.conv_output_size(8.0, 3), TypeError, r"size must be an int, but got 8.0"),
    (lambda: convbook.conv_output_size((8, 8), (3, 3, 3)), ValueError,
     r"tuple arguments must have the same length"),
    (lambda: convbook.conv_transpose_output_size(4, 3, stride=2, output_padding=2), ValueError,
     r"output_padding must be smaller than stride or dilation"),
    (lambda: convbook.receptive_field([]), ValueError, r"layers must not be empty"),
    (lambda: convbook.receptive_field([(3,)]), ValueError,
     r"each layer must be \(kernel_size, stride\)"),
    (lambda: convbook.receptive_field(3), TypeError, r"layers must be a sequence"),
    (lambda: convbook.conv_params(3, 8, 3, groups=2), ValueError, r"groups must divide"),
    (lambda: convbook.conv_params(3, 8, 3, bias=1), TypeError, r"bias must be True or False"),
    (lambda: convbook.dense_params(0, 3), ValueError, r"in_features must be >= 1"),
    # continuous
    (lambda: continuous.convolve(1, np.sin, 0.0), TypeError, r"f and g must be callables"),
    (lambda: continuous.convolve(continuous.box(), continuous.box(), 0.0, rule="euler"), ValueError,
     r"rule must be one of"),
    (lambda: continuous.convolve(continuous.box(), continuous.box(), 0.0, rule="simpson", n=3),
     ValueError, r"even n"),
    (lambda: continuous.convolve(np.sin, np.sin, 0.0, window=(1, 0)), ValueError,
     r"window must be \(a, b\) with a < b"),
    (lambda: continuous.box(-1), ValueError, r"box: width must be positive"),
    (lambda: continuous.gaussian("wide"), TypeError, r"gaussian: sigma must be a positive number"),
    (lambda: continuous.closed_form(continuous.box(), continuous.triangle()), ValueError,
     r"no closed form for box \* triangle"),
]


@pytest.mark.parametrize("call, exc, match", CASES, ids=[c[2][:40] for c in CASES])
def test_bad_input_gets_a_clear_message(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_never_an_index_error_on_random_bad_shapes():
    rng = np.random.default_rng(0)
    for _ in range(300):
        x = np.ones(tuple(rng.integers(0, 4, size=rng.integers(0, 5))))
        w = np.ones(tuple(rng.integers(0, 4, size=rng.integers(0, 5))))
        for fn in (convbook.conv1d, convbook.conv2d, convbook.convolve, convbook.correlate):
            try:
                fn(x, w)
            except (ValueError, TypeError):
                pass
        for fn in (convbook.max_pool1d, convbook.max_pool2d, convbook.avg_pool1d,
                   convbook.avg_pool2d):
            try:
                fn(x, int(rng.integers(1, 4)))
            except (ValueError, TypeError):
                pass


def test_import_does_not_import_torch():
    import subprocess
    import sys
    code = "import sys, convbook, convbook.continuous; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
