# leersignalen: reproducible analyses. `make` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

SAMPLE := data/sample/wijkteam_noord.csv data/sample/energiecooperatie_zonnedak.csv \
          data/sample/leeratelier_zorg.jsonl data/sample/logboeken \
          data/sample/notulen data/sample/livinglab_mobiliteit.xlsx
INPUT ?= $(SAMPLE)
SPLIT_ON ?= date
OUT ?= out/sample
PERIOD ?= month
MODEL ?= auto

CODE := $(shell find pipeline -name '*.py' | sort) pyproject.toml
TREND_CODE := $(wildcard pipeline/analyse/*.py)
REPORT_CODE := $(wildcard pipeline/report/*.py)
LEXICONS := $(wildcard lexicons/*.tsv lexicons/rules/*.tsv)
INPUT_FILES := $(shell find $(INPUT) -type f 2>/dev/null | sort)

.PHONY: help venv demo test lint evaluate bench bench-large analysis tag trends report model clean lexicon-check

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
	$(BIN)/leersignalen run $(INPUT) --out $(OUT) --model $(MODEL) $(if $(SPLIT_ON),--split-on $(SPLIT_ON)) \
	  --no-trends --quiet

$(OUT)/trends.csv: $(OUT)/notes.csv $(TREND_CODE) | $(STAMP)
	$(BIN)/leersignalen trends $(OUT) --period $(PERIOD) --quiet

$(OUT)/report/index.html: $(OUT)/trends.csv $(REPORT_CODE) | $(STAMP)
	$(BIN)/leersignalen report $(OUT) --quiet

## demo: run the whole pipeline on data/sample/ into out/sample/, write the report, print a summary
demo: $(OUT)/report/index.html
	$(BIN)/leersignalen summary $(OUT)
	@echo "Report: $(OUT)/report/index.html"

## tag: only tag INPUT=... into OUT=... (notes.csv, sentences.csv, signals.csv, ...)
tag: $(OUT)/notes.csv

## trends: recompute trends, trend tests and flags for OUT=... (PERIOD=week|month|quarter)
trends: $(OUT)/trends.csv

## report: write OUT/report/index.html from the tagged outputs
report: $(OUT)/report/index.html

## analysis: tagging, trends and report for INPUT="files or folders" OUT=dir, rebuilding only what changed
analysis: $(OUT)/report/index.html

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

## bench: run vs stock spaCy and bare tokenisation, 1 and 2 processes, --classifier, memory, CPU per stage (1M words)
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --words 1000000 --classifier

## bench-large: the same at 1 and 10 million words (shows whether memory grows with the corpus; about an hour)
bench-large: $(STAMP)
	$(BIN)/python scripts/bench.py --words 1000000 --words 10000000

## model: rebuild models/default from the dev split of the labelled corpus (byte-identical), score it on heldout
model: $(STAMP)
	$(BIN)/python scripts/make_model.py --out models/default

## clean: remove outputs (not the virtualenv)
clean:
	rm -rf out bench
