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


@pytest.fixture(scope="session")
def site():
    """Build the book once per test run (every notebook executed, -W -n --keep-going)."""
    jb = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run([str(jb), "build", str(ROOT), "--all", "-W", "-n", "--keep-going"],
                          capture_output=True, text=True, cwd=ROOT)
    return Site(proc.returncode, proc.stdout + proc.stderr, ROOT / "_build" / "html")
