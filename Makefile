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
PERIOD ?= auto
MODEL ?= auto
MIN_NOTES ?= 2
MIN_WORDS ?= 150
LANG_REPORT ?= nl
# Paths with spaces are NOT supported (make splits words on spaces): link such a folder to a path without
# spaces first, e.g. `ln -s "/data/Mijn notities" ~/notities` and pass INPUT=~/notities.

CODE := $(shell find pipeline -name '*.py' -not -path 'pipeline/analyse/*' -not -path 'pipeline/report/*') pyproject.toml
TREND_CODE := $(wildcard pipeline/analyse/*.py)
REPORT_CODE := $(wildcard pipeline/report/*.py)
TREND_SETTINGS := $(OUT)/.trend-settings
TREND_SETTINGS_TEXT := period=$(PERIOD) min_notes=$(MIN_NOTES) min_words=$(MIN_WORDS)
REPORT_SETTINGS := $(OUT)/.report-settings
LEXICONS := $(wildcard lexicons/*.tsv lexicons/rules/*.tsv)
INPUT_FILES := $(shell find $(INPUT) -type f 2>/dev/null | sort)

.PHONY: help venv demo test test-all lint evaluate evaluate-fast real-corpus bench bench-large analysis tag trends report model \
        clean lexicon-check docs

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

$(OUT)/notes.csv: $(INPUT_FILES) $(LEXICONS) $(CODE) $(OUT)/.tag-settings | $(STAMP)
	$(BIN)/leersignalen run $(INPUT) --out $(OUT) --model $(MODEL) $(if $(SPLIT_ON),--split-on $(SPLIT_ON)) \
	  --no-trends --quiet

# Settings stamps: rewritten only when the settings on the command line change, so that changing PERIOD,
# MIN_NOTES, MIN_WORDS (trends), MODEL (tagging) or LANG_REPORT (report) rebuilds what depends on them.
.PHONY: FORCE
FORCE:
$(TREND_SETTINGS): FORCE
	@mkdir -p $(OUT)
	@echo '$(TREND_SETTINGS_TEXT)' | cmp -s - $@ || echo '$(TREND_SETTINGS_TEXT)' > $@
$(OUT)/.tag-settings: FORCE
	@mkdir -p $(OUT)
	@echo 'model=$(MODEL)' | cmp -s - $@ || echo 'model=$(MODEL)' > $@
$(REPORT_SETTINGS): FORCE
	@mkdir -p $(OUT)
	@echo 'lang=$(LANG_REPORT)' | cmp -s - $@ || echo 'lang=$(LANG_REPORT)' > $@

$(OUT)/trends.csv: $(OUT)/notes.csv $(TREND_CODE) $(TREND_SETTINGS) | $(STAMP)
	$(BIN)/leersignalen trends $(OUT) --period $(PERIOD) --min-notes $(MIN_NOTES) --min-words $(MIN_WORDS) --quiet

$(OUT)/report/index.html: $(OUT)/trends.csv $(REPORT_CODE) $(REPORT_SETTINGS) | $(STAMP)
	$(BIN)/leersignalen report $(OUT) --lang $(LANG_REPORT) --quiet

## demo: run the whole pipeline on data/sample/ into out/sample/, write the report, print a summary
demo: $(OUT)/report/index.html
	$(BIN)/leersignalen summary $(OUT)
	@echo "Report: $(OUT)/report/index.html"

## tag: only tag INPUT=... into OUT=... (notes.csv, sentences.csv, signals.csv, ...)
tag: $(OUT)/notes.csv

## trends: recompute trends, the trend model, flags and evidence for OUT=... (PERIOD=auto|week|month|quarter, MIN_NOTES=2, MIN_WORDS=150)
trends: $(OUT)/trends.csv

## report: render OUT/report/index.html from the trend files (LANG_REPORT=nl|en)
report: $(OUT)/report/index.html

## analysis: tagging, trends and report for INPUT="files or folders" OUT=dir, rebuilding only what changed; prints the summary and the report's path (no spaces in paths: symlink such a folder)
analysis: $(OUT)/report/index.html
	$(BIN)/leersignalen summary $(OUT)
	@echo "Report: $(OUT)/report/index.html"

## test: the fast tests (under 2 minutes; creates .venv when needed); slow ones run in test-all
test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

## test-all: every test, slow ones included (model rebuild, report in Chromium, privacy, Dask, memory); CI runs this
test-all: $(STAMP)
	$(BIN)/python -m pytest -q

## lint: ruff on the code and tests
lint: $(STAMP)
	$(BIN)/ruff check pipeline tests scripts

## lexicon-check: validate the lexicon files and their examples
lexicon-check: $(STAMP)
	$(BIN)/leersignalen lexicon check

## evaluate: quality benchmarks: leave-one-source-out on data/real (lexicon, classifier, combinations, coders' alpha), the labelled set, name recall, UD Dutch
evaluate: $(STAMP)
	$(BIN)/leersignalen evaluate --split dev --loso --names

## evaluate-fast: the same without the classifier's leave-one-source-out fits (a few minutes less)
evaluate-fast: $(STAMP)
	$(BIN)/leersignalen evaluate --split dev --loso --lexicon-only --names

## real-corpus: rebuild the texts of data/real that are not committed from clones in CLONES=dir (see data/real/SOURCES.md)
real-corpus: $(STAMP)
	@test -n "$(CLONES)" || { echo "usage: make real-corpus CLONES=folder-with-clones"; exit 2; }
	$(BIN)/python scripts/real_corpus.py --clones $(CLONES)

## docs: regenerate docs/cli.md and docs/errors.md from the code
docs: $(STAMP)
	$(BIN)/python scripts/make_docs.py

## bench: run vs stock spaCy and bare tokenisation, 1 and 2 processes, --classifier, memory, CPU per stage (1M words)
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --words 1000000 --classifier

## bench-large: the same at 1 and 10 million words (shows whether memory grows with the corpus; about an hour)
bench-large: $(STAMP)
	$(BIN)/python scripts/bench.py --words 1000000 --words 10000000

## model: rebuild models/default from the labelled corpus and the committed real corpus, a label rule per category chosen by leave-one-source-out (byte-identical)
model: $(STAMP)
	$(BIN)/python scripts/make_model.py --out models/default

## clean: remove outputs (not the virtualenv)
clean:
	rm -rf out bench
