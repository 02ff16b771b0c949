# Vitrine: the two commands of the README (make run, make test) and the developer targets.
# Everything runs from a clean Debian 12 clone: each target bootstraps what it needs.

SHELL := /bin/bash
# ccache: hash paths relative to the checkout and not the working directory, so a clone
# elsewhere (CI) reuses the cache also for -g builds (whose debug info may then name the
# other checkout's paths: harmless for tests, rebuild with `make clean` to debug).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true
.SHELLFLAGS := -euo pipefail -c
JOBS ?= $(shell nproc)
BUILD_RELEASE := build/release
BUILD_ASAN := build/asan
VITRINE := $(BUILD_RELEASE)/server/vitrine

.PHONY: help bootstrap build build-asan build-tsan web run test test-release test-asan test-tsan \
        test-fuzz fuzz test-image lint fmt bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

bootstrap: ## Install missing Debian packages (idempotent)
	@scripts/bootstrap

build: bootstrap ## Release build (-O2) of the server, unit tests and benchmarks
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

build-asan: bootstrap ## AddressSanitizer + UBSan build
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)

build-tsan: bootstrap ## ThreadSanitizer build
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS)

web: bootstrap ## Build the dashboard alone into web/dist (for VITRINE_WEB_DIR; make build embeds it)
	@cd web && npm run --silent build

DEMO_ADMIN := admin@vitrine.local
DEMO_PASSWORD_FILE := data/demo-admin-password
DEMO_DATA_KEY_FILE := data/data-key

run: build ## Build, seed the demo portfolio when the store is empty, serve http://127.0.0.1:8080
	@mkdir -p data
	@# The demo monitors this server's own pages (with SLOs): live evidence on its pages.
	@$(VITRINE) seed --demo --if-empty --self http://$${VITRINE_LISTEN:-127.0.0.1:8080}
	@test -s $(DEMO_PASSWORD_FILE) || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=\n' > $(DEMO_PASSWORD_FILE))
	@test -s $(DEMO_DATA_KEY_FILE) || (umask 077; head -c 32 /dev/urandom | basenc --base64url | tr -d '=\n' > $(DEMO_DATA_KEY_FILE))
	@echo "vitrine: serving http://127.0.0.1:8080 (console: /admin, API reference: /docs; Ctrl-C to stop)"
	@echo "vitrine: sign in at http://127.0.0.1:8080/admin as $(DEMO_ADMIN) with the password in $(DEMO_PASSWORD_FILE)"
	@echo "  (an admin sets up a second factor at first sign-in: scan the QR code with any authenticator app)"
	@VITRINE_LOG_FORMAT=$${VITRINE_LOG_FORMAT:-text} \
	  VITRINE_BOOTSTRAP_ADMIN_EMAIL=$${VITRINE_BOOTSTRAP_ADMIN_EMAIL:-$(DEMO_ADMIN)} \
	  VITRINE_BOOTSTRAP_ADMIN_PASSWORD_FILE=$${VITRINE_BOOTSTRAP_ADMIN_PASSWORD_FILE:-$(DEMO_PASSWORD_FILE)} \
	  VITRINE_DATA_KEY_FILE=$${VITRINE_DATA_KEY_FILE:-$(DEMO_DATA_KEY_FILE)} \
	  exec $(VITRINE) serve

test: test-release test-asan test-tsan test-fuzz ## Every test suite: unit, black-box, dashboard (vitest, Chromium), ASan/UBSan and TSan builds, fuzzing
	@echo "make test: all suites passed"

test-release: build
	@ctest --preset release -j $(JOBS)

test-asan: build-asan
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --preset asan -j $(JOBS)

test-tsan: build-tsan
	@TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest --preset tsan -j $(JOBS)

test-fuzz: bootstrap ## The libFuzzer targets (server/fuzz/) for 30 s each
	@scripts/fuzz 30

test-image: bootstrap ## Build the container image and run it as production does (scripts/test-image; CI runs it)
	@scripts/test-image

fuzz: bootstrap ## The libFuzzer targets for 10 minutes each (FUZZ_SECONDS=N to change)
	@scripts/fuzz $${FUZZ_SECONDS:-600}

lint: bootstrap ## clang-format check, clang-tidy, shellcheck, pyflakes, yamllint, TypeScript + ESLint, secret scan
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev --target vitrine_build_info_gen >/dev/null
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror
	@# Asio 1.74 detects coroutine support for clang only through <experimental/coroutine>;
	@# clang-tidy 14 parses libstdc++'s <coroutine> fine once told so.
	@run-clang-tidy -quiet -p build/dev -j $(JOBS) -extra-arg=-DBOOST_ASIO_HAS_CO_AWAIT=1 \
	  -extra-arg=-DBOOST_ASIO_HAS_STD_COROUTINE=1 -extra-arg=-Wno-unknown-warning-option \
	  '$(CURDIR)/server/(src|bench)/' >build/dev/clang-tidy.log 2>&1 \
	  || { grep -E 'error:|warning:' build/dev/clang-tidy.log | sort -u | head -50; exit 1; }
	@scripts/lint-scripts
	@# The deployment and monitoring configs (the dashboard and the API have their own linters).
	@git ls-files '*.yml' '*.yaml' ':!web/' ':!api/' | xargs yamllint -s
	@# The dashboard: tsc (strict) on the app and its scripts, ESLint with zero warnings.
	@cd web && npm run --silent lint
	@# The OpenAPI contract: zero errors (warnings are printed; api/redocly.yaml says why the
	@# two disabled rules are off).
	@api/node_modules/.bin/redocly lint --config api/redocly.yaml --format=stylish \
	  api/openapi.yaml >build/dev/redocly.log 2>&1 || { cat build/dev/redocly.log; exit 1; }
	@grep -E 'valid|warning' build/dev/redocly.log | head -20
	@scripts/secret-scan
	@echo "lint: clean"

fmt: ## Format the C++ sources in place
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

bench: build ## HTTP, content API, authentication, checks, dashboard, tracing, FastAPI-comparison and backup benchmarks; writes docs/benchmarks*.md
	@bench/http/run --write docs/benchmarks.md
	@bench/content/run --write docs/benchmarks-content.md
	@bench/auth/run --write docs/benchmarks-auth.md
	@bench/checks/run --write docs/benchmarks-checks.md
	@bench/web/run --write docs/benchmarks-web.md
	@bench/tracing/run --write docs/benchmarks-tracing.md
	@bench/fastapi/run --write docs/benchmarks-fastapi.md
	@bench/backup/run --write docs/benchmarks-backup.md

clean: ## Remove build outputs
	rm -rf build
