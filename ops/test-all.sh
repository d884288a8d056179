#!/usr/bin/env bash
# Runs every test: unit, web slice, UI (Vitest), Helm chart, and the integration and browser tests against the
# real local stack (PostgreSQL, Redis, Keycloak, S3Proxy, WeChat simulator), which the tests start themselves.
set -euo pipefail
cd "$(dirname "$0")/.."

ops/install-test-tools.sh

# Machines of this kind run PostgreSQL and Redis as services; start them if they are installed but stopped.
# Where they are absent the test stack falls back to embedded binaries from Maven artifacts.
if command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 2>/dev/null; then
  for v in $(ls /etc/postgresql 2>/dev/null); do pg_ctlcluster --skip-systemctl-redirect "$v" main start || true; done
fi
if command -v redis-server >/dev/null 2>&1 && ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null || true
fi

exec mvn -B -ntp verify "$@"
