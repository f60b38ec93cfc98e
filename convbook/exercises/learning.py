"""Self-checks for chapter 9, learning filters (NumPy only).

The kernel loss used throughout is the mean squared error of a "valid"
cross-correlation,

    L(K) = 1 / (2 M) * sum over (i, j) of ((X ⋆ K)[i, j] - Y[i, j]) ** 2,

with ``M`` the number of outputs; its gradient is ``(X ⋆ R) / M``, ``R = X ⋆ K - Y``.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .. import _args
from ..signal import correlate
from . import Feedback, as_array, call, close, compare_arrays, guarded


def kernel_loss(X: Any, K: Any, Y: Any) -> float:
    """The loss ``L(K)`` above.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.exercises.learning import kernel_loss
    >>> X = np.arange(9.0).reshape(3, 3)
    >>> kernel_loss(X, np.ones((2, 2)), np.zeros((2, 2)))   # outputs 8, 12, 20, 24: (64+144+400+576)/8
    148.0
    """
    X, K, Y = (_args.reals(v, "kernel_loss", name) for v, name in ((X, "X"), (K, "K"), (Y, "Y")))
    if X.ndim != 2 or K.ndim != 2 or Y.shape != tuple(np.subtract(X.shape, K.shape) + 1):
        raise ValueError(f"kernel_loss: X and K must be 2-D and Y the shape of the 'valid' "
                         f"output X.shape - K.shape + 1, but got shapes {X.shape}, {K.shape}, "
                         f"{Y.shape}")
    R = correlate(X, K, mode="valid") - Y
    return float(0.5 * np.mean(R ** 2))


def _kernel_loss_gradient(X: Any, K: Any, Y: Any) -> np.ndarray:
    """The gradient of :func:`kernel_loss` with respect to ``K``: ``(X ⋆ R) / M``.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.exercises.learning import _kernel_loss_gradient
    >>> X = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> _kernel_loss_gradient(X, np.zeros((2, 2)), np.array([[10.0]]))   # R = [[-10]]
    array([[-10., -20.],
           [-30., -40.]])
    """
    X = np.asarray(X, float)
    R = correlate(X, np.asarray(K, float), mode="valid") - np.asarray(Y, float)
    return correlate(X, R, mode="valid") / R.size


def _gradient_case():
    X = np.array([[1, 2, 0, 1], [0, 1, 3, 1], [2, 0, 1, 0], [1, 1, 0, 2]], float)
    K_true = np.array([[1.0, 0.0], [0.0, -1.0]])
    K = np.array([[0.5, -1.0], [2.0, 0.0]])
    return X, K, correlate(X, K_true, mode="valid")


@guarded
def check_kernel_gradient(gradient: Any) -> Feedback:
    """Check ``gradient(X, K, Y)`` against the gradient of the kernel loss.

    Recognises the usual slips: forgetting to divide by the number of outputs ``M``,
    the residual taken the wrong way round (``Y - X ⋆ K``), and a flipped kernel.

    Parameters
    ----------
    gradient : callable
        The reader's ``gradient(X, K, Y)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> from convbook.exercises.learning import check_kernel_gradient, _kernel_loss_gradient
    >>> check_kernel_gradient(_kernel_loss_gradient)
    ✔ the gradient is right
    >>> def stub(X, K, Y):
    ...     raise NotImplementedError
    >>> check_kernel_gradient(stub)
    ✘ not done yet: gradient(X, K, Y) still raises NotImplementedError
    >>> check_kernel_gradient(lambda X, K, Y: -_kernel_loss_gradient(X, K, Y))
    ✘ the gradient has the wrong sign: the residual is R = X ⋆ K - Y (prediction minus target)
    """
    X, K, Y = _gradient_case()
    want = _kernel_loss_gradient(X, K, Y)
    got, problem = call(gradient, X.copy(), K.copy(), Y.copy(), name="gradient(X, K, Y)")
    if problem is not None:
        return problem
    g, bad = as_array(got, "the gradient")
    if bad is not None:
        return bad
    result = compare_arrays(g, want, name="the gradient")
    if result:
        return result
    if g.shape == want.shape:
        m = Y.size
        if close(g, -want):
            return Feedback(False, "the gradient has the wrong sign: the residual is "
                                   "R = X ⋆ K - Y (prediction minus target)")
        if close(g, m * want):
            return Feedback(False, f"the gradient is {m} times too large: divide by the number "
                                   f"of outputs M = {m} (the loss is a mean)")
    return result


@guarded
def check_fit_kernel(fit_kernel: Any) -> Feedback:
    """Check ``fit_kernel(X, Y, size, steps, lr)``: gradient descent that recovers a kernel.

    The test image is seeded Gaussian noise (its patches are nearly uncorrelated, so
    a few hundred steps with ``lr=0.5`` are plenty) and the kernel a seeded 3 x 3 one.

    Parameters
    ----------
    fit_kernel : callable
        The reader's ``fit_kernel(X, Y, size, steps, lr)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.exercises.learning import check_fit_kernel, _kernel_loss_gradient
    >>> def fit(X, Y, size, steps, lr):
    ...     K = np.zeros((size, size))
    ...     for _ in range(steps):
    ...         K = K - lr * _kernel_loss_gradient(X, K, Y)
    ...     return K
    >>> check_fit_kernel(fit)
    ✔ the learned kernel is right (largest error below 1e-06)
    """
    rng = np.random.default_rng(8)
    X = rng.standard_normal((16, 16))
    K_true = np.round(rng.uniform(-2, 2, (3, 3)), 1)
    Y = correlate(X, K_true, mode="valid")
    got, problem = call(fit_kernel, X.copy(), Y.copy(), 3, steps=300, lr=0.5,
                        name="fit_kernel(X, Y, 3, steps=300, lr=0.5)")
    if problem is not None:
        return problem
    K, bad = as_array(got, "fit_kernel", none="returned None", verb="should return")
    if bad is not None:
        return bad
    if K.shape != (3, 3):
        return Feedback(False, f"the learned kernel has shape {K.shape} but should be (3, 3)")
    if not np.all(np.isfinite(K)):
        return Feedback(False, "the learned kernel holds inf or nan: the steps diverged "
                               "(is the update K - lr * gradient?)")
    err = float(np.max(np.abs(K - K_true)))
    if err < 1e-6:
        return Feedback(True, "the learned kernel is right (largest error below 1e-06)")
    if np.max(np.abs(K - K_true[::-1, ::-1])) < 1e-6:
        return Feedback(False, "the learned kernel is the true one flipped: the model must be "
                               "the cross-correlation X ⋆ K (convbook.correlate), not convolve")
    start = kernel_loss(X, np.zeros((3, 3)), Y)
    with np.errstate(all="ignore"):
        end = kernel_loss(X, K, Y)
    if end < start:
        return Feedback(False, f"the loss went down (from {start:.3g} to {end:.3g}) but the kernel "
                               f"is still off by up to {err:.3g}: take all the steps, with the "
                               f"gradient divided by M")
    return Feedback(False, f"the loss did not go down (from {start:.3g} to {end:.3g}): "
                           f"step against the gradient, K = K - lr * gradient")


__all__ = ["kernel_loss", "check_kernel_gradient", "check_fit_kernel"]
