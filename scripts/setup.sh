#!/usr/bin/env bash
# Set up what `make demo`, `make test` or `make bench` needs on a Debian machine: system
# packages (only the missing ones, apt-get update only when something is missing), a .venv
# and the package with its extras. Usage: scripts/setup.sh demo|test|bench
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-demo}

pkgs=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk fonts-inter)
if [ "$purpose" = test ]; then
  # PDF checks, the browser tests, the HTML validator (Java), the benchmark's peer.
  pkgs+=(poppler-utils qpdf chromium default-jre-headless)
  # axe-core for the accessibility test comes from npm (tests/browser/package.json).
  command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)
fi
if [ "$purpose" = bench ]; then
  # The benchmark's peers: Hugo from Debian (Pelican comes from pip, the bench extra).
  pkgs+=(hugo)
fi
python3 -c 'import venv, ensurepip' 2>/dev/null || pkgs+=(python3-venv)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "milepost needs system packages that are missing. Run as root:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

extras=dev
[ "$purpose" = bench ] && extras=dev,bench
stamp=.venv/.milepost-installed-${extras/,/-}
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[$extras]"
  touch "$stamp"
fi

if [ "$purpose" = test ] && [ ! -f tests/browser/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests/browser --no-audit --no-fund --silent
fi
