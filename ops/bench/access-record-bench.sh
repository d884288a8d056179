#!/usr/bin/env bash
# Access-record search benchmark (issue #3: A6.1 search on 1,000,000 rows at p95 <= 50 ms). Against a running local
# stack (ops/run-local.sh), demo school:
#   1. R registrants in D departments and ROWS access records spread over 180 days, 4 gates, both methods, ~3% denied
#      (set-based SQL, then VACUUM ANALYZE as autovacuum would);
#   2. the admin API's GET /admin/api/access-records with the filter combinations the console offers, each repeated,
#      one client at a time (latency, not throughput), through HttpBench;
#   3. prints p50/p95/p99 per combination and over all.
# Usage: ops/bench/access-record-bench.sh [ROWS=1000000] [rounds=30] [registrants=20000]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
ROUNDS=${2:-30}
PEOPLE=${3:-20000}
# shellcheck disable=SC1091
source .local/stack.env
SCHOOL=${DEMO_SCHOOL:-demo}
SCHEMA="school_${SCHOOL}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

token=$(ops/bench/staff-token.sh "$SCHOOL")
api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
json_id() { sed -E 's/^\{"id":([0-9]+).*/\1/'; }

tag=$(date +%H%M%S)
campus=$(api "$APP_URL/admin/api/campuses" -d "{\"name\":\"记录校区$tag\"}" | json_id)
gates=()
for g in 东门 西门 南门 北门; do
  gates+=("$(api "$APP_URL/admin/api/gates" -d "{\"campusId\":$campus,\"name\":\"$g\"}" | json_id)")
done
depts=()
for d in $(seq 1 20); do
  depts+=("$(api "$APP_URL/admin/api/departments" -d "{\"name\":\"记录部门$tag-$d\"}" | json_id)")
done
gate_array="{$(IFS=,; echo "${gates[*]}")}"
dept_array="{$(IFS=,; echo "${depts[*]}")}"
echo "seeding $PEOPLE registrants and $ROWS access records ..."
start=$(date +%s)
psql -q "$PG_URL" -v ON_ERROR_STOP=1 <<SQL
INSERT INTO $SCHEMA.registrant (name, identity, number, phone_encrypted, phone_index, phone_masked, department_id)
SELECT '记录' || i, (ARRAY['STUDENT','TEACHER','THIRD_PARTY','RESIDENT'])[1 + i % 4], 'R$tag' || lpad(i::text, 6, '0'),
       'v1:bench', md5('r$tag' || i), '139****0000', ('$dept_array'::bigint[])[1 + i % 20]
FROM generate_series(1, $PEOPLE) AS i;
INSERT INTO $SCHEMA.access_record (registrant_id, name, phone_masked, identity, number, department_id, campus_id,
                                   gate_id, method, allowed, reason, verified_by, passed_at)
SELECT r.id, r.name, r.phone_masked, r.identity, r.number, r.department_id, $campus,
       ('$gate_array'::bigint[])[1 + s % 4], CASE WHEN s % 3 = 0 THEN 'GUARD' ELSE 'DEVICE' END,
       s % 33 <> 0, CASE WHEN s % 33 = 0 THEN 'NO_ACCESS' END, 'bench',
       now() - make_interval(secs => (s::double precision * 180 * 86400 / $ROWS))
FROM generate_series(1, $ROWS) AS s
JOIN $SCHEMA.registrant r
  ON r.id = (SELECT min(id) FROM $SCHEMA.registrant WHERE number LIKE 'R$tag%') + s % $PEOPLE;
VACUUM ANALYZE $SCHEMA.access_record;
VACUUM ANALYZE $SCHEMA.registrant;
SQL
echo "seeded in $(($(date +%s) - start)) s; table now holds $(psql -qAt "$PG_URL" -c "SELECT count(*) FROM $SCHEMA.access_record") rows"

base="$APP_URL/admin/api/access-records"
week_ago=$(date -d '7 days ago' +%F)
today=$(date +%F)
month_ago=$(date -d '30 days ago' +%F)
declare -A combos=(
  [newest]="$base?page=0&size=20"
  [last-7-days]="$base?from=$week_ago&to=$today"
  [department]="$base?departmentId=${depts[3]}"
  [identity]="$base?identity=TEACHER"
  [gate]="$base?gateId=${gates[1]}"
  [method]="$base?method=GUARD"
  [denied]="$base?result=DENIED"
  [number]="$base?q=R${tag}000123"
  [name]="$base?q=%E8%AE%B0%E5%BD%951234"
  [combined]="$base?departmentId=${depts[5]}&identity=THIRD_PARTY&gateId=${gates[2]}&from=$month_ago&to=$today&method=DEVICE"
  [page-50]="$base?page=50&size=20"
)
: >"$work/all"
for name in "${!combos[@]}"; do
  for _ in $(seq 1 "$ROUNDS"); do echo "${combos[$name]}"; done >"$work/$name"
  cat "$work/$name" >>"$work/all"
  printf '%-12s ' "$name"
  java ops/bench/HttpBench.java GET "$work/$name" 1 "Bearer $token" '"items"'
done
printf '%-12s ' "all"
shuf "$work/all" -o "$work/all"
java ops/bench/HttpBench.java GET "$work/all" 1 "Bearer $token" '"items"'
