# The commands of the README. Each sets up what it needs first (scripts/setup.sh).
.PHONY: demo test lint bench setup-demo setup-test setup-bench

demo: setup-demo
	.venv/bin/milepost --workspace . build
	.venv/bin/milepost --workspace . notify weekly hafenbahn-carrier-portal --dry-run

test: setup-test lint
	.venv/bin/python -m pytest -q

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
