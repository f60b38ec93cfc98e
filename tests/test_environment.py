"""One lock serves make, CI and Binder, and .venv holds exactly what it pins."""
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.txt"


def normal(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path):
    """{name: version} of a requirements file; every requirement line must be `name==version`."""
    out = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        assert m, f"{path.name}: not an exact pin: {line!r}"
        name = normal(m.group(1))
        assert name not in out, f"{path.name} pins {name} twice"
        out[name] = m.group(2)
    return out


def test_the_lock_pins_the_book_and_its_tools():
    lock = pins(LOCK)
    for name in ["jupyter-book", "numpy", "matplotlib", "pillow", "ipywidgets", "torch",
                 "nbval", "sphinx-exercise", "sphinx-proof", "pytest", "hypothesis",
                 "pydata-sphinx-theme", "sphinx-book-theme", "jupyterlab", "jupyterlab-myst",
                 "pip", "setuptools"]:
        assert name in lock, f"requirements.txt does not pin {name}"
    assert lock["jupyter-book"].startswith("1."), "Jupyter Book 2 ignores _config.yml/_toc.yml"
    assert lock["torch"].endswith("+cpu"), "the lock takes torch's CPU build"


def test_binder_installs_the_lock_line_for_line():
    binder = ROOT / "binder" / "requirements.txt"
    assert pins(binder) == pins(LOCK), "binder/requirements.txt differs from the lock"
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in binder.read_text()
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    assert "pip install --no-deps -e ." in (ROOT / "binder" / "postBuild").read_text()


def test_make_installs_the_lock_and_torch_cpu_first():
    make = (ROOT / "Makefile").read_text()
    assert "-r requirements.txt" in make
    assert "--no-index torch==$(TORCH)" in make, "torch first from a local wheel folder"
    assert "--index-url $(TORCH_CPU_INDEX) torch==$(TORCH)" in make
    assert "TORCH_CPU_INDEX := https://download.pytorch.org/whl/cpu" in make
    assert "pip==$(PIP_PIN)" in make


@pytest.mark.skipif(Path(sys.prefix).resolve() != (ROOT / ".venv").resolve(),
                    reason="checks the book's own .venv (make test runs in it)")
def test_venv_holds_exactly_the_lock():
    frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--all", "--exclude-editable"],
                            capture_output=True, text=True, check=True).stdout
    installed = {}
    for line in frozen.splitlines():
        name, sep, version = line.partition("==")
        assert sep, f"pip freeze lists {line!r}, which is not an exact version"
        installed[normal(name)] = version
    lock = pins(LOCK)
    extra = {n: v for n, v in installed.items() if lock.get(n) != v}
    missing = {n: v for n, v in lock.items() if installed.get(n) != v}
    assert not extra, f".venv holds what the lock does not pin at that version: {extra}"
    assert not missing, f"the lock pins what .venv does not hold: {missing}"


def test_packaging_metadata_is_honest():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    project = meta["project"]
    assert project["requires-python"] == ">=3.11", "numpy 2.4 and scipy 1.17 need 3.11"
    deps = project["dependencies"]
    assert deps and all("==" not in d and ">=" in d for d in deps), deps
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    # a license expression in `license` needs setuptools 77 (PEP 639)
    assert meta["build-system"]["requires"] == ["setuptools>=77"]
    assert "Python 3.11+" in (ROOT / "README.md").read_text()


def test_ci_installs_what_the_tests_use_and_runs_the_readme_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and ci.strip().splitlines()[-1] == "make test"
    assert "chromium-driver" not in ci and "chromedriver" not in ci, "nothing uses chromedriver"
    assert "chromium" in ci
