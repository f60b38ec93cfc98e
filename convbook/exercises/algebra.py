"""Self-checks for the exercises of chapter 4 (algebraic properties).

Each check calls the reader's function on fixed inputs, compares with tested convbook
code, and returns a :class:`~convbook.exercises.Feedback` naming what is wrong.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .. import _args, signal
from . import Feedback, as_array, call, close, compare_arrays, guarded, kind


def circular_system(kernel: Any) -> Callable[[Any], np.ndarray]:
    """A black-box linear, shift-equivariant system on length-``len(kernel)`` signals:
    circular convolution with ``kernel`` (computed through the FFT, so reading the
    code does not reveal the kernel's entries).

    Examples
    --------
    >>> system = circular_system([0.0, 1.0, 0.0, 0.0])
    >>> np.round(system([1.0, 2.0, 3.0, 4.0]), 12)
    array([4., 1., 2., 3.])
    """
    kernel = _args.reals(kernel, "circular_system", "kernel")
    if kernel.ndim != 1 or not kernel.size:
        raise ValueError(f"circular_system: kernel must be 1-D and not empty, but got shape "
                         f"{kernel.shape}")
    spectrum = np.fft.fft(kernel)
    n = len(spectrum)

    def system(x: Any) -> np.ndarray:
        x = _args.reals(x, "system", "input", finite=False)
        if x.shape != (n,):
            raise ValueError(f"system: input must have shape ({n},), but got shape {x.shape}")
        return np.real(np.fft.ifft(np.fft.fft(x) * spectrum))

    return system


@guarded
def check_identify(identify: Any) -> Feedback:
    """``identify_kernel(system, n)`` must return the kernel of a circular system of length ``n``.

    Parameters
    ----------
    identify : callable
        The reader's ``identify_kernel(system, n)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> check_identify(lambda system, n: system(np.eye(n)[0]))
    ✔ identify_kernel(system, n) is right
    >>> check_identify(lambda system, n: system(np.eye(n)[1]))
    ✘ identify_kernel(system, n) is the kernel shifted by 1: put the impulse at index 0
    """
    name = "identify_kernel(system, n)"
    for kernel in (np.array([2.0, -1.0, 0.5, 0.0, 0.0, 0.0, 0.0, 3.0]),
                   np.array([0.0, 1.0, 4.0, 1.0, 0.0, -2.0, 0.0])):
        answer, problem = call(identify, circular_system(kernel), len(kernel), name=name)
        if problem is not None:
            return problem
        got, bad = as_array(answer, name)
        if bad is not None:
            return bad
        if got.shape == kernel.shape and not close(got, kernel):
            for s in range(1, len(kernel)):
                if close(got, np.roll(kernel, s)):
                    return Feedback(False, f"{name} is the kernel shifted by {s}: put the impulse at index 0")
            if close(got, np.full(len(kernel), kernel.sum())):
                return Feedback(False, f"{name} is the response to a constant signal (every entry is the "
                                       "kernel's sum): send a single impulse, delta[0] = 1, instead")
        verdict = compare_arrays(got, kernel, name=name)
        if not verdict:
            return verdict
    return Feedback(True, f"{name} is right")


@guarded
def check_fft_convolve(fft_convolve: Any) -> Feedback:
    """``fft_linear_convolve(x, k)`` must return the full linear convolution, via the FFT.

    Parameters
    ----------
    fft_convolve : callable
        The reader's ``fft_linear_convolve(x, k)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> check_fft_convolve(lambda x, k: np.real(np.fft.ifft(np.fft.fft(x) * np.fft.fft(k, len(x)))))
    ✘ fft_linear_convolve(x, k) has length 9, the length of x: that is circular convolution, whose tail wraps around; zero pad both arrays to len(x) + len(k) - 1
    """
    name = "fft_linear_convolve(x, k)"
    rng = np.random.default_rng(4)
    for n, m in ((9, 4), (5, 5), (3, 6)):
        x = rng.normal(size=n)
        k = rng.normal(size=m)
        answer, problem = call(fft_convolve, x.copy(), k.copy(), name=name)
        if problem is not None:
            return problem
        got, bad = as_array(answer, name, complex_ok=True)
        if bad is not None:
            return bad
        if got.ndim == 1 and len(got) == n != n + m - 1:
            return Feedback(False, f"{name} has length {n}, the length of x: that is circular "
                                   "convolution, whose tail wraps around; zero pad both arrays to "
                                   "len(x) + len(k) - 1")
        if np.iscomplexobj(got):
            if not close(got.imag, np.zeros(got.shape), atol=1e-9):
                return Feedback(False, f"{name} has non-zero imaginary parts: check the transforms")
            got = got.real
        verdict = compare_arrays(got, signal.convolve(x, k, method="direct"), name=name, atol=1e-9)
        if not verdict:
            return verdict
    return Feedback(True, f"{name} is right")


@guarded
def check_combine(combine: Any) -> Feedback:
    """``combine_kernels(w1, w2)`` must return the kernel of one cross-correlation layer equal to the
    layer ``w1`` followed by the layer ``w2`` (1-D and 2-D kernels).

    Parameters
    ----------
    combine : callable
        The reader's ``combine_kernels(w1, w2)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> from convbook import convolve
    >>> check_combine(convolve)
    ✔ combine_kernels(w1, w2) is right
    """
    name = "combine_kernels(w1, w2)"
    rng = np.random.default_rng(7)
    for s1, s2 in (((3,), (4,)), ((3, 3), (2, 3))):
        w1 = rng.integers(-3, 4, s1).astype(float)
        w2 = rng.integers(-3, 4, s2).astype(float)
        answer, problem = call(combine, w1.copy(), w2.copy(), name=name)
        if problem is not None:
            return problem
        want = signal.convolve(w1, w2)
        got, bad = as_array(answer, name)
        if bad is not None:
            return bad
        if got.shape == want.shape and not close(got, want):
            if close(got, signal.correlate(w1, w2)) or close(got, signal.correlate(w2, w1)):
                return Feedback(False, f"{name} correlates the kernels: stacking two correlations "
                                       "convolves their kernels (the flips combine)")
        if got.shape != want.shape:
            return Feedback(False, f"{name} has shape {got.shape} but should have shape {want.shape}: "
                                   "the combined kernel has k1 + k2 - 1 taps along each axis")
        verdict = compare_arrays(got, want, name=name)
        if not verdict:
            return verdict
    return Feedback(True, f"{name} is right")


@guarded
def check_separable(split: Any) -> Feedback:
    """``separable_parts(K)`` must return ``(u, v)`` with ``np.outer(u, v) == K`` for a
    separable (rank-1) 2-D kernel ``K``, and ``None`` for a kernel that is not.

    Parameters
    ----------
    split : callable
        The reader's ``separable_parts(K)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> check_separable(lambda K: (K[:, 0], np.ones(K.shape[1])))
    ✘ separable_parts(K) is wrong for the Sobel kernel: np.outer(u, v) is not K
    """
    name = "separable_parts(K)"
    gauss = np.array([1.0, 4.0, 6.0, 4.0, 1.0]) / 16
    kernels = (("the Sobel kernel", np.outer([1.0, 2.0, 1.0], [1.0, 0.0, -1.0])),
               ("a 5 x 5 Gaussian", np.outer(gauss, gauss)),
               ("a 3 x 4 box", np.full((3, 4), 1 / 12)),
               ("a 4 x 2 rank-1 kernel", np.outer([2.0, -1.0, 0.5, 3.0], [1.0, -2.0])))
    others = (("the Laplacian", np.array([[0.0, 1, 0], [1, -4, 1], [0, 1, 0]])),
              ("a 3 x 3 kernel of rank 3", np.eye(3)))
    for label, kernel in kernels:
        answer, problem = call(split, kernel.copy(), name=name)
        if problem is not None:
            return problem
        if answer is None:
            return Feedback(False, f"{name} is None for {label}, which is separable "
                                   "(an outer product of a column and a row)")
        if not isinstance(answer, (tuple, list)) or len(answer) != 2:
            return Feedback(False, f"{name} should return a pair (u, v) or None, but "
                                   f"returned {kind(answer)}")
        parts = []
        for part, which in zip(answer, ("u", "v")):
            got, bad = as_array(part, f"{name}[{which!r}]")
            if bad is not None:
                return bad
            if got.ndim != 1:
                return Feedback(False, f"{name}: {which} should be 1-D, but has shape "
                                       f"{got.shape}")
            parts.append(got)
        u, v = parts
        if (len(u), len(v)) != kernel.shape:
            return Feedback(False, f"{name} for {label} of shape {kernel.shape} gave u, v "
                                   f"of lengths {len(u)}, {len(v)}: u runs down the "
                                   "columns (one entry per row), v along the rows")
        if not close(np.outer(u, v), kernel, atol=1e-9):
            if close(np.outer(v, u), kernel, atol=1e-9):
                return Feedback(False, f"{name} has u and v swapped for {label}: "
                                       "np.outer(v, u) is K; u runs down the columns, "
                                       "v along the rows")
            return Feedback(False, f"{name} is wrong for {label}: np.outer(u, v) is not K")
    for label, kernel in others:
        answer, problem = call(split, kernel.copy(), name=name)
        if problem is not None:
            return problem
        if answer is not None:
            return Feedback(False, f"{name} should be None for {label}, which is not "
                                   "an outer product (its rank is above 1)")
    return Feedback(True, f"{name} is right")


__all__ = ["circular_system", "check_identify", "check_fft_convolve", "check_combine",
           "check_separable"]
