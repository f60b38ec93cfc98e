"""The pinned environments agree, and the packaging stays loose."""
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = None

ROOT = Path(__file__).resolve().parents[1]


def pins(path):
    out = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        assert m, f"{path.name}: not an exact pin: {line!r}"
        out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def test_requirements_pin_everything_exactly():
    req = pins(ROOT / "requirements.txt")
    for name in ["jupyter-book", "numpy", "matplotlib", "ipywidgets", "torch", "nbval",
                 "sphinx-exercise", "sphinx-proof", "pytest", "hypothesis"]:
        assert name in req, f"requirements.txt does not pin {name}"
    assert req["jupyter-book"].startswith("1."), "Jupyter Book 2 ignores _config.yml/_toc.yml"


def test_binder_pins_agree_with_requirements():
    req = pins(ROOT / "requirements.txt")
    binder = pins(ROOT / "binder" / "requirements.txt")
    for name, version in binder.items():
        assert name in req, f"binder pins {name}, which requirements.txt does not"
        assert version.split("+")[0] == req[name], f"{name}: binder {version}, requirements {req[name]}"
    assert binder["torch"].endswith("+cpu"), "Binder must take the CPU-only torch build"
    assert "download.pytorch.org/whl/cpu" in (ROOT / "binder" / "requirements.txt").read_text()
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    assert "pip install --no-deps -e ." in (ROOT / "binder" / "postBuild").read_text()


def test_installed_versions_match_the_pins():
    from importlib.metadata import version
    for name, pinned in pins(ROOT / "requirements.txt").items():
        assert version(name).split("+")[0] == pinned, f"{name}: installed {version(name)}, pinned {pinned}"


def test_pyproject_uses_lower_bounds_only():
    if tomllib is None:
        return
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert deps and all("==" not in d and ">=" in d for d in deps), deps


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and ci.strip().splitlines()[-1] == "make test"
