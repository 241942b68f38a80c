# The commands of the README. Each sets up what it needs first (scripts/setup.sh).
.PHONY: demo test test-slow lint bench setup-demo setup-test setup-bench

# The demo's own date: its data ends with week 48 of 2026. Built as of today it would age
# day by day ("no update for 10 days"); `make demo DEMO_DATE=2026-10-31` shows another day.
DEMO_DATE ?= 2026-11-30

demo: setup-demo
	.venv/bin/milepost --workspace . build --as-of $(DEMO_DATE)
	.venv/bin/milepost --workspace . notify weekly hafenbahn-carrier-portal --dry-run --as-of $(DEMO_DATE)

# `make test` stays under 15 minutes on 2 cores: the tests marked slow (a whole demo build
# audited, kill -9 rounds, fuzzing, print and axe runs) are left to `make test-slow`, which
# CI runs after it (.ci/run).
test: setup-test lint
	.venv/bin/python -m pytest -q -m "not slow"

test-slow: setup-test
	.venv/bin/python -m pytest -q -m slow

lint:
	.venv/bin/ruff check generator tests benchmarks
	.venv/bin/ruff format --check generator tests benchmarks
	.venv/bin/mypy generator
	.venv/bin/lint-imports

bench: setup-bench
	.venv/bin/python benchmarks/run.py

setup-demo:
	@scripts/setup.sh demo

setup-test:
	@scripts/setup.sh test

setup-bench:
	@scripts/setup.sh bench
