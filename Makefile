# Two commands do everything on a fresh clone:
#   make book   builds the website into _build/html (executing every notebook)
#   make test   runs every test: convbook, doctests, nbval (strict) on every notebook, the
#               same notebooks again under torch's portable kernels on one thread, the
#               website built from the nbval-checked outputs with warnings as errors, and
#               headless-browser checks of the site and of JupyterLab
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PIP := $(PY) -m pip --quiet
# The CPU build of torch, pinned in the lock. It is installed first, on its own: from a
# local wheel folder where pip is configured with one (no index is asked), else from
# PyTorch's CPU index (one lookup, a ~200 MB wheel instead of PyPI's CUDA build of
# several GB). The lock's own `torch==...+cpu` line is then already satisfied.
TORCH := $(shell sed -n 's/^torch==//p' requirements.txt)
PIP_PIN := $(shell sed -n 's/^pip==//p' requirements.txt)
TORCH_CPU_INDEX := https://download.pytorch.org/whl/cpu

.PHONY: book test bench lab clean

$(STAMP): requirements.txt pyproject.toml
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "ConvBook needs Python 3.11 or newer as python3 (found $$(python3 --version))"; exit 1; }
	python3 -m venv $(VENV)
	$(PIP) install pip==$(PIP_PIN)
	$(PIP) install --no-deps --no-index torch==$(TORCH) 2>/dev/null || \
	  $(PIP) install --no-deps --index-url $(TORCH_CPU_INDEX) torch==$(TORCH)
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $(STAMP)

book: $(STAMP)
	$(VENV)/bin/jupyter-book build . --all -W -n --keep-going
	@echo "The website is in $(CURDIR)/_build/html/index.html"

test: $(STAMP)
	$(PY) -m pytest

lab: $(STAMP)
	$(VENV)/bin/jupyter lab book/

bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf _build
