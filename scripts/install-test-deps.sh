#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine: Chromium for the browser tests,
# the web client's npm packages, Apertium and OpenCC, PostgreSQL (started, with the test login the
# storage and cluster tests use; the cluster's membership lives there too) and nginx for the local cluster.
# Safe to run again; it skips what is already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# Offline translation: Apertium English<->Spanish (also its HTTP server APY) and OpenCC.
command -v apertium >/dev/null 2>&1 || need+=(apertium)
[ -f /usr/share/apertium/modes/eng-spa.mode ] || need+=(apertium-eng-spa)
command -v apertium-apy >/dev/null 2>&1 || need+=(apertium-apy)
command -v opencc >/dev/null 2>&1 || need+=(opencc)
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
# PostgreSQL for the storage tests and the cluster profile (a server binary of any version will do).
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need+=(postgresql)
# nginx for the local cluster's sticky load balancer (scripts/cluster.sh).
command -v nginx >/dev/null 2>&1 || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "installing: ${need[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ ! -d "$root/clients/web/node_modules/@microsoft/signalr" ] || [ ! -d "$root/clients/web/node_modules/playwright-core" ]; then
  (cd "$root/clients/web" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Start PostgreSQL (with the test role and database); idempotent.
if [ "$(id -u)" -eq 0 ]; then
  bash "$root/scripts/postgres.sh" start >/dev/null
else
  sudo bash "$root/scripts/postgres.sh" start >/dev/null
fi
