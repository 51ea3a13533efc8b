# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test bench sample clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

run: $(BIN)/.installed
	$(BIN)/plannerdesk open --sample

test: $(BIN)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto

sample: $(BIN)/.installed
	$(BIN)/python sample_sites/make_dream_town.py sample_sites

clean:
	rm -rf $(VENV)

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/processes.py
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/save.py
	$(BIN)/python benchmarks/batch.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/canvas.py
