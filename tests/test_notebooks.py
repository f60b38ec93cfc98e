"""The notebooks themselves: stored executed, never redefining convbook, the chapter contract.

nbval (in the same pytest run, strict mode) re-executes every notebook and compares its
outputs; these tests check what nbval cannot see.
"""
import ast
import inspect
import json
import re
from pathlib import Path

import pytest

import convbook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
CHAPTERS = [p for p in NOTEBOOKS if re.match(r"0[1-9]-", p.name)]


def load(path):
    return json.loads(path.read_text())


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def source(cell):
    return "".join(cell["source"])


def exported_names():
    """Names convbook exports: the top level, and the public functions of every module."""
    import importlib
    import pkgutil

    names = set(convbook.__all__)
    for info in pkgutil.walk_packages(convbook.__path__, "convbook."):
        mod = importlib.import_module(info.name)
        for name, obj in vars(mod).items():
            if (not name.startswith("_") and (inspect.isfunction(obj) or inspect.isclass(obj))
                    and getattr(obj, "__module__", "").startswith("convbook")):
                names.add(name)
    return names


def test_there_are_notebooks():
    assert NOTEBOOKS, "book/ holds no notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_executed(path):
    nb = load(path)
    cells = code_cells(nb)
    unexecuted = [i for i, c in enumerate(cells) if c.get("execution_count") is None]
    assert not unexecuted, f"{path.name}: code cells {unexecuted} are stored unexecuted"
    counts = [c["execution_count"] for c in cells]
    assert counts == list(range(1, len(cells) + 1)), f"{path.name}: not run top to bottom in one kernel"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_errors_except_tagged(path):
    for c in code_cells(load(path)):
        errors = [o for o in c.get("outputs", []) if o["output_type"] == "error"]
        tagged = "raises-exception" in c["metadata"].get("tags", [])
        assert bool(errors) == tagged, (
            f"{path.name}: a cell {'fails without' if errors else 'has'} the raises-exception tag:\n"
            + source(c)[:200])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_notebook_redefines_a_convbook_name(path):
    names = exported_names()
    top = {n for n in convbook.__all__ if not inspect.ismodule(getattr(convbook, n))}
    for c in code_cells(load(path)):
        src = "\n".join(line for line in source(c).splitlines() if not line.lstrip().startswith("%"))
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                assert node.name not in names, f"{path.name} redefines convbook's {node.name}"
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assert target.id not in top, f"{path.name} rebinds convbook's {target.id}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_solutions_are_hidden(path):
    inside = False
    for c in load(path)["cells"]:
        text = source(c)
        if c["cell_type"] == "markdown":
            if "{solution-start}" in text:
                inside = True
            if "{solution-end}" in text:
                inside = False
        elif inside:
            assert "hide-cell" in c["metadata"].get("tags", []), f"{path.name}: solution cell not hidden"
            assert c["metadata"].get("jupyter", {}).get("source_hidden"), (
                f"{path.name}: solution cell not collapsed in Jupyter")


def outputs_text(nb, mime):
    return "".join("".join(o.get("data", {}).get(mime, "")) for c in code_cells(nb)
                   for o in c.get("outputs", []))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_contract(path):
    nb = load(path)
    md = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    code = "\n".join(source(c) for c in code_cells(nb))
    first = source(nb["cells"][0])
    assert first.startswith("# ") and "you will be able to" in md[:3000].lower(), \
        "a chapter opens with its title and what the reader will be able to do"
    assert "## Summary" in md and "## References" in md, "a chapter closes with a summary and references"
    assert "import convbook" in code
    assert md.count("{prf:definition}") + md.count("{prf:theorem}") >= 2, "definitions and theorems in boxes"
    figures = [c for c in code_cells(nb) if "figure" in c["metadata"].get("mystnb", {})]
    assert len(figures) >= 3, "at least three captioned figures"
    for c in figures:
        assert c["metadata"]["mystnb"]["figure"].get("caption"), "every figure has a caption"
        assert c["metadata"]["mystnb"].get("image", {}).get("alt"), "every figure has alt text"
        assert any("image/png" in o.get("data", {}) for o in c["outputs"]), "figure cell draws nothing"
    assert md.count("{exercise}") >= 5, "at least five exercises"
    assert md.count("{solution-start}") >= 5, "each exercise has a hidden solution"
    html = outputs_text(nb, "text/html")
    assert html.count('class="cb-quiz"') >= 3, "at least three quick checks"
    assert 'class="cb-frames"' in html, "a kernel-free explorer (convbook.widgets.frames)"
    assert "explore(" in code, "a live explorer (convbook.widgets.explore)"


