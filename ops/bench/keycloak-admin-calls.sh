#!/usr/bin/env bash
# Times single Keycloak admin calls of the kind onboarding's REALM step makes, at the current realm count, against
# a running local stack (ops/run-local.sh). Shows whether a per-call cost grows with the number of realms.
# Usage: ops/bench/keycloak-admin-calls.sh [REALM=demo] [ROUNDS=5] [ADD_BARE_REALMS=0]
#   ADD_BARE_REALMS=N first creates N bare realms (probeNNN...), which adds N "<realm>-realm" clients to master,
#   exactly what each school realm adds (they stay; delete them with their admin API when done).
# Loopback only; figures go to docs/performance.md by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
REALM=${1:-demo}
ROUNDS=${2:-5}
ADD=${3:-0}
# shellcheck disable=SC1091
source .local/stack.env

# CLIENT=admin-cli (lightweight access tokens: Keycloak rebuilds the caller's roles on every admin request) or
# CLIENT=bench-full-token: a public master client made here with lightweight tokens off (the roles travel in the token).
CLIENT=${CLIENT:-admin-cli}
admin_token() {
  curl -s -d grant_type=password -d "client_id=${1:-$CLIENT}" -d "username=$KEYCLOAK_ADMIN_USERNAME" \
    --data-urlencode "password=$KEYCLOAK_ADMIN_PASSWORD" "$KEYCLOAK_URL/realms/master/protocol/openid-connect/token" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}
# seconds of one call (curl's own total time)
timed() { curl -s -o /dev/null -w '%{time_total} %{http_code}\n' -H "Authorization: Bearer $AT" "$@"; }

AT=$(admin_token admin-cli)
if [ "$CLIENT" = bench-full-token ]; then
  curl -s -o /dev/null -H "Authorization: Bearer $AT" -H 'Content-Type: application/json' \
    "$KEYCLOAK_URL/admin/realms/master/clients" -d '{"clientId":"bench-full-token","publicClient":true,
      "standardFlowEnabled":false,"directAccessGrantsEnabled":true,
      "attributes":{"client.use.lightweight.access.token.enabled":"false"}}'
fi
if [ "$ADD" -gt 0 ]; then
  base="probe$(date +%s)"
  for i in $(seq 1 "$ADD"); do
    curl -s -o /dev/null -H "Authorization: Bearer $AT" -H 'Content-Type: application/json' \
      "$KEYCLOAK_URL/admin/realms" -d "{\"realm\":\"$base$i\",\"enabled\":false}"
    ((i % 5 == 0)) && AT=$(admin_token admin-cli)
  done
  AT=$(admin_token)
fi

realms=$(psql "${PG_URL%/*}/${KEYCLOAK_DB:-keycloak}" -Atc "select count(*) from realm" 2>/dev/null || echo '?')
AT=$(admin_token)
echo "realms $realms  load $(cut -d' ' -f1-3 /proc/loadavg)  $CLIENT access token ${#AT} chars"
A="$KEYCLOAK_URL/admin/realms/$REALM"
for r in $(seq 1 "$ROUNDS"); do
  t0=$(date +%s.%N); AT=$(admin_token); t1=$(date +%s.%N)
  printf 'round %d  token-grant %.3f' "$r" "$(echo "$t1 - $t0" | bc)"
  for call in "$A" "$A/roles/school-admin" "$A/users?username=admin&exact=true" "$A/clients?clientId=school-console" \
    "$A/authentication/flows/browser/executions" "$A/users/profile" "$KEYCLOAK_URL/admin/realms/master"; do
    read -r secs code < <(timed "$call")
    printf '  %s %s' "$(basename "${call%%\?*}")" "$secs/$code"
  done
  echo
done
