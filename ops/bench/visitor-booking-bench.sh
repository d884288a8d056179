#!/usr/bin/env bash
# Visitor booking benchmark (issue #10: >= 500 booking creations/s with the three-a-day rule holding under 50
# concurrent clients). Against a running local stack (ops/run-local.sh), demo school:
#   1. V bench visitors with complete profiles (SQL; the sealed columns hold placeholders, as the pass bench's
#      registrants do) and a visitor session for each, written into Redis exactly as VisitorSessions stores it;
#   2. for each visitor, D days x 3 slots, each slot asked for R times in a row (so the duplicates of one slot arrive
#      on different clients at the same moment), spread over the demo school's authorized teachers;
#   3. VisitorBookingBench POSTs them with T concurrent clients to /portal/<school>/api/visitor/bookings (a warm-up
#      round on other days first); every answer must be 201 or 409 BOOKING_SLOT_TAKEN;
#   4. afterwards the database must show exactly one booking per visitor, day and slot (never two not-yet-visited
#      bookings in a slot, never more than three a day) and as many bookings as 201 answers;
#   5. the bench visitors and their bookings are removed again.
# After the app starts, the JIT needs two or three runs (~50,000 requests) before the figures settle: quote a run
# from the third on (docs/performance.md).
# The load generator runs on the same 2 cores as the app, PostgreSQL and Redis, so the figure is conservative.
# Usage: ops/bench/visitor-booking-bench.sh [visitors=1000] [days=2] [repeats=2] [threads=50]
set -euo pipefail
cd "$(dirname "$0")/../.."
V=${1:-1000}
D=${2:-2}
R=${3:-2}
THREADS=${4:-50}
# shellcheck disable=SC1091
source .local/stack.env
SCHOOL=${DEMO_SCHOOL:-demo}
SCHEMA="school_${SCHOOL}"
REDIS_DB=$(echo "$REDIS_URL" | sed -E 's#.*/([0-9]+)$#\1#')
REDIS_HOST=$(echo "$REDIS_URL" | sed -E 's#redis://([^:/]+):([0-9]+).*#\1#')
REDIS_PORT=$(echo "$REDIS_URL" | sed -E 's#redis://([^:/]+):([0-9]+).*#\2#')
work=$(mktemp -d)
tag="bench$(date +%H%M%S)"
cleanup() {
  psql -q "$PG_URL" <<SQL || true
-- The hosts' notices of the bench bookings still waiting in the outbox would go out for bookings that are gone.
DELETE FROM $SCHEMA.notification_outbox WHERE status = 'PENDING' AND dedup_key IN (
  SELECT 'visitor-requested:' || b.id FROM $SCHEMA.visitor_booking b
  WHERE b.visitor_id IN (SELECT id FROM $SCHEMA.visitor WHERE wechat_openid LIKE '$tag-%'));
DELETE FROM $SCHEMA.visitor_booking WHERE visitor_id IN (SELECT id FROM $SCHEMA.visitor WHERE wechat_openid LIKE '$tag-%');
DELETE FROM $SCHEMA.visitor WHERE wechat_openid LIKE '$tag-%';
SQL
  rm -rf "$work"
}
trap cleanup EXIT

psql -q "$PG_URL" -v ON_ERROR_STOP=1 <<SQL
INSERT INTO $SCHEMA.visitor (wechat_openid, name, phone_encrypted, phone_index, phone_masked,
    id_number_encrypted, id_number_index, id_number_masked)
SELECT '$tag-' || i, '压测访客' || i, 'v1:bench', md5('$tag-phone-' || i), '137****0000',
    'v1:bench', md5('$tag-id-' || i), '1101**********002X'
