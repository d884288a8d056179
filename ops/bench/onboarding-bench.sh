#!/usr/bin/env bash
# Onboarding benchmark against a running local stack (ops/run-local.sh):
#   - time from POST /operator/api/schools to status ACTIVE, for N schools one after another;
#   - Keycloak resident memory before and after, per school realm.
# Usage: ops/bench/onboarding-bench.sh [N=20] [prefix=bench]
# Bounded: N requests plus polling, loopback only. Figures go to docs/performance.md by hand.
# The schools are throw-away: their codes go to .local/bench-schools and the next start of the local stack removes
# them (realm, schema, registry row), so they never stay in the demo stack's operator list.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-20}
PREFIX=${2:-bench$(date +%H%M%S)}
# shellcheck disable=SC1091
source .local/stack.env

token() {
  curl -s -d grant_type=client_credentials -d "client_id=$OPERATOR_CLIENT_ID" -d "client_secret=$OPERATOR_CLIENT_SECRET" \
    "$KEYCLOAK_URL/realms/platform/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}
kc_rss_kb() {
  # This stack's Keycloak JVM only (its home is under .local/, not another checkout's or a test stack's).
  local pid
  pid=$(pgrep -f -- "-Dkc.home.dir=$(pwd)/.local/keycloak-" | head -n1 || true)
  if [ -n "$pid" ]; then ps -o rss= -p "$pid" | tr -d ' '; else echo 0; fi
}
# Keycloak alone: seconds to create one bare realm (POST /admin/realms) at the current realm count; deleted again.
realm_probe() {
  local at probe t0 t1
  at=$(curl -s -d grant_type=password -d client_id=admin-cli -d "username=$KEYCLOAK_ADMIN_USERNAME" \
    --data-urlencode "password=$KEYCLOAK_ADMIN_PASSWORD" "$KEYCLOAK_URL/realms/master/protocol/openid-connect/token" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  probe="probe$(date +%s%N)"
  t0=$(date +%s.%N)
  curl -s -o /dev/null -H "Authorization: Bearer $at" -H 'Content-Type: application/json' \
    "$KEYCLOAK_URL/admin/realms" -d "{\"realm\":\"$probe\",\"enabled\":true}"
  t1=$(date +%s.%N)
  curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $at" "$KEYCLOAK_URL/admin/realms/$probe"
  echo "$t1 - $t0" | bc
}
# Seconds of the REALM step of one school: from the SCHEMA step's end to the REALM step's end (platform.onboarding_step).
realm_step() {
  psql "$PG_URL" -Atc "select round(extract(epoch from (r.finished_at - s.finished_at))::numeric, 2)
    from platform.onboarding_step r join platform.onboarding_step s on s.school_code = r.school_code and s.step = 'SCHEMA'
    where r.school_code = '$1' and r.step = 'REALM'" 2>/dev/null || echo '?'
}
kc_realms() {
  psql "${PG_URL%/*}/${KEYCLOAK_DB:-keycloak}" -Atc "select count(*) from realm" 2>/dev/null || echo '?'
}

before_kb=$(kc_rss_kb)
times=()
for i in $(seq 1 "$N"); do
  code="${PREFIX}${i}"
  echo "$code" >> .local/bench-schools # the next ops/run-local.sh start removes it (LeftoverSchools)
  t=$(token)
  start=$(date +%s.%N)
  curl -s -o /dev/null -w '' -H "Authorization: Bearer $t" -H 'Content-Type: application/json' \
    "$APP_URL/operator/api/schools" \
    -d "{\"code\":\"$code\",\"name\":\"基准学校$i\",\"admin\":{\"username\":\"admin\",\"phone\":\"139$(printf '%08d' "$i")\",\"password\":\"Bench@2026\"}}"
  status=""
  for _ in $(seq 1 600); do
    status=$(curl -s -H "Authorization: Bearer $t" "$APP_URL/operator/api/schools/$code" | sed -E 's/.*"status":"([A-Z]+)".*/\1/')
    [ "$status" = ACTIVE ] || [ "$status" = FAILED ] && break
    sleep 0.1
  done
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc)
  times+=("$secs")
  extra=""
  if ((i % 10 == 0)); then extra="  realms $(kc_realms)  bare-realm-create $(realm_probe) s"; fi
  printf 'school %-14s %-7s %6.2f s  realm-step %s s  load %s%s\n' "$code" "$status" "$secs" "$(realm_step "$code")" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$extra"
done
after_kb=$(kc_rss_kb)

sorted=$(printf '%s\n' "${times[@]}" | sort -n)
p50=$(echo "$sorted" | awk -v n="$N" 'NR==int((n+1)/2){print}')
p95=$(echo "$sorted" | awk -v n="$N" 'NR==int(n*0.95+0.999){print}')
max=$(echo "$sorted" | tail -n1)
echo "onboarding to ACTIVE over $N schools: p50 ${p50}s p95 ${p95}s max ${max}s"
if [ "${before_kb:-0}" -gt 0 ] && [ "${after_kb:-0}" -gt 0 ]; then
  echo "keycloak RSS: before $((before_kb / 1024)) MB, after $((after_kb / 1024)) MB, per realm ~$(( (after_kb - before_kb) / N )) KB"
fi
