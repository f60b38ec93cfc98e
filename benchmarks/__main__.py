"""ConvBook benchmarks: ``make bench`` (or ``python -m benchmarks``).

Prints tables and writes ``benchmarks/results/results.json`` and the crossover plot
``benchmarks/results/signal_crossover.png``. Everything is measured in one process, as
median ratios, with torch and NumPy given the same number of threads.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

from .layers import run_layers
from .signals import plot_crossover, run_loops, run_signals

OUT = Path(__file__).resolve().parent / "results"


def machine() -> dict:
    import torch

    return {"date": date.today().isoformat(), "python": platform.python_version(),
            "numpy": np.__version__, "torch": torch.__version__, "cpus": os.cpu_count(),
            "torch_threads": torch.get_num_threads(), "processor": platform.processor() or platform.machine()}


def big_convolution_peak_rss() -> dict:
    """Peak resident memory of a (32,64,112,112) * (64,64,3,3) convolution, in a fresh process."""
    code = ("import resource, numpy as np, convbook\n"
            "x = np.random.default_rng(0).standard_normal((32, 64, 112, 112), dtype=np.float32)\n"
            "w = np.random.default_rng(1).standard_normal((64, 64, 3, 3), dtype=np.float32)\n"
            "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "y = convbook.conv2d(x, w, padding=1)\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, base, y.shape)\n")
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    peak_kib, base_kib, _ = out.stdout.split(" ", 2)
    return {"case": "conv2d (32,64,112,112)*(64,64,3,3) pad 1, float32",
            "peak_rss_gib": round(int(peak_kib) / 2**20, 3),
            "rss_before_call_gib": round(int(base_kib) / 2**20, 3),
            "seconds": round(time.perf_counter() - start, 2), "target_gib": 2.0}


def chapter_times() -> list[dict]:
    """Execute every notebook in a fresh kernel; report each one's wall time."""
    import nbformat
    from nbclient import NotebookClient

    rows = []
    book = Path(__file__).resolve().parents[1] / "book"
    for path in sorted(book.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(book)}}).execute()
        rows.append({"notebook": path.name, "seconds": round(time.perf_counter() - start, 2)})
    return rows


def table(rows: list[dict], cols: list[str]) -> str:
    widths = [max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in cols]
    line = "  ".join(c.ljust(w) for c, w in zip(cols, widths))
    body = ["  ".join(str(r.get(c, "")).ljust(w) for c, w in zip(cols, widths)) for r in rows]
    return "\n".join([line, "  ".join("-" * w for w in widths), *body])


def main() -> None:
    import torch

    torch.set_num_threads(os.cpu_count() or 1)
    OUT.mkdir(exist_ok=True)
    results = {"machine": machine()}
    print("machine:", results["machine"])

    results["layers"] = run_layers()
    print("\nconvbook vs torch.nn.functional (median time ratio, target <= 2):")
    print(table(results["layers"], ["case", "convbook_ms", "torch_ms", "ratio", "convbook_peak_mib"]))

    results["signals"] = run_signals()
    print("\nsignals on 512x512, direct vs fft vs auto (ms):")
    print(table(results["signals"], ["kernel", "direct_ms", "fft_ms", "auto_ms", "auto_choice",
                                     "auto_vs_best"]))
    plot_crossover(results["signals"], OUT / "signal_crossover.png")

    results["loops"] = run_loops()
    print("\nteaching loops vs direct vs fft on 64x64 * 3x3:")
    print(table([results["loops"]], list(results["loops"])))

    results["memory"] = big_convolution_peak_rss()
    print("\nbounded memory:", results["memory"])

    if "--no-chapters" not in sys.argv:
        results["chapters"] = chapter_times()
        total = round(sum(r["seconds"] for r in results["chapters"]), 1)
        results["chapters_total_seconds"] = total
        print("\nchapter execution times (s), total", total, "(targets: < 180 total, < 20 each):")
        print(table(results["chapters"], ["notebook", "seconds"]))

    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    write_readme(results)
    print(f"\nwritten: {OUT / 'results.json'} and benchmarks/README.md")


def write_readme(results: dict) -> None:
    """Replace the tables between the markers of benchmarks/README.md."""
    m = results["machine"]
    parts = [f"Measured {m['date']} on {m['cpus']} cores ({m['processor']}), Python {m['python']}, "
             f"NumPy {m['numpy']}, torch {m['torch']} with {m['torch_threads']} threads.", "",
             "Layers, float32 (ratio = convbook / torch, target <= 2):", "", "```",
             table(results["layers"], ["case", "convbook_ms", "torch_ms", "ratio", "convbook_peak_mib"]),
             "```", "", "Signals, 512 x 512 float64, `correlate(..., 'same')`:", "", "```",
             table(results["signals"], ["kernel", "direct_ms", "fft_ms", "auto_ms", "auto_choice",
                                        "auto_vs_best", "fft_speedup"]),
             "```", "", "![direct, fft and auto against kernel size](results/signal_crossover.png)", "",
             "Teaching loops against the vectorised paths:", "", "```",
             table([results["loops"]], list(results["loops"])), "```", "",
             f"Bounded memory: {results['memory']['case']}: peak RSS "
             f"{results['memory']['peak_rss_gib']} GiB (target 2 GiB).", ""]
    if "chapters" in results:
        parts += [f"Chapter execution (fresh kernel each, total {results['chapters_total_seconds']} s):",
                  "", "```", table(results["chapters"], ["notebook", "seconds"]), "```"]
    readme = Path(__file__).resolve().parent / "README.md"
    text = readme.read_text()
    head, rest = text.split("<!-- results -->", 1)
    tail = rest.split("<!-- /results -->", 1)[1]
    readme.write_text(head + "<!-- results -->\n" + "\n".join(parts) + "\n<!-- /results -->" + tail)


if __name__ == "__main__":
    main()
