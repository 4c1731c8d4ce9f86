# Newsroom: `make run` sets up and serves the site, `make test` sets up and
# runs every test. Both reuse what an earlier run made.

VENV        := .venv
PYTHON      := $(VENV)/bin/python
INSTALLED   := $(VENV)/.installed
HOST        ?= 127.0.0.1
PORT        ?= 8000
EDGE_PORT   ?= 8080
EDGE_DIR    := $(CURDIR)/.edge
# Debian puts nginx in /usr/sbin, which is on root's PATH only.
NGINX       := $(or $(shell command -v nginx),/usr/sbin/nginx)

.PHONY: run serve serve-edge test setup messages system-packages check lint format lock clean

# Both start the task worker beside the site (alerts to moderators,
# housekeeping) and stop it when the site stops.
run: setup messages
	$(PYTHON) manage.py load_demo
	$(PYTHON) manage.py db_worker & worker=$$!; trap 'kill $$worker' EXIT INT TERM; \
	$(PYTHON) manage.py runserver $(HOST):$(PORT)

# Production-like: debug off, collected static files through WhiteNoise,
# gunicorn. Uses Redis when REDIS_URL is set. The secret key below is for
# this machine only; production sets its own.
serve: setup messages
	$(PYTHON) manage.py load_demo
	DJANGO_DEBUG=false $(SERVE_ENV) $(PYTHON) manage.py collectstatic --no-input -v0
	DJANGO_DEBUG=false $(SERVE_ENV) $(PYTHON) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker' EXIT INT TERM; \
	DJANGO_DEBUG=false $(SERVE_ENV) $(VENV)/bin/gunicorn -c newsroom/gunicorn.conf.py newsroom.wsgi

# The same behind the nginx edge we ship (deploy/nginx): readers come to
# port $(EDGE_PORT), where nginx keeps story pages for a second and serves
# static files from disk; gunicorn listens on $(PORT) behind it.
serve-edge: setup system-packages
	NEWSROOM_EDGE_DIR=$(EDGE_DIR) NEWSROOM_EDGE_LISTEN=$(HOST):$(EDGE_PORT) \
	NEWSROOM_EDGE_UPSTREAM=$(HOST):$(PORT) deploy/nginx/render.sh
	$(NGINX) -e $(EDGE_DIR)/error.log -c $(EDGE_DIR)/nginx.conf -g 'daemon off;' & edge=$$!; \
	trap 'kill $$edge' EXIT INT TERM; \
	NEWSROOM_TRUSTED_PROXIES=1 $(MAKE) --no-print-directory serve

SERVE_ENV = DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-local-serve-$$(hostname)-not-for-production} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-localhost,127.0.0.1} \
	DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_SECURE_HSTS_SECONDS=0 \
	NEWSROOM_SERVE_MEDIA=true GUNICORN_BIND=$(HOST):$(PORT)

# On every core (pytest-xdist); the tests that start servers run on one of
# them, one after another (tests/conftest.py).
test: setup system-packages messages
	$(PYTHON) -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

setup: $(INSTALLED)
	$(PYTHON) manage.py migrate --no-input

# The Simplified Chinese catalogues (locale/), compiled by gettext's msgfmt
# from the system's packages, installed here as Chromium is for the tests.
messages: $(INSTALLED)
	@if ! command -v msgfmt >/dev/null 2>&1; then \
	    if [ "$$(id -u)" = 0 ]; then sudo=""; \
	    elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	    else echo "Compiling the translations needs gettext's msgfmt. Install the gettext package and run make again." >&2; exit 1; fi; \
	    echo "Installing gettext from the system's packages"; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends gettext; \
	fi
	$(PYTHON) manage.py compilemessages --ignore=.venv -v0

# The browser tests drive Debian's Chromium headless shell (Playwright
# cannot download its own browser here; the shell costs half the full
# browser's time) and read Chinese pages in the Noto CJK fonts, the audio
# captcha needs flite, and the edge is nginx (its configuration rendered by
# envsubst): system packages.
system-packages:
	@missing=""; \
	[ -x /usr/lib/chromium/chromium-headless-shell ] || missing="$$missing chromium-headless-shell"; \
	[ -d /usr/share/fonts/opentype/noto ] || missing="$$missing fonts-noto-cjk"; \
	command -v flite >/dev/null 2>&1 || missing="$$missing flite"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v envsubst >/dev/null 2>&1 || missing="$$missing gettext-base"; \
	if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then sudo=""; \
	    elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	    else echo "The tests need these system packages:$$missing. Install them and run make test again." >&2; exit 1; fi; \
	    echo "Installing$$missing from the system's packages"; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The quality gate: CI and pre-commit run the same checks.
check: lint
	git ls-files -z --cached --others --exclude-standard -- '*.py' | xargs -0 $(VENV)/bin/django-upgrade --target-version 6.1 --check
	$(PYTHON) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports
	$(PYTHON) -m mypy .

lint: $(INSTALLED)
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m djlint templates --lint

format: $(INSTALLED)
	$(PYTHON) -m ruff check --fix .
	$(PYTHON) -m ruff format .

# Rewrites both lock files from pyproject.toml; commit them together.
lock: $(INSTALLED)
	$(PYTHON) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links --extra dev -o requirements-dev.lock pyproject.toml

$(INSTALLED): requirements-dev.lock | $(PYTHON)
	@echo "Installing the locked dependencies into $(VENV) (a minute or two the first time)"
	$(PYTHON) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# Django 6.1 needs Python 3.12 or newer, and many machines still default to
# an older python3, so look further than PATH's python3 (pyenv included).
$(PYTHON):
	@for candidate in python3 python3.14 python3.13 python3.12 \
	                  $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3; do \
	    if command -v "$$candidate" >/dev/null 2>&1 && \
	       "$$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	        echo "Creating $(VENV) with $$("$$candidate" --version) ($$(command -v "$$candidate"))"; \
	        "$$candidate" -m venv $(VENV) && exit 0; \
	    fi; \
	done; \
	echo "Newsroom needs Python 3.12 or newer with the venv module, and none was found." >&2; \
	echo "Install one (with 'pyenv install 3.13', or your system's python3.12+" >&2; \
	echo "and venv packages), then run make again." >&2; \
	exit 1

clean:
	rm -rf $(VENV) db.sqlite3 media private .pytest_cache $(EDGE_DIR)
