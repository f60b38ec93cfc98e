"""The website: built with every notebook executed and warnings as errors."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_book_builds_without_warnings(site):
    assert site.returncode == 0, f"jupyter-book build failed:\n{site.log[-4000:]}"
    problems = [line for line in site.log.splitlines()
                if re.search(r"\b(WARNING|ERROR):", line) and "[IPKernelApp]" not in line]
    assert not problems, "\n".join(problems)


def test_every_toc_entry_has_a_page(site):
    toc = (ROOT / "_toc.yml").read_text()
    for entry in re.findall(r"(?:file|root):\s*(\S+)", toc):
        page = site.html / f"{entry}.html"
        assert page.exists(), f"no page for {entry}"
