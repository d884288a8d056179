#!/usr/bin/env bash
# Prints a school staff access token from a running local stack (ops/run-local.sh), signed in through the realm's
# login page as the console does (code + PKCE; the school-console client refuses the password grant).
# Usage: ops/bench/staff-token.sh [school=demo] [account=$DEMO_ADMIN_USERNAME] [password=$DEMO_ADMIN_PASSWORD]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck disable=SC1091
source .local/stack.env
CLASSES=ops/local-stack/target/classes
CP_FILE=ops/local-stack/target/launcher-classpath.txt
[[ -d $CLASSES && -f $CP_FILE ]] || { echo "ops/local-stack is not built (run ops/run-local.sh once)" >&2; exit 1; }
printf '%s\n' "${3:-$DEMO_ADMIN_PASSWORD}" |
  java -cp "$CLASSES:$(cat "$CP_FILE")" cn.campuspass.localstack.StaffToken \
    "$KEYCLOAK_URL" "$APP_URL" "${1:-${DEMO_SCHOOL:-demo}}" "${2:-$DEMO_ADMIN_USERNAME}"
