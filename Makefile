# Two commands do everything on a fresh clone:
#   make book   builds the website into _build/html (executing every notebook)
#   make test   runs every test: convbook, doctests, nbval (strict) on every notebook,
#               the website build with warnings as errors, and headless-browser checks
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: book test bench clean

$(STAMP): requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

book: $(STAMP)
	$(VENV)/bin/jupyter-book build . --all -W -n --keep-going
	@echo "The website is in $(CURDIR)/_build/html/index.html"

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf _build
