# Everyday commands. `make setup` is cheap when nothing changed: each step has a stamp.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
PO      := $(wildcard bot/locale/*/LC_MESSAGES/messages.po)
MO      := $(PO:.po=.mo)
NLU     := $(shell find nlu -type f 2>/dev/null)
export RASA_TELEMETRY_ENABLED := false
export RASA_CACHE_DIRECTORY   := $(CURDIR)/.rasa/cache
export TF_CPP_MIN_LOG_LEVEL   := 3

.PHONY: setup test run chat train lint catalogs extract constraints bench clean chromium

setup: $(STAMP) $(MO) models/.trained chromium

# Debian's Chromium, for the test that opens the HTML report in a real browser (quick
# when it is there; SKIP_CHROMIUM=1 skips it, and the test says so).
chromium:
	@scripts/ensure-chromium

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || "$$(scripts/find-python310)" -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip<25" wheel -c constraints.txt
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	$(PY) -m pip check
	@touch $@

# Compile a catalog whenever its .po changes.
bot/locale/%/LC_MESSAGES/messages.mo: bot/locale/%/LC_MESSAGES/messages.po $(STAMP)
	$(VENV)/bin/pybabel compile --use-fuzzy -d bot/locale -D messages -l $* -i $< -o $@

# `bot train` trains a language only when the hash of its inputs has no model yet.
models/.trained: $(NLU) $(STAMP)
	$(PY) -m bot train
	@touch $@

test: setup
	$(PY) -m pytest

# Telegram when TELEGRAM_BOT_TOKEN is set, otherwise the console chat.
run: setup
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then $(PY) -m bot run; else \
	  echo "TELEGRAM_BOT_TOKEN is not set: starting the console chat instead."; \
	  $(PY) -m bot chat; fi

chat: setup
	$(PY) -m bot chat $(if $(LANG_CHOICE),--lang $(LANG_CHOICE))

train: $(STAMP)
	$(PY) -m bot train

lint: $(STAMP)
	$(VENV)/bin/ruff check bot tests bench
	$(VENV)/bin/ruff format --check bot tests bench
	$(VENV)/bin/mypy

# Catalog workflow: extract the UI strings, merge them into each language's .po.
extract: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -o bot/locale/messages.pot --no-location --sort-output .
	$(VENV)/bin/pybabel update -i bot/locale/messages.pot -d bot/locale -D messages --no-fuzzy-matching

bench: setup
	$(PY) bench/nlu.py
	$(PY) bench/stats.py --all
	$(PY) bench/e2e.py
	$(PY) bench/safety.py
	$(PY) bench/handoff.py

constraints: $(STAMP)
	{ sed -n '/^#/p' constraints.txt; $(PY) -m pip freeze --exclude-editable | grep -v '^pathways-bot'; } > constraints.new
	mv constraints.new constraints.txt

clean:
	rm -rf $(VENV) models .rasa .pytest_cache .mypy_cache .ruff_cache
