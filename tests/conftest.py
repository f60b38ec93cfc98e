"""Shared pytest settings: a fixed Hypothesis profile so the example budget is stated."""
import os

from hypothesis import HealthCheck, settings

# The example budget: each property test below runs this many generated cases.
settings.register_profile(
    "convbook",
    max_examples=int(os.environ.get("CONVBOOK_EXAMPLES", "300")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("convbook")


# --- the built website, shared by the site and browser tests ---------------------------

import subprocess  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Site:
    returncode: int
    log: str
    html: Path


def stored_outputs_config():
    """_config.yml with execution off: the test site shows the stored outputs, which nbval
    (in the same run) has just re-executed and compared, so each notebook runs once."""
    text = (ROOT / "_config.yml").read_text()
    line = "  execute_notebooks: force"
    assert line in text, "_config.yml: expected the line " + repr(line)
    # beside _config.yml: jupyter-book resolves the config's relative paths from its folder
    path = ROOT / ".stored-outputs-config.yml"
    path.write_text(text.replace(line, '  execute_notebooks: "off"'))
    return path


def start_site_build():
    """The website build, as a background process: from the stored outputs, -W -n."""
    jb = Path(sys.executable).with_name("jupyter-book")
    return subprocess.Popen([str(jb), "build", str(ROOT), "--all", "-W", "-n", "--keep-going",
                             "--config", str(stored_outputs_config())],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)


@pytest.fixture(scope="session")
def site(request):
    """The book built once per test run from the stored outputs (-W -n --keep-going). The
    build starts when the tests are collected (pytest_collection_finish below), so it runs
    beside the package tests; this waits for it."""
    proc = getattr(request.config, "_site_build", None) or start_site_build()
    out, _ = proc.communicate(timeout=1800)
    return Site(proc.returncode, out, ROOT / "_build" / "html")


# --- the notebooks again, on torch's portable kernels and one thread --------------------

PORTABLE_ENV = {"ATEN_CPU_CAPABILITY": "default", "OMP_NUM_THREADS": "1",
                "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}


def torch_notebooks():
    return [p for p in sorted((ROOT / "book").glob("*.ipynb")) if "import torch" in p.read_text()]


def pytest_collection_finish(session):
    """Start the website build and the portability run (tests/test_portability.py) in the
    background as soon as the tests are collected, so that they use the second core while
    the main run goes on."""
    if any("site" in getattr(item, "fixturenames", ()) for item in session.items):
        session.config._site_build = start_site_build()
    if not any(item.nodeid.startswith("tests/test_portability.py") for item in session.items):
        return
    import os

    env = {**os.environ, **PORTABLE_ENV}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
           "--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/sanitize.cfg",
           *[str(p.relative_to(ROOT)) for p in torch_notebooks()]]
    session.config._portable_run = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture(scope="session")
def portable_run(request):
    proc = getattr(request.config, "_portable_run", None)
    if proc is None:
        pytest.skip("the portability run starts only when tests/test_portability.py is collected")
    out, _ = proc.communicate(timeout=1800)
    return proc.returncode, out