FROM generate_series(1, $V) AS i;
SQL
psql -qAt "$PG_URL" -c "SELECT id || ' ' || wechat_openid FROM $SCHEMA.visitor WHERE wechat_openid LIKE '$tag-%' ORDER BY id" >"$work/visitors"
psql -qAt "$PG_URL" -c "SELECT id FROM $SCHEMA.registrant WHERE identity = 'TEACHER' AND visitor_authorized AND enabled ORDER BY id" >"$work/hosts"
[ -s "$work/hosts" ] || { echo "the demo school has no teacher with visitor authorization" >&2; exit 1; }

# Sessions (visitor-session:<sha256(token)> -> {"school","openid","visitorId"}) and request lines.
python3 - "$work" "$SCHOOL" "$tag" "$D" "$R" <<'PY' | redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$REDIS_DB" --pipe >/dev/null
import datetime, hashlib, json, sys
work, school, tag, days, repeats = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
visitors = [l.split() for l in open(f"{work}/visitors") if l.strip()]
hosts = [l.strip() for l in open(f"{work}/hosts") if l.strip()]
today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()
def redis(*args):
    out = f"*{len(args)}\r\n"
    for a in args:
        b = a.encode()
        out += f"${len(b)}\r\n{a}\r\n"
    sys.stdout.write(out)
def lines(path, first_day):
    with open(path, "w") as f:
        for n, (vid, openid) in enumerate(visitors):
            token = f"{tag}-session-{vid}"
            for d in range(days):
                date = (today + datetime.timedelta(days=first_day + d)).isoformat()
                for s, slot in enumerate(("MORNING", "AFTERNOON", "EVENING")):
                    body = json.dumps({"hostId": int(hosts[(n + s) % len(hosts)]), "date": date, "slot": slot,
                                       "reason": "压测来访", "travel": {"transport": "WALK"}, "pledgeAccepted": True},
                                      ensure_ascii=False)
                    for _ in range(repeats):
                        f.write(f"{token}\t{body}\n")
for vid, openid in visitors:
    token = f"{tag}-session-{vid}"
    key = "visitor-session:" + hashlib.sha256(token.encode()).hexdigest()
    redis("SET", key, json.dumps({"school": school, "openid": openid, "visitorId": int(vid)}), "EX", "3600")
lines(f"{work}/warmup", 20)
lines(f"{work}/measured", 1)
PY
URL="$APP_URL/portal/$SCHOOL/api/visitor/bookings"
echo "warm-up ($(wc -l <"$work/warmup") requests, days +20..):"
java ops/bench/VisitorBookingBench.java "$URL" "$work/warmup" "$THREADS"
echo "measured ($(wc -l <"$work/measured") requests, $V visitors x $D days x 3 slots x $R tries):"
java ops/bench/VisitorBookingBench.java "$URL" "$work/measured" "$THREADS" | tee "$work/result"

# The rule, from the database: one not-yet-visited booking per visitor, day and slot; at most three a day.
read -r doubled overfull total <<<"$(psql -qAt -F ' ' "$PG_URL" <<SQL
WITH b AS (SELECT visitor_id, visit_date, slot FROM $SCHEMA.visitor_booking
           WHERE visitor_id IN (SELECT id FROM $SCHEMA.visitor WHERE wechat_openid LIKE '$tag-%')
             AND status IN ('PENDING_APPROVAL', 'APPROVED'))
SELECT (SELECT count(*) FROM (SELECT 1 FROM b GROUP BY visitor_id, visit_date, slot HAVING count(*) > 1) x),
       (SELECT count(*) FROM (SELECT 1 FROM b GROUP BY visitor_id, visit_date HAVING count(*) > 3) y),
       (SELECT count(*) FROM b);
SQL
)"
expected=$((V * 3 * D * 2))
booked=$(sed -E 's/.*booked ([0-9]+),.*/\1/' "$work/result")
echo "slots held twice: $doubled, days with more than three: $overfull, bookings: $total (expected $expected; measured round booked $booked of $((V * 3 * D)))"
[ "$doubled" -eq 0 ] && [ "$overfull" -eq 0 ] && [ "$total" -eq "$expected" ] && [ "$booked" -eq $((V * 3 * D)) ]
