# Vitrine: two entry points, `make run` and `make test`. The invoke tasks in
# tasks.py do the real work; this file only prepares the machine for them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# apt-get needs root; use sudo when we are not root and sudo exists.
SUDO   := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

.PHONY: run test setup setup-test chromium build clean

run: setup                  ## set up, build, then serve the site and player with live reload
	$(BIN)/invoke live --host $(HOST) --port $(PORT)

test: setup-test            ## set up with test extras and Chromium, then run every test
	$(BIN)/pytest

setup: $(BIN)/.installed node_modules/.installed

setup-test: setup $(BIN)/.installed-test chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The pinned dependencies, then Vitrine itself (editable: the signage package is imported from here).
$(BIN)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(BIN)/.installed-test: requirements-test.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# @gouvfr/dsfr: the State design system, from npm, never committed.
# Its terms of use are accepted in .dsfr.yml (checked by its preinstall script).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's packages the tests use for real: Chromium (browser tests; Playwright's own download is
# not used), nginx (the shipped config, served), rsync (publishing), openssl (a test certificate),
# systemd (systemd-analyze verify), apache2-utils (ab, for bench/bench_nginx.py). Installed only
# when one is missing; the nginx package's own service is not needed (the tests start their own).
DEBIAN_PACKAGES := chromium fonts-dejavu-core nginx rsync openssl systemd apache2-utils
chromium:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	  grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

build: setup
	$(BIN)/invoke build

clean:
	rm -rf output public .builds .cache
