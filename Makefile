# b2b_portal - build/test entry points.  `make help` lists the targets.
#
# Every target that needs Odoo first runs tools/bootstrap.sh (idempotent and
# fast once the venv exists), takes ODOO_SRC and VENV from its last stdout
# line "ODOO_SRC=<path> VENV=<path>", and links this checkout as
# $(ADDONS_DIR)/b2b_portal so Odoo finds the module whatever the checkout
# directory is called.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.SUFFIXES:

REPO := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
CACHE_DIR ?= $(HOME)/.cache/b2b_portal
REPO_HASH := $(shell printf '%s' '$(REPO)' | sha256sum | cut -c1-12)
ADDONS_DIR := $(CACHE_DIR)/addons-$(REPO_HASH)
DEMO_DB ?= b2b_demo
HTTP_PORT ?= 8069
export DEMO_DB HTTP_PORT

# Shell prefix for recipes: bootstrap, parse its last line, link the addon,
# export ODOO_SRC, VENV and ADDONS_PATH.
ENV = boot="$$(bash '$(REPO)/tools/bootstrap.sh' | tail -n 1)"; \
	ODOO_SRC="$$(sed -n 's/^ODOO_SRC=\(.*\) VENV=.*$$/\1/p' <<<"$$boot")"; \
	VENV="$$(sed -n 's/^ODOO_SRC=.* VENV=\(.*\)$$/\1/p' <<<"$$boot")"; \
	if [ -z "$$ODOO_SRC" ] || [ -z "$$VENV" ]; then \
		echo "make: tools/bootstrap.sh did not end with 'ODOO_SRC=... VENV=...' (got: $$boot)" >&2; exit 1; \
	fi; \
	mkdir -p '$(ADDONS_DIR)'; \
	ln -sfn '$(REPO)' '$(ADDONS_DIR)/b2b_portal'; \
	ADDONS_PATH='$(ADDONS_DIR)'",$$ODOO_SRC/addons,$$ODOO_SRC/odoo/addons"; \
	export ODOO_SRC VENV ADDONS_PATH

.PHONY: help bootstrap run test package pytest coverage loadtest profile screenshots shell reset-demo lint clean \
	cluster cluster-down

help: ## list the targets
	@echo "b2b_portal - make targets:"
	@grep -E '^[a-z-]+:.*## ' '$(REPO)/Makefile' | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 20

bootstrap: ## set up Odoo 19.0, the venv, system packages and PostgreSQL; link the addon
	@$(ENV); \
	echo "ODOO_SRC=$$ODOO_SRC"; echo "VENV=$$VENV"; echo "ADDONS_PATH=$$ADDONS_PATH"

run: ## create the demo database b2b_demo if needed, print logins, serve on :8069 (mails caught in .logs/mails/)
	@$(ENV); '$(REPO)/tools/serve.sh' run

test: ## install b2b_portal with demo data in a fresh database and run its tests
	@$(ENV); '$(REPO)/tools/run_tests.sh'

package: ## build the wheel dist/odoo_addon_b2b_portal-19.0.*.whl, pip-install it into a throwaway venv, install it from there in a fresh db
	@$(ENV); '$(REPO)/tools/package.sh'

pytest: ## the tests of PYTEST_FILES (default tests/test_b2b_access.py) with pytest-odoo, on a fresh database
	@$(ENV); '$(REPO)/tools/pytest.sh'

coverage: ## make test (it measures branch coverage, fails below COVERAGE_MIN=90), then the full report
	@$(ENV); st=0; COVERAGE=1 '$(REPO)/tools/run_tests.sh' || st=$$?; \
	COVERAGE_FILE='$(REPO)/.logs/.coverage' "$$VENV/bin/coverage" report --show-missing | tail -60; exit $$st

loadtest: ## serve b2b_demo with 2 workers on :8079 and run tools/loadtest.py (20 users, 15 s warm-up + 120 s; PROXY=haproxy: through HAProxy)
	@$(ENV); '$(REPO)/tools/serve.sh' loadtest

PAGES ?= /my /my/b2b/dashboard /my/invoices /my/orders /my/order_statement /my/payments /my/statement /my/rma
profile: ## time PAGES for one user inside one Odoo process (PROFILE_ARGS="--profile /my" adds cProfile)
	@$(ENV); '$(REPO)/tools/serve.sh' init; \
	PYTHONPATH="$$ODOO_SRC" "$$VENV/bin/python" '$(REPO)/tools/page_profile.py' \
		--addons-path="$$ADDONS_PATH" -d '$(DEMO_DB)' $(PROFILE_ARGS) $(PAGES)

cluster: ## PostgreSQL hot standby on :5433, 2 Odoo servers (--workers 2) behind nginx on :8300 (tools/cluster.sh)
	@$(ENV); '$(REPO)/tools/cluster.sh' up

cluster-down: ## stop what make cluster started and drop the replica cluster
	@'$(REPO)/tools/cluster.sh' down

screenshots: ## serve b2b_demo on :8079 and take desktop/phone screenshots into docs/screenshots
	@$(ENV); '$(REPO)/tools/serve.sh' screenshots

shell: ## odoo-bin shell on the demo database (created if needed)
	@$(ENV); '$(REPO)/tools/serve.sh' shell

reset-demo: ## drop the demo database b2b_demo (and its filestore)
	@'$(REPO)/tools/serve.sh' reset

lint: ## pre-commit: ruff, ruff format, pylint-odoo mandatory checks, XML well-formedness, prettier (XML)
	@lint_venv='$(CACHE_DIR)'/lint-venv-$$(sha256sum '$(REPO)/requirements-lint.txt' | cut -c1-12); \
	if [ ! -e "$$lint_venv/.complete" ]; then \
		rm -rf "$$lint_venv" && python3 -m venv "$$lint_venv" && \
		"$$lint_venv/bin/pip" install -q -r '$(REPO)/requirements-lint.txt' && touch "$$lint_venv/.complete"; \
	fi; \
	cd '$(REPO)' && PATH="$$lint_venv/bin:$$PATH" pre-commit run --all-files --show-diff-on-failure

clean: ## remove the test logs (.logs/) and the ruff cache
	rm -rf '$(REPO)/.logs' '$(REPO)/.ruff_cache'
