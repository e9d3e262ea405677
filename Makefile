# leersignalen: reproducible analyses. `make` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

SAMPLE := data/sample/wijkteam_noord.csv data/sample/energiecooperatie_zonnedak.csv \
          data/sample/leeratelier_zorg.jsonl data/sample/logboeken
INPUT ?= $(SAMPLE)
OUT ?= out/sample
PERIOD ?= month
MODEL ?= auto

CODE := $(wildcard pipeline/*.py) pyproject.toml
LEXICONS := $(wildcard lexicons/*.tsv lexicons/rules/*.tsv)
INPUT_FILES := $(shell find $(INPUT) -type f 2>/dev/null | sort)

.PHONY: help venv demo test lint evaluate bench analysis clean lexicon-check

## help: list the targets (default)
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed -e 's/^## /  make /'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## venv: create .venv and install the package with its test extras
venv: $(STAMP)

$(OUT)/notes.csv: $(INPUT_FILES) $(LEXICONS) $(CODE) | $(STAMP)
	$(BIN)/leersignalen run $(INPUT) --out $(OUT) --period $(PERIOD) --model $(MODEL) --quiet

## demo: run the whole pipeline on data/sample/ into out/sample/ and print a summary
demo: $(OUT)/notes.csv
	$(BIN)/leersignalen summary $(OUT)

## analysis: tag INPUT=... into OUT=... (rebuilds only what changed)
analysis: $(OUT)/notes.csv

## test: run the test suite (creates .venv when needed)
test: $(STAMP)
	$(BIN)/python -m pytest -q

## lint: ruff on the code and tests
lint: $(STAMP)
	$(BIN)/ruff check pipeline tests scripts

## lexicon-check: validate the lexicon files and their examples
lexicon-check: $(STAMP)
	$(BIN)/leersignalen lexicon check

## evaluate: lexicon scores on the labelled dev set; lemma and sentence scores on ../shared/ud-dutch
evaluate: $(STAMP)
	$(BIN)/leersignalen evaluate --split dev

## bench: words per second and peak memory on a generated corpus of about 1 million words
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --words 1000000

## clean: remove outputs (not the virtualenv)
clean:
	rm -rf out bench
