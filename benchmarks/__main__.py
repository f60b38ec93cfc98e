"""ConvBook benchmarks: ``make bench`` (or ``python -m benchmarks``).

Prints tables and writes ``benchmarks/results/results.json`` and the crossover plot
``benchmarks/results/signal_crossover.png``. Everything is measured in one process, as
median ratios, with torch and NumPy given the same number of threads.

``python -m benchmarks --only memory,groups`` runs only the named sections (layers,
signals, loops, memory, groups, chapters) and keeps the others' stored results; each
section records when it was measured.
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

from .layers import run_groups, run_layers
from .signals import plot_crossover, run_loops, run_signals

OUT = Path(__file__).resolve().parent / "results"


def machine() -> dict:
    import torch

    return {"date": date.today().isoformat(), "python": platform.python_version(),
            "numpy": np.__version__, "torch": torch.__version__, "cpus": os.cpu_count(),
            "torch_threads": torch.get_num_threads(), "processor": platform.processor() or platform.machine()}


MEMORY_CASES = [(32, 64, 112, 112), (1, 64, 1024, 1024)]


def big_convolution_peak_rss(shape=(32, 64, 112, 112)) -> dict:
    """Peak resident memory of a ``shape`` * (64,64,3,3) float32 convolution, padding 1,
    in a fresh process (input, padded copy and output included)."""
    code = ("import resource, numpy as np, convbook\n"
            f"x = np.random.default_rng(0).standard_normal({shape!r}, dtype=np.float32)\n"
            "w = np.random.default_rng(1).standard_normal((64, 64, 3, 3), dtype=np.float32)\n"
            "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "y = convbook.conv2d(x, w, padding=1)\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, base, y.shape)\n")
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    peak_kib, base_kib, _ = out.stdout.split(" ", 2)
    case = "conv2d (" + ",".join(map(str, shape)) + ")*(64,64,3,3) pad 1, float32"
    return {"case": case, "peak_rss_gib": round(int(peak_kib) / 2**20, 3),
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


SECTIONS = ("layers", "signals", "loops", "memory", "groups", "chapters")


def main() -> None:
    import torch

    torch.set_num_threads(os.cpu_count() or 1)
    OUT.mkdir(exist_ok=True)
    only = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--only=")), None)
    if "--only" in sys.argv:
        only = sys.argv[sys.argv.index("--only") + 1]
    wanted = set(only.split(",")) if only else set(SECTIONS)
    if "--no-chapters" in sys.argv:
        wanted.discard("chapters")
    unknown = wanted - set(SECTIONS)
    if unknown:
        raise SystemExit(f"benchmarks: unknown sections {sorted(unknown)}; choose from {SECTIONS}")
    path = OUT / "results.json"
    results = json.loads(path.read_text()) if only and path.exists() else {}
    measured = results.setdefault("measured", {})
    load = results.setdefault("load", {})
    for section in SECTIONS:  # results kept from a run before sections were stamped
        if section in results and section not in measured:
            measured[section] = results["machine"]["date"]
    results["machine"] = machine()

    def stamp(section: str) -> None:  # when, and how loaded the machine was
        measured[section] = date.today().isoformat()
        load[section] = round(os.getloadavg()[0], 1)

    print("machine:", results["machine"])

    if "layers" in wanted:
        results["layers"] = run_layers()
        print("\nconvbook vs torch.nn.functional (best-of-15 interleaved ratio, target <= 2):")
        print(table(results["layers"], ["case", "convbook_ms", "torch_ms", "ratio",
                                        "convbook_peak_mib"]))
        stamp("layers")
    if "signals" in wanted:
        results["signals"] = run_signals()
        print("\nsignals on 512x512, direct vs fft vs auto (ms):")
        print(table(results["signals"], ["kernel", "direct_ms", "fft_ms", "auto_ms", "auto_choice",
                                         "auto_vs_best"]))
        plot_crossover(results["signals"], OUT / "signal_crossover.png")
        stamp("signals")
    if "loops" in wanted:
        results["loops"] = run_loops()
        print("\nteaching loops vs direct vs fft on 64x64 * 3x3:")
        print(table([results["loops"]], list(results["loops"])))
        stamp("loops")
    if "memory" in wanted:
        results["memory"] = [big_convolution_peak_rss(shape) for shape in MEMORY_CASES]
        print("\nbounded memory:")
        print(table(results["memory"], list(results["memory"][0])))
        stamp("memory")
    if "groups" in wanted:
        results["groups"] = run_groups()
        print("\ngrouped 3x3 convolutions, the core's two routes (best of 11, ms):")
        print(table(results["groups"], list(results["groups"][0])))
        stamp("groups")
    if "chapters" in wanted:
        results["chapters"] = chapter_times()
        total = round(sum(r["seconds"] for r in results["chapters"]), 1)
        results["chapters_total_seconds"] = total
        print("\nchapter execution times (s), total", total, "(targets: < 180 total, < 20 each):")
        print(table(results["chapters"], ["notebook", "seconds"]))
        stamp("chapters")

    path.write_text(json.dumps(results, indent=2))
    write_readme(results)
    print(f"\nwritten: {path} and benchmarks/README.md")


def _when(results: dict, section: str) -> str:
    """When a section was measured, and the machine's load then (1-minute average)."""
    stamp = results.get("measured", {}).get(section)
    load = results.get("load", {}).get(section)
    if stamp is None:
        return f"measured {results['machine']['date']}"
    return f"measured {stamp}" + (f", load average {load} on {results['machine']['cpus']} cores"
                                  if load is not None else "")


