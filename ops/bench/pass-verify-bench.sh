#!/usr/bin/env bash
# Pass verification benchmark (issue #3: >= 1,000 verifications/s at p99 <= 20 ms on the 2-core machine, each one
# writing its access record before it is answered). Against a running local stack (ops/run-local.sh), demo school:
#   1. a bench campus + gate + department and P registrants (SQL) that may pass the gate;
#   2. a gate device created through the admin API (its key id + secret authenticate every call);
#   3. pass codes written into Redis exactly as DynamicPasses issues them (pass:<school>:<code> -> registrant:gate);
#   4. HttpBench POSTs each code once to /device/<school>/api/verifications with T concurrent clients
#      (a warm-up round first, then the measured round); every answer must say "allowed":true;
#   5. the access_record count must have grown by exactly the number of verifications.
# After the app starts, the JIT needs two or three runs (~50,000 requests) before the figures settle: quote a run
# from the third on (docs/performance.md).
# The load generator runs on the same 2 cores as the app, PostgreSQL and Redis, so the figure is conservative.
# Usage: ops/bench/pass-verify-bench.sh [N=30000] [threads=16] [warmup=5000] [registrants=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-30000}
THREADS=${2:-16}
WARMUP=${3:-5000}
PEOPLE=${4:-1000}
# shellcheck disable=SC1091
source .local/stack.env
SCHOOL=${DEMO_SCHOOL:-demo}
SCHEMA="school_${SCHOOL}"
REDIS_DB=$(echo "$REDIS_URL" | sed -E 's#.*/([0-9]+)$#\1#')
REDIS_HOST=$(echo "$REDIS_URL" | sed -E 's#redis://([^:/]+):([0-9]+).*#\1#')
REDIS_PORT=$(echo "$REDIS_URL" | sed -E 's#redis://([^:/]+):([0-9]+).*#\2#')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

token=$(ops/bench/staff-token.sh "$SCHOOL")
api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
json_id() { sed -E 's/^\{"id":([0-9]+).*/\1/'; }

tag=$(date +%H%M%S)
campus=$(api "$APP_URL/admin/api/campuses" -d "{\"name\":\"压测校区$tag\"}" | json_id)
gate=$(api "$APP_URL/admin/api/gates" -d "{\"campusId\":$campus,\"name\":\"压测门\"}" | json_id)
dept=$(api "$APP_URL/admin/api/departments" -d "{\"name\":\"压测部门$tag\"}" | json_id)
psql -q "$PG_URL" -v ON_ERROR_STOP=1 <<SQL
INSERT INTO $SCHEMA.registrant (name, identity, number, phone_encrypted, phone_index, phone_masked, department_id)
SELECT '压测' || i, 'STUDENT', 'B$tag' || lpad(i::text, 6, '0'), 'v1:bench', md5('$tag' || i), '139****0000', $dept
FROM generate_series(1, $PEOPLE) AS i;
INSERT INTO $SCHEMA.registrant_gate_access (registrant_id, gate_id)
SELECT id, $gate FROM $SCHEMA.registrant WHERE number LIKE 'B$tag%';
SQL
device=$(api "$APP_URL/admin/api/gate-devices" -d "{\"name\":\"压测闸机\",\"gateId\":$gate}")
key=$(echo "$device" | sed -E 's/.*"keyId":"([^"]+)".*/\1/')
secret=$(echo "$device" | sed -E 's/.*"secret":"([^"]+)".*/\1/')
basic="Basic $(printf '%s:%s' "$key" "$secret" | base64 -w0)"
psql -qAt "$PG_URL" -c "SELECT id FROM $SCHEMA.registrant WHERE number LIKE 'B$tag%'" >"$work/people"

# Codes: 8 digits, unique per run (the bench owns the 9xxxxxxx range), registrants taken round-robin.
seed() { # count offset file
  awk -v count="$1" -v offset="$2" -v school="$SCHOOL" -v gate="$gate" -v bodies="$3" '
    { people[n++] = $1 }
    END {
      for (i = 0; i < count; i++) {
        code = sprintf("9%07d", offset + i)
        printf "SET pass:%s:%s %s:%s EX 600\n", school, code, people[(offset + i) % n], gate
        printf "{\"code\":\"%s\"}\n", code > bodies
      }
    }' "$work/people" | redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$REDIS_DB" --pipe >/dev/null
}
before=$(psql -qAt "$PG_URL" -c "SELECT count(*) FROM $SCHEMA.access_record")
seed "$WARMUP" 0 "$work/warmup"
seed "$N" "$WARMUP" "$work/measured"
URL="$APP_URL/device/$SCHOOL/api/verifications"
echo "load average before: $(cut -d" " -f1-3 /proc/loadavg)"
echo "warm-up ($WARMUP):"
java ops/bench/HttpBench.java "$URL" "$work/warmup" "$THREADS" "$basic" '"allowed":true'
echo "measured ($N):"
java ops/bench/HttpBench.java "$URL" "$work/measured" "$THREADS" "$basic" '"allowed":true'
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
after=$(psql -qAt "$PG_URL" -c "SELECT count(*) FROM $SCHEMA.access_record")
echo "access records written: $((after - before)) (expected $((WARMUP + N)))"
[ $((after - before)) -eq $((WARMUP + N)) ]
