# Vitrine: two entry points, `make run` and `make test`, and the officer's commands in French
# (`make aide` lists them: the lines marked `##`). The invoke tasks in tasks.py do the real work;
# this file prepares the machine for them and gives them French names.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
ECRAN  ?= vitrine
# apt-get needs root; use sudo when we are not root and sudo exists.
SUDO   := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)
# TYPE, TITRE and QUAND reach the recipes through the environment, as typed ($(value …): make expands
# nothing in them, a « $ » stays a « $ »), and the shell reads them as "$$TITRE": any character is kept.
override TYPE  := $(value TYPE)
override TITRE := $(value TITRE)
override QUAND := $(value QUAND)
export TYPE TITRE QUAND

.PHONY: run test aide help nouveau verifier diapos publier setup setup-test chromium build clean

run: setup  ## aperçu en direct sur http://127.0.0.1:8000/ (un autre port : make run PORT=8001)
	@$(BIN)/invoke live --host $(HOST) --port $(PORT)

test: setup-test            # set up with test extras and Chromium, then run every test
	$(BIN)/pytest

nouveau: setup  ## crée une page prête à remplir : TYPE=campagne, evenement, alerte ou recrutement, TITRE="…"
	@if [ -z "$$TYPE" ] || [ -z "$$TITRE" ]; then \
	  echo 'Précisez le type et le titre, par exemple : make nouveau TYPE=campagne TITRE="Vols de vélos"' >&2; \
	  echo '(types : campagne, evenement, alerte, recrutement)' >&2; exit 2; fi
	@$(BIN)/invoke new --kind="$$TYPE" --title="$$TITRE"  # named: a title may start with « - »

verifier: setup  ## vérifie tout le contenu sans rien publier : toutes les erreurs d'un coup
	@$(BIN)/invoke check

diapos: setup  ## ce qu'un écran passera : QUAND="2026-12-12 10:00" (maintenant par défaut), ECRAN=vitrine ou totem
	@$(BIN)/invoke slides $${QUAND:+--at "$$QUAND"} --screen "$(ECRAN)"

publier: setup  ## construit la version publique et la publie (dans public/, ou sur le serveur s'il est réglé)
	@$(BIN)/invoke publish

aide:  ## cette aide
	@echo "Les commandes de Vitrine, à taper dans le dossier du projet :"
	@echo
	@sed -n 's/^\([a-z]*\):.*## \(.*\)$$/\1\t\2/p' $(MAKEFILE_LIST) | \
	  while IFS="$$(printf '\t')" read -r cible texte; do printf '  make %-9s %s\n' "$$cible" "$$texte"; done
	@echo
	@echo "Exemples :"
	@echo '  make nouveau TYPE=campagne TITRE="Vols de vélos"'
	@echo '  make diapos QUAND="2026-12-12 10:00" ECRAN=totem'
	@echo "Le guide de rédaction : docs/guide-redaction.md"

help: aide

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
