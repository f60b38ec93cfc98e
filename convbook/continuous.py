"""Continuous convolution ``(f * g)(t) = ∫ f(x) g(t - x) dx`` by quadrature.

The textbook functions here (:func:`box`, :func:`triangle`, :func:`gaussian`,
:func:`exponential`) are callables that also know their support and the points
where they are not smooth (``support`` and ``breaks`` attributes), so that
:func:`convolve` can split the integral there and integrate each smooth piece with
Gauss-Legendre, reaching about machine precision. :func:`closed_form` gives the
exact answers to check against.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from . import _args
from ._validate import check_choice

RULES = ("gauss", "trapezoid", "simpson", "midpoint")


@dataclass(frozen=True)
class Function:
    """A vectorised function with known support and non-smooth points.

    Made by :func:`box`, :func:`triangle`, :func:`gaussian` and :func:`exponential`;
    calling it evaluates ``formula`` on ``numpy.asarray(x, dtype=float)``.

    Attributes
    ----------
    name : str
        "box", "triangle", "gaussian" or "exponential" (what :func:`closed_form` reads).
    formula : callable
        The vectorised formula.
    support : (float, float)
        An interval outside which the function is zero (or below 1e-16 of its peak).
    breaks : tuple of float
        Where the function or its derivative jumps: :func:`convolve` splits there.
    params : dict
        The parameters it was made with, e.g. ``{"width": 1.0}``.

    Examples
    --------
    >>> from convbook.continuous import box
    >>> b = box(2.0)
    >>> b.support, b.breaks, b.params
    ((-1.0, 1.0), (-1.0, 1.0), {'width': 2.0})
    """

    name: str
    formula: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    support: tuple[float, float]
    breaks: tuple[float, ...] = ()
    params: dict = field(default_factory=dict)

    def __call__(self, x: Any) -> np.ndarray:
        return self.formula(_args.reals(x, self.name, "x", finite=False))


@_args.fill
def box(width: float = 1.0) -> Function:
    """Unit-area box of the given width centred on 0: ``1/width`` on ``[-w/2, w/2]``.

    Parameters
    ----------
    width : float
        Positive and finite.

    Returns
    -------
    Function
        Support ``(-w/2, w/2)``, breaks at both ends.

    Raises
    ------
    %(raises)s

    See Also
    --------
    triangle : box(w) * box(w).

    Examples
    --------
    >>> from convbook.continuous import box
    >>> box(2.0)([-1.5, 0.0, 0.5])
    array([0. , 0.5, 0.5])
    """
    w = _args.real(width, "box", "width", positive=True)
    return Function("box", lambda x: np.where(np.abs(x) <= w / 2, 1.0 / w, 0.0),
                    (-w / 2, w / 2), (-w / 2, w / 2), {"width": w})


@_args.fill
def triangle(width: float = 1.0) -> Function:
    """Unit-area triangle on ``[-w, w]`` (box(w) * box(w)), peak ``1/w`` at 0.

    Parameters
    ----------
    width : float
        Half the base, positive and finite.

    Returns
    -------
    Function
        Support ``(-w, w)``, breaks at ``-w``, 0 and ``w``.

    Raises
    ------
    %(raises)s

    Examples
    --------
    >>> from convbook.continuous import triangle
    >>> triangle(2.0)([-2.0, -1.0, 0.0, 3.0])
    array([0.  , 0.25, 0.5 , 0.  ])
    """
    w = _args.real(width, "triangle", "width", positive=True)
    return Function("triangle", lambda x: np.maximum(0.0, w - np.abs(x)) / w**2,
                    (-w, w), (-w, 0.0, w), {"width": w})


@_args.fill
def gaussian(sigma: float = 1.0, mean: float = 0.0) -> Function:
    """Normal density with standard deviation ``sigma`` (support cut at 12 sigma,
    where the density is below 1e-31 of its peak).

    Parameters
    ----------
    sigma : float
        Standard deviation, positive and finite.
    mean : float
        Centre, finite.

    Returns
    -------
    Function
        Support ``(mean - 12 sigma, mean + 12 sigma)``, no breaks (smooth).

    Raises
    ------
    %(raises)s

    Examples
    --------
    >>> import math
    >>> from convbook.continuous import gaussian
    >>> bool(abs(gaussian(2.0)(0.0) - 1 / (2 * math.sqrt(2 * math.pi))) < 1e-16)
    True
    """
    s = _args.real(sigma, "gaussian", "sigma", positive=True)
    m = _args.real(mean, "gaussian", "mean")
    return Function("gaussian",
                    lambda x: np.exp(-0.5 * ((x - m) / s) ** 2) / (s * math.sqrt(2 * math.pi)),
                    (m - 12 * s, m + 12 * s), (), {"sigma": s, "mean": m})


@_args.fill
def exponential(rate: float = 1.0) -> Function:
    """One-sided exponential density ``a exp(-a x)`` for ``x >= 0`` (cut where it
    falls below 1e-16 of its peak).

    Parameters
    ----------
    rate : float
        ``a``, positive and finite.

    Returns
    -------
    Function
        Support ``(0, 37 / a)``, a break at 0 (the jump).

    Raises
    ------
    %(raises)s

    Examples
    --------
    >>> from convbook.continuous import exponential
    >>> exponential(2.0)([-1.0, 0.0])
    array([0., 2.])
    """
    a = _args.real(rate, "exponential", "rate", positive=True)
    return Function("exponential", lambda x: np.where(x >= 0, a * np.exp(-a * np.maximum(x, 0)), 0.0),
                    (0.0, 37.0 / a), (0.0,), {"rate": a})


@_args.fill
def closed_form(f: Function, g: Function) -> Callable[[Any], np.ndarray]:
    """The exact ``f * g`` for the pairs a textbook works by hand.

    box * box (a trapezoid; a triangle for equal widths), gaussian * gaussian
    (variances add, means add), exponential * box, exponential * exponential,
    box * triangle is left to the reader.

    Parameters
    ----------
    f, g : Function
        Made by this module's :func:`box`, :func:`gaussian` or :func:`exponential`.

    Returns
    -------
    callable
        The exact convolution, vectorised in ``t`` (a ``Function`` for two
        Gaussians).

    Raises
    ------
    TypeError
        ``f`` or ``g`` is not one of this module's functions.
    ValueError
        The pair has no closed form here (the message lists the known pairs).

    See Also
    --------
    convolve : the same integral by quadrature.

    Examples
    --------
    >>> from convbook.continuous import box, triangle, closed_form
    >>> exact = closed_form(box(1.0), box(1.0))
    >>> bool(abs(exact(0.25) - triangle(1.0)(0.25)) < 1e-15)
    True
    """
    for arg, fn in (("f", f), ("g", g)):
        if not isinstance(fn, Function):
            raise TypeError(f"closed_form: {arg} must be one of this module's functions (box, "
                            f"triangle, gaussian, exponential), but got {_args.shown(fn)}")
    pair = {f.name, g.name}
    if f.name == g.name == "box":
        a, b = f.params["width"] / 2, g.params["width"] / 2

        def box_box(t):
            t = np.abs(_args.reals(t, "box_box", "t", finite=False))
            overlap = np.clip(np.minimum(a, t + b) - np.maximum(-a, t - b), 0.0, None)
            return overlap / (4 * a * b)
        return box_box
    if f.name == g.name == "gaussian":
        s = math.hypot(f.params["sigma"], g.params["sigma"])
        return gaussian(s, f.params["mean"] + g.params["mean"])
    if pair == {"exponential", "box"}:
        e, bx = (f, g) if f.name == "exponential" else (g, f)
        a, w = e.params["rate"], bx.params["width"]

        def exp_box(t):
            t = _args.reals(t, "exp_box", "t", finite=False)
            lo = np.maximum(t - w / 2, 0.0)
            hi = np.maximum(t + w / 2, 0.0)
            return (np.exp(-a * lo) - np.exp(-a * hi)) / w
        return exp_box
    if f.name == g.name == "exponential":
        a, b = f.params["rate"], g.params["rate"]

        def exp_exp(t):
            t = _args.reals(t, "exp_exp", "t", finite=False)
            tp = np.maximum(t, 0.0)
            if math.isclose(a, b):
                val = a * a * tp * np.exp(-a * tp)
            else:
                val = a * b * (np.exp(-a * tp) - np.exp(-b * tp)) / (b - a)
            return np.where(t >= 0, val, 0.0)
        return exp_exp
    raise ValueError(f"closed_form: no closed form for {f.name} * {g.name}; known pairs are "
                     "box*box, gaussian*gaussian, exponential*box, exponential*exponential")


@_args.fill
def convolve(f: Callable, g: Callable, t: Any, *, window: tuple[float, float] | None = None,
             breaks: Any = (), rule: str = "gauss", n: int = 64) -> Any:
    """``(f * g)(t) = ∫ f(x) g(t - x) dx`` at each point of ``t``, by quadrature.

    Parameters
    ----------
    f, g : callable
        Vectorised functions of one real variable. Functions from this module carry
        their support and non-smooth points, which set the defaults below.
    t : float or array_like
        Where to evaluate the convolution.
    window : (a, b), optional
        The integration interval in ``x``. Default: the intersection of the support
        of ``f`` with that of ``x -> g(t - x)``. Needed when neither function
        knows its support. A window too narrow silently cuts off mass: the
        integral only sees what is inside it.
    breaks : sequence of float
        Extra points in ``x`` where the integrand is not smooth.
    rule : {"gauss", "trapezoid", "simpson", "midpoint"}
        ``"gauss"``: ``n``-point Gauss-Legendre on each smooth piece between the
        breaks (default, ~1e-12 on the closed forms). The others use ``n`` equal
        intervals over the whole window and ignore breaks: the rules whose error
        shrinks like h, h^2 and h^4 as the spacing h = (b - a) / n shrinks.
    n : int
        Nodes per piece (gauss, at most 1000) or intervals (the others, at most 1e7;
        even for simpson).

    Returns
    -------
    float or numpy.ndarray
        A float for a scalar ``t``, else an array shaped like ``t``.

    Raises
    ------
    TypeError
        ``f`` or ``g`` not callable, or not mapping an array of x to real numbers of
        its shape; ``t``, ``window`` or ``breaks`` not (arrays of) real numbers; ``n``
        not an int.
    ValueError
        ``t``, ``window`` or ``breaks`` not finite, ``window`` with ``a >= b``, no
        ``window`` when neither function knows its support, an unknown ``rule``,
        ``n < 2``, or an odd ``n`` for simpson. Every message names the argument and
        its value.

    See Also
    --------
    closed_form : exact answers to check against.
    convbook.convolve : the discrete convolution.

    Examples
    --------
    >>> from convbook.continuous import box, convolve
    >>> round(float(convolve(box(1.0), box(1.0), 0.5)), 12)
    0.5

    Two unit boxes overlap on half their width at ``t = 0.5``: the triangle's value there.
    """
    func = "continuous.convolve"
    for name, fn in (("f", f), ("g", g)):
        if not callable(fn):
            raise TypeError(f"{func}: f and g must be callables (functions of x), but got "
                            f"{name}={_args.shown(fn)} ({type(fn).__name__})")
    check_choice(rule, RULES, func, "rule")
    n = _args.count(n, func, "n", minimum=2, maximum=1000 if rule == "gauss" else 10**7)
    if rule == "simpson" and n % 2:
        raise ValueError(f"{func}: rule='simpson' needs an even n, but got n={n}")
    ts = _args.reals(t, func, "t")
    fs, gs = getattr(f, "support", None), getattr(g, "support", None)
    if window is not None:
        window = _args.real_pair(window, func, "window", increasing=True)
    elif fs is None and gs is None:
        raise ValueError(f"{func}: f and g do not know their supports; pass window=(a, b), the "
                         "interval of x to integrate over")
    extra = _args.reals(breaks, func, "breaks").ravel().tolist()
    out = np.empty(ts.shape)
    for idx, ti in np.ndenumerate(ts):
        out[idx] = _one_point(f, g, float(ti), window, fs, gs, extra, rule, n)
    return float(out) if out.ndim == 0 else out


def _one_point(f, g, t, window, fs, gs, extra, rule, n):
    lo, hi = -np.inf, np.inf
    if window is not None:
        lo, hi = window
    else:
        if fs is not None:
            lo, hi = max(lo, fs[0]), min(hi, fs[1])
        if gs is not None:  # g(t - x) is non-zero for t - x in gs, x in [t - gs1, t - gs0]
            lo, hi = max(lo, t - gs[1]), min(hi, t - gs[0])
    if not lo < hi:
        return 0.0
    def integrand(x):
        try:
            y = np.asarray(f(x) * g(t - x), dtype=float)
            return np.broadcast_to(y, x.shape)
        except Exception as exc:  # noqa: BLE001  the reader's callables: name them, not NumPy
            raise TypeError("continuous.convolve: f and g must map an array of x to an array "
                            f"of real numbers of the same shape; f(x) * g(t - x) gave "
                            f"{type(exc).__name__}: {exc}") from exc
    if rule == "gauss":
        pts = [lo, hi] + list(getattr(f, "breaks", ())) + [t - b for b in getattr(g, "breaks", ())]
        pts = sorted({p for p in pts + extra if lo <= p <= hi})
        nodes, weights = _gauss_legendre(n)
        total = 0.0
        for a, b in zip(pts[:-1], pts[1:]):
            if b > a:
                x = 0.5 * (b - a) * nodes + 0.5 * (a + b)
                total += 0.5 * (b - a) * float(np.dot(weights, integrand(x)))
        return total
    x = np.linspace(lo, hi, n + 1)
    y = integrand(x)
    h = (hi - lo) / n
    if rule == "trapezoid":
        return h * (y.sum() - 0.5 * (y[0] + y[-1]))
    if rule == "simpson":
        return h / 3 * (y[0] + y[-1] + 4 * y[1:-1:2].sum() + 2 * y[2:-1:2].sum())
    mid = integrand(0.5 * (x[:-1] + x[1:]))
    return h * mid.sum()


@functools.lru_cache(maxsize=32)
def _gauss_legendre(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights on [-1, 1], computed once per n (they cost ~1 ms each time)."""
    nodes, weights = np.polynomial.legendre.leggauss(n)
    nodes.flags.writeable = False
    weights.flags.writeable = False
    return nodes, weights