def test_toc_lists_every_notebook_and_only_existing_files():
    toc = (ROOT / "_toc.yml").read_text()
    listed = re.findall(r"file:\s*(\S+)", toc) + re.findall(r"root:\s*(\S+)", toc)
    for entry in listed:
        assert any((ROOT / (entry + ext)).exists() for ext in ("", ".ipynb", ".md")), entry
    for nb in NOTEBOOKS:
        assert f"book/{nb.stem}" in listed, f"{nb.name} is not in _toc.yml"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_quick_checks_do_not_show_their_answers(path):
    """A quick check's source holds its answer: hidden on the website and collapsed in Jupyter."""
    for c in code_cells(load(path)):
        html = "".join("".join(o.get("data", {}).get("text/html", "")) for o in c.get("outputs", []))
        if 'class="cb-quiz"' in html:
            assert "remove-input" in c["metadata"].get("tags", []), source(c)[:120]
            assert c["metadata"].get("jupyter", {}).get("source_hidden"), source(c)[:120]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_lines_fit_a_page(path):
    """At most 79 characters a code line: no assert hides behind a horizontal scroll."""
    long = [(i, line) for i, c in enumerate(code_cells(load(path)))
            for line in source(c).splitlines() if len(line) > 79]
    assert not long, f"{path.name}: {len(long)} code lines over 79 characters, e.g. " + \
        "; ".join(f"cell {i}: {line[:60]}..." for i, line in long[:3])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_solution_is_collapsed_in_jupyterlab(path):
    """Pen-and-paper solutions too: every cell between {solution-start} and {solution-end}
    (and the markers' own cells, when they hold the answer) starts collapsed."""
    inside = False
    for c in load(path)["cells"]:
        text = source(c)
        starts = "{solution-start}" in text
        if starts:
            inside = True
        if inside and not starts and "{solution-end}" not in text:
            jupyter = c["metadata"].get("jupyter", {})
            assert jupyter.get("source_hidden"), (
                f"{path.name}: a solution cell is open in JupyterLab:\n{text[:160]}")
            # a collapsed cell still shows its first line, and a code cell its outputs
            first = text.split("\n", 1)[0]
            assert first.startswith("<!--" if c["cell_type"] == "markdown" else "#"), (
                f"{path.name}: a collapsed solution shows its answer in its first line: {first}")
            if c["cell_type"] == "code":
                assert jupyter.get("outputs_hidden"), f"{path.name}: solution output in view"
        if "{solution-end}" in text:
            inside = False


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_live_explorer_cells_are_not_on_the_website(path):
    """The live explorer needs a kernel: its cell is removed from the page, where the
    kernel-free frames move instead."""
    for c in code_cells(load(path)):
        if re.search(r"\bexplore\(", source(c)):
            assert "remove-cell" in c["metadata"].get("tags", []), source(c)[:160]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_nbval_ignores_only_what_varies(path):
    """NBVAL_IGNORE_OUTPUT only on cells that time something or show a live widget: a
    kernel-free explorer (widgets.frames) or a figure is deterministic and is compared."""
    for c in code_cells(load(path)):
        text = source(c)
        if text.lstrip().startswith("# NBVAL_IGNORE_OUTPUT"):
            live = re.search(r"\bexplore\(|timeit|perf_counter|time\.time\(|process_time"
                             r"|\btimings?\b|_times\b|\bseconds\(", text)
            assert live, f"{path.name}: NBVAL_IGNORE_OUTPUT on a deterministic cell:\n{text[:200]}"
