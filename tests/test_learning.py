"""Chapter 9 (learning filters): the generated data set, the figures, the self-checks."""
import numpy as np
import pytest

import convbook
from convbook import shapes
from convbook.exercises import learning as ex
from convbook.plot import learning as lp


# --- the data set ------------------------------------------------------------------------

def test_bar_exact_cases():
    b = shapes.bar(5, 0, (2, 2), length=3)
    expected = np.zeros((5, 5))
    expected[2, 1:4] = 1
    assert np.array_equal(b, expected)
    assert np.array_equal(shapes.bar(5, 90, (2, 2), length=3), expected.T)
    # 45 degrees runs from bottom-left to top-right ("/")
    d = shapes.bar(7, 45, (3, 3), length=5, width=0.5)
    assert d[2, 4] > 0.5 and d[4, 2] > 0.5 and d[2, 2] < 0.5 and d[4, 4] < 0.5


def test_oriented_bars_is_deterministic_and_balanced():
    x1, y1 = shapes.oriented_bars(40, seed=3, polarity=True, background=0.5)
    x2, y2 = shapes.oriented_bars(40, seed=3, polarity=True, background=0.5)
    assert np.array_equal(x1, x2) and np.array_equal(y1, y2)
    assert np.bincount(y1).tolist() == [10, 10, 10, 10]
    assert x1.shape == (40, 16, 16)
    x3, _ = shapes.oriented_bars(40, seed=4)
    assert not np.array_equal(x1, x3)


def test_oriented_bars_orientation_is_in_the_image():
    # without noise, each image's gradient structure follows its label: the matching
    # Sobel kernel gives the largest summed |response|
    x, y = shapes.oriented_bars(40, noise=0.0, seed=0)
    k = shapes.edge_kernels()
    hits = 0
    for img, lab in zip(x, y):
        energy = [np.abs(convbook.correlate(img, kk, mode="valid")).sum() for kk in k]
        hits += int(np.argmax(energy) == lab)
    assert hits >= 38


def test_oriented_bars_errors():
    with pytest.raises(ValueError, match="noise must be >= 0"):
        shapes.oriented_bars(4, noise=-1)
    with pytest.raises(TypeError, match="n must be an int"):
        shapes.oriented_bars(4.5)
    with pytest.raises(ValueError, match="size must be >="):
        shapes.oriented_bars(4, size=5)
    with pytest.raises(ValueError, match="length and width must be positive"):
        shapes.bar(5, 0, (2, 2), length=0)


def test_edge_kernels_are_rotations_of_sobel():
    k = shapes.edge_kernels()
    assert k.shape == (4, 3, 3)
    assert np.allclose(k.sum(axis=(1, 2)), 0)
    assert np.array_equal(k[2], k[0].T)
    assert np.array_equal(k[3], np.flipud(k[1]))
    # each responds most to an edge at its own angle: a half-plane image whose boundary
    # runs at angle a (across-coordinate as in shapes.bar)
    rr, cc = np.mgrid[-4:5, -4:5].astype(float)
    for a in shapes.ANGLES:
        t = np.deg2rad(a)
        step = (rr * np.cos(t) + cc * np.sin(t) > 0.3).astype(float)
        resp = [np.abs(convbook.correlate(step, kk, mode="valid")).max() for kk in k]
        assert np.argmax(resp) == shapes.ANGLES.index(a)


def test_match_templates():
    k = shapes.edge_kernels()
    idx, score = shapes.match_templates(np.concatenate([k, -2 * k + 1]), k)
    assert idx.tolist() == [0, 1, 2, 3] * 2
    assert np.allclose(score, 1)
    idx, score = shapes.match_templates(np.ones((1, 3, 3)), k)   # constant: nothing in common
    assert score[0] == 0
    with pytest.raises(ValueError, match="same k"):
        shapes.match_templates(np.ones((2, 5, 5)), k)


# --- the self-checks ---------------------------------------------------------------------

def test_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    X, K = rng.standard_normal((7, 6)), rng.standard_normal((3, 2))
    Y = rng.standard_normal((5, 5))
    g = ex._kernel_loss_gradient(X, K, Y)
    h = 1e-6
    for p in range(3):
        for q in range(2):
            E = np.zeros_like(K)
            E[p, q] = h
            num = (ex.kernel_loss(X, K + E, Y) - ex.kernel_loss(X, K - E, Y)) / (2 * h)
            assert np.isclose(g[p, q], num, atol=1e-6)


def test_gradient_matches_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    X, K, Y = rng.standard_normal((6, 6)), rng.standard_normal((3, 3)), rng.standard_normal((4, 4))
    Kt = torch.tensor(K[None, None], requires_grad=True)
    loss = 0.5 * ((torch.nn.functional.conv2d(torch.tensor(X[None, None]), Kt)
                   - torch.tensor(Y[None, None])) ** 2).mean()
    loss.backward()
    assert np.isclose(loss.item(), ex.kernel_loss(X, K, Y))
    assert np.allclose(Kt.grad[0, 0].numpy(), ex._kernel_loss_gradient(X, K, Y))