@_args.fill
def observed_order(spacings: Any, errors: Any) -> float:
    """Slope of log(error) against log(spacing): the measured order of a rule.

    A rule whose error shrinks like ``h**p`` has slope ``p`` (a least-squares line
    through the points on log-log axes).

    Parameters
    ----------
    spacings, errors : 1-D array_like
        Of one length >= 2, positive and finite.

    Returns
    -------
    float
        The slope ``p``.

    Raises
    ------
    %(raises)s

    Examples
    --------
    >>> from convbook.continuous import observed_order
    >>> round(observed_order([0.1, 0.05, 0.025], [1e-2, 2.5e-3, 6.25e-4]), 6)
    2.0
    """
    h = _args.reals(spacings, "observed_order", "spacings")
    e = _args.reals(errors, "observed_order", "errors")
    if h.shape != e.shape or h.ndim != 1 or h.size < 2:
        raise ValueError("observed_order: spacings and errors must be 1-D of one length >= 2, "
                         f"but got shapes {h.shape} and {e.shape}")
    if np.any(h <= 0) or np.any(e <= 0):
        raise ValueError("observed_order: spacings and errors must be positive (log scale), "
                         f"but got spacings={_args.shown(spacings)}, errors={_args.shown(errors)}")
    return float(np.polyfit(np.log(h), np.log(e), 1)[0])
