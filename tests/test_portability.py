"""Stored outputs do not depend on the CPU: every notebook that imports torch passes strict
nbval again with torch's portable (non-vectorised) kernels and one thread.

Covered: the instruction set torch dispatches to (AVX-512, AVX2, or none: the
``ATEN_CPU_CAPABILITY=default`` run) and the thread count (``OMP_NUM_THREADS=1`` against the
default of one thread per core). The default run is the rest of ``make test``. Not covered:
other BLAS libraries or other torch builds than the lock's (NumPy's bundled OpenBLAS picks
its kernel per CPU too; the chapters print no float32 reduction's digits, so it should not
matter, but only a run on such a machine shows it).
"""
from conftest import PORTABLE_ENV, torch_notebooks


def test_the_torch_chapters_are_found():
    names = [p.name for p in torch_notebooks()]
    assert any(n.startswith("09-learning-filters") for n in names), names


def test_torch_notebooks_pass_nbval_on_portable_kernels_and_one_thread(portable_run):
    returncode, out = portable_run
    assert returncode == 0, (f"strict nbval failed under {PORTABLE_ENV}:\n" + out[-6000:])
    assert " passed" in out.splitlines()[-1] and "failed" not in out.splitlines()[-1], out[-2000:]
