# Everyday commands. `make setup` is cheap when nothing changed: each step has a stamp.
#
# Two environments: .venv is the bot (Python 3.12 or newer, current libraries, no Rasa);
# .venv-rasa is Rasa's side (Python 3.10, Rasa 3.6.21), run by the bot as its own process.
VENV       := .venv
PY         := $(VENV)/bin/python
STAMP      := $(VENV)/.installed
RASA_VENV  := .venv-rasa
RASA_PY    := $(RASA_VENV)/bin/python
RASA_STAMP := $(RASA_VENV)/.installed
PO         := $(wildcard bot/locale/*/LC_MESSAGES/messages.po)
MO         := $(PO:.po=.mo)
NLU        := $(shell find nlu -type f 2>/dev/null)
export RASA_TELEMETRY_ENABLED := false
export RASA_CACHE_DIRECTORY   := $(CURDIR)/.rasa/cache
export TF_CPP_MIN_LOG_LEVEL   := 3

.PHONY: setup test run chat train lint catalogs extract constraints bench clean check export import chromium

setup: $(STAMP) $(RASA_STAMP) $(MO) models/.trained chromium

# Debian's Chromium, for the test that opens the HTML report in a real browser (quick
# when it is there; SKIP_CHROMIUM=1 skips it, and the test says so).
chromium:
	@scripts/ensure-chromium

# The bot's environment. A .venv made by an older checkout (Python 3.10) is rebuilt.
$(STAMP): pyproject.toml constraints.txt
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
	  echo "$(VENV) is an older Python: rebuilding it"; rm -rf $(VENV); fi
	@test -x $(PY) || { python=$$(scripts/find-python bot) && "$$python" -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip wheel -c constraints.txt
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	$(PY) -m pip check
	@touch $@

# Rasa's environment: only what Rasa's side (nlu_worker/) needs.
$(RASA_STAMP): nlu_worker/requirements.txt nlu_worker/constraints.txt
	@test -x $(RASA_PY) || { python=$$(scripts/find-python rasa) && "$$python" -m venv $(RASA_VENV); }
	$(RASA_PY) -m pip install -q --upgrade "pip<25" wheel -c nlu_worker/constraints.txt
	$(RASA_PY) -m pip install -q -c nlu_worker/constraints.txt -r nlu_worker/requirements.txt
	$(RASA_PY) -m pip check
	@touch $@

# Compile a catalog whenever its .po changes.
bot/locale/%/LC_MESSAGES/messages.mo: bot/locale/%/LC_MESSAGES/messages.po $(STAMP)
	$(VENV)/bin/pybabel compile --use-fuzzy -d bot/locale -D messages -l $* -i $< -o $@

# `bot train` trains a language only when the hash of its inputs has no model yet (its
# data, the spelling list it is also taught in, the code that shapes what it is taught).
MODEL_CODE := bot/nlu/taught.py bot/engine/spelling.py nlu_worker/components.py
models/.trained: $(NLU) content/spelling.yml $(MODEL_CODE) $(STAMP) $(RASA_STAMP)
	$(PY) -m bot train
	@touch $@

# The content check, for staff: builds .venv the first time (a few minutes), then checks
# content/ and nlu/. `make check LANG_CHOICE=fr`, `make check ARGS="--errors-only"`.
check: $(STAMP) $(MO)
	@$(PY) -m bot content check $(if $(LANG_CHOICE),--lang $(LANG_CHOICE)) $(ARGS)

# The content as one workbook for Excel or LibreOffice, and back (after the same check).
# `make export` writes content.xlsx; `make import` reads it. FILE=other.xlsx for another.
export: $(STAMP) $(MO)
	@$(PY) -m bot content export $(or $(FILE),content.xlsx) $(if $(LANG_CHOICE),--lang $(LANG_CHOICE)) $(ARGS)

import: $(STAMP) $(MO)
	@$(PY) -m bot content import $(or $(FILE),content.xlsx) $(if $(LANG_CHOICE),--lang $(LANG_CHOICE)) $(ARGS)

# The bot's tests, then Rasa's side's own (our components against Rasa's code).
test: setup
	$(PY) -m pytest
	$(RASA_PY) -m pytest -c nlu_worker/pytest.ini nlu_worker/tests

# Telegram when TELEGRAM_BOT_TOKEN is set, otherwise the console chat.
run: setup
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then $(PY) -m bot run; else \
	  echo "TELEGRAM_BOT_TOKEN is not set: starting the console chat instead."; \
	  $(PY) -m bot chat; fi

chat: setup
	$(PY) -m bot chat $(if $(LANG_CHOICE),--lang $(LANG_CHOICE))

train: $(STAMP) $(RASA_STAMP)
	$(PY) -m bot train

lint: $(STAMP)
	$(VENV)/bin/ruff check bot tests bench nlu_worker
	$(VENV)/bin/ruff format --check bot tests bench nlu_worker
	$(VENV)/bin/mypy

# Catalog workflow: extract the UI strings, merge them into each language's .po.
extract: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -o bot/locale/messages.pot --no-location --sort-output .
	$(VENV)/bin/pybabel update -i bot/locale/messages.pot -d bot/locale -D messages --no-fuzzy-matching

bench: setup
	$(PY) bench/env.py
	$(PY) bench/nlu.py
	$(PY) bench/stats.py --all
	$(PY) bench/e2e.py
	$(PY) bench/safety.py
	$(PY) bench/topics.py
	$(PY) bench/handoff.py

# Write each environment's exact versions into its lock file.
constraints: $(STAMP) $(RASA_STAMP)
	{ sed -n '/^#/p' constraints.txt; $(PY) -m pip freeze --exclude-editable | grep -v '^pathways-bot'; } > constraints.new
	mv constraints.new constraints.txt
	{ sed -n '/^#/p' nlu_worker/constraints.txt; $(RASA_PY) -m pip freeze; } > constraints.new
	mv constraints.new nlu_worker/constraints.txt

clean:
	rm -rf $(VENV) $(RASA_VENV) models .rasa .pytest_cache .mypy_cache .ruff_cache
