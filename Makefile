# Two commands on a fresh machine with Python 3.11:
#   make site   set up .venv and build the example digest into site/
#   make test   set up .venv (with test tools) and run the tests
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Extra options for `python -m builder build`, e.g. BUILD_ARGS="--base-url https://USER.github.io/REPO/"
BUILD_ARGS ?=

.PHONY: site test setup setup-test bench-extraction bench-merge bench-speed clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

setup-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

site: setup
	$(BIN)/python -m builder build $(BUILD_ARGS)

test: setup-test
	$(BIN)/python -m pytest

bench-extraction: setup
	$(BIN)/python bench/extraction.py

bench-merge: setup
	$(BIN)/python bench/merge.py

# Build speed at 100 and 1,000 synthetic stories (SIZES=100,1000,5000 for the slow one),
# against Pelican on the same number of posts (installed into bench/out/pelican-venv).
SIZES ?= 100,1000
bench-speed: setup
	$(BIN)/python bench/speed.py --sizes $(SIZES)

clean:
	rm -rf site .site-new-* .site-old-* bench/out .cache