def test_check_kernel_gradient_diagnoses():
    right = ex._kernel_loss_gradient
    assert ex.check_kernel_gradient(right)

    def stub(X, K, Y):
        raise NotImplementedError

    def crashes(X, K, Y):
        return X[100]

    cases = {
        "still raises NotImplementedError": stub,
        "IndexError": crashes,
        "not done yet": lambda X, K, Y: None,
        "wrong sign": lambda X, K, Y: -right(X, K, Y),
        "9 times too large": lambda X, K, Y: 9 * right(X, K, Y),
        "shape": lambda X, K, Y: right(X, K, Y)[:1],
        "reversed": lambda X, K, Y: right(X, K, Y)[::-1, ::-1],
        "differs": lambda X, K, Y: right(X, K, Y) + 1,
        "array of numbers": lambda X, K, Y: "nope",
    }
    for words, fn in cases.items():
        fb = ex.check_kernel_gradient(fn)
        assert not fb and words in fb.message, (words, fb.message)


def test_check_fit_kernel_diagnoses():
    def fit(X, Y, size, steps, lr, flip=False, sign=1.0):
        K = np.zeros((size, size))
        for _ in range(steps):
            K = K - sign * lr * ex._kernel_loss_gradient(X, K, Y)
        return K[::-1, ::-1] if flip else K

    assert ex.check_fit_kernel(fit)
    cases = {
        "returned None": lambda X, Y, size, steps, lr: None,
        "shape (2, 2)": lambda X, Y, size, steps, lr: np.zeros((2, 2)),
        "flipped": lambda X, Y, size, steps, lr: fit(X, Y, size, steps, lr, flip=True),
        "take all the steps": lambda X, Y, size, steps, lr: fit(X, Y, size, 3, lr),
        "did not go down": lambda X, Y, size, steps, lr: np.full((3, 3), 5.0),
        "step against the gradient": lambda X, Y, size, steps, lr: fit(X, Y, size, 20, lr, sign=-1.0),
        "diverged": lambda X, Y, size, steps, lr: fit(X, Y, size, steps, 100 * lr),
        "should return an array": lambda X, Y, size, steps, lr: object(),
        "raised ValueError": lambda X, Y, size, steps, lr: int("x"),
    }
    for words, fn in cases.items():
        with np.errstate(all="ignore"):
            fb = ex.check_fit_kernel(fn)
        assert not fb and words in fb.message, (words, fb.message)


def test_checks_do_not_mutate_or_crash_on_mutation():
    def mutating(X, K, Y):
        X[:] = 0
        return ex._kernel_loss_gradient(X, K, Y)

    assert not ex.check_kernel_gradient(mutating)      # a wrong answer, not a crash
    assert ex.check_kernel_gradient(ex._kernel_loss_gradient)   # and the case is intact


# --- the figures -------------------------------------------------------------------------

def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_loss_curve_is_log_and_labelled():
    fig = lp.loss_curve({"a": np.logspace(0, -5, 50), "b": np.logspace(0, -3, 50)},
                        bound=np.logspace(0, -2, 50), marker=10)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "step" and ax.get_legend() is not None
    assert len(ax.lines) == 4


def test_kernels_prints_no_negative_zero():
    fig = lp.kernels({"x": np.array([[-1e-9, 1.0], [2.0, -3.0]])})
    texts = _texts(fig)
    assert "0.00" in texts and "-0.00" not in texts and "-3.00" in texts


def test_filter_bank_and_snapshot():
    w = np.random.default_rng(0).standard_normal((5, 1, 3, 3))
    fig = lp.filter_bank(w, titles=list("abcde"), label="row")
    assert [ax.get_title() for ax in fig.axes[:5]] == list("abcde")
    assert [ax.get_label() for ax in fig.axes[5:]] == ["<colorbar>"]  # one scale, one bar
    snaps = np.random.default_rng(1).standard_normal((3, 4, 3, 3))
    fig = lp.training_snapshot(snaps, np.linspace(1.4, 0.01, 20), 1, [0, 10, 20],
                               accuracy=[0.25, 0.9, 0.97])
    assert len(fig.axes) == 6  # four filters, their colour bar, the loss
    assert "10 steps" in fig.subfigs[0]._suptitle.get_text()
    assert "0.90" in fig.subfigs[0]._suptitle.get_text()


def test_layer_maps_and_samples():
    fig = lp.layer_maps([("input", np.random.default_rng(0).standard_normal((1, 8, 8))),
                         ("conv", np.ones((10, 8, 8)))], ncols=8)
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 1 + 8
    assert shown[0].images[0].get_cmap().name == "gray"     # the input row is grey even if signed
    x, y = shapes.oriented_bars(4, seed=0)
    fig = lp.samples(x, y, shapes.CLASSES)
    assert [ax.get_title() for ax in fig.axes] == [shapes.CLASSES[i] for i in y]


def test_equivariance_and_template_match():
    rng = np.random.default_rng(0)
    x = rng.random((10, 10))
    fmap = convbook.correlate(x, np.ones((3, 3)), mode="same")
    mask = np.zeros((10, 10), bool)
    mask[3:9, 4:9] = True
    fig = lp.equivariance(x, np.roll(x, (2, 3), (0, 1)), fmap, fmap, (2, 3), exact=mask)
    assert [ax.get_title() for ax in fig.axes][-2] == "difference"
    assert len(fig.axes[-2].patches) == 1
    assert fig.axes[-1].get_label() == "<colorbar>"
    k = shapes.edge_kernels()
    idx, score = shapes.match_templates(-k, k)
    fig = lp.template_match(-k, k, idx, score, names=["a", "b", "c", "d"])
    assert fig.axes[4].get_title().startswith("-a")


def test_plot_module_does_not_import_torch():
    import subprocess
    import sys

    code = ("import sys, convbook, convbook.shapes, convbook.plot.learning, "
            "convbook.exercises.learning; print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