def write_readme(results: dict) -> None:
    """Replace the tables between the markers of benchmarks/README.md."""
    m = results["machine"]
    parts = [f"Machine: {m['cpus']} cores ({m['processor']}), Python {m['python']}, "
             f"NumPy {m['numpy']}, torch {m['torch']} with {m['torch_threads']} threads. "
             "A load average above the core count means other work shared the machine: "
             "read those timings as ratios measured side by side, not as absolute speeds.", ""]
    if "layers" in results:
        parts += [f"Layers, float32 (ratio = convbook / torch, each the best of 15 rounds taken in "
                  f"turns; target <= 2; "
                  f"{_when(results, 'layers')}):", "", "```",
                  table(results["layers"], ["case", "convbook_ms", "torch_ms", "ratio",
                                            "convbook_peak_mib"]), "```", ""]
    if "groups" in results:
        parts += [f"Grouped 3x3 convolutions (8, C, 56, 56), float32: the core's two routes, best "
                  f"of 11 interleaved runs each, and the route its rule picks "
                  f"({_when(results, 'groups')}):", "", "```",
                  table(results["groups"], list(results["groups"][0])), "```", ""]
    if "signals" in results:
        parts += [f"Signals, 512 x 512 float64, `correlate(..., 'same')` "
                  f"({_when(results, 'signals')}):", "", "```",
                  table(results["signals"], ["kernel", "direct_ms", "fft_ms", "auto_ms",
                                             "auto_choice", "auto_vs_best", "fft_speedup"]),
                  "```", "",
                  "![direct, fft and auto against kernel size](results/signal_crossover.png)", ""]
    if "loops" in results:
        parts += [f"Teaching loops against the vectorised paths ({_when(results, 'loops')}):", "",
                  "```", table([results["loops"]], list(results["loops"])), "```", ""]
    if "memory" in results:
        memory = results["memory"] if isinstance(results["memory"], list) else [results["memory"]]
        parts += [f"Bounded memory, peak RSS of a fresh process (target 2 GiB; "
                  f"{_when(results, 'memory')}):", "", "```",
                  table(memory, ["case", "peak_rss_gib", "rss_before_call_gib", "seconds"]),
                  "```", ""]
    if "chapters" in results:
        parts += [f"Chapter execution (fresh kernel each, total {results['chapters_total_seconds']} s; "
                  f"{_when(results, 'chapters')}):",
                  "", "```", table(results["chapters"], ["notebook", "seconds"]), "```"]
    readme = Path(__file__).resolve().parent / "README.md"
    text = readme.read_text()
    head, rest = text.split("<!-- results -->", 1)
    tail = rest.split("<!-- /results -->", 1)[1]
    readme.write_text(head + "<!-- results -->\n" + "\n".join(parts) + "\n<!-- /results -->" + tail)


if __name__ == "__main__":
    main()
