#!/usr/bin/env bash
# Proves the CampusPass Keycloak extension on a real Keycloak server.
#
# Usage: verify-against-keycloak.sh KEYCLOAK_DIST_DIR
#   KEYCLOAK_DIST_DIR  an unpacked org.keycloak:keycloak-quarkus-dist zip (e.g. /tmp/kc-proof/keycloak-26.5.6),
#                      outside the repository: the script writes into its providers/ and data/ folders.
#
# Build the jar first:  mvn -q -B -pl ops/keycloak-extension -am install
#
# What it does: copies the extension jar into providers/, starts `kc.sh start-dev` on 127.0.0.1 only,
# creates a realm with tenant-admin's school-auth-flows.json merged in, users with a `phone` attribute, a
# public client with direct grants, then checks password grants and browser-form logins by username and by
# phone, the refusals (wrong password, shared phone, disabled user, brute-force lock-out) and the
# campuspass login theme in zh-CN and en. Prints one PASS/FAIL line per check and a closing
# "N passed, N failed" line; exits non-zero when a check failed. Stops the Keycloak it started.
#
# Environment (optional): KC_PORT (default 18999), KC_EXTENSION_JAR, KC_FLOWS_JSON, KC_START_TIMEOUT (s, 600),
# JAVA_HOME (as for kc.sh).
set -u -o pipefail

if [[ $# -ne 1 || ! -x "$1/bin/kc.sh" ]]; then
  echo "usage: $0 KEYCLOAK_DIST_DIR   (a directory holding bin/kc.sh)" >&2
  exit 2
fi
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 2; }
done

DIST="$(cd "$1" && pwd)"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${KC_PORT:-18999}"
BASE="http://127.0.0.1:${PORT}"
FLOWS_JSON="${KC_FLOWS_JSON:-$HERE/../../tenant-admin/src/main/resources/keycloak/school-auth-flows.json}"
JAR="${KC_EXTENSION_JAR:-$(ls "$HERE"/target/keycloak-extension-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -n 1)}"
START_TIMEOUT="${KC_START_TIMEOUT:-600}"
REALM="school-verify"
CLIENT="campuspass-verify"
REDIRECT="${BASE}/verify-callback"
PASSWORD='Campus-Pass-123'

[[ -f "$JAR" ]] || { echo "extension jar not found (build the module first, or set KC_EXTENSION_JAR)" >&2; exit 2; }
[[ -f "$FLOWS_JSON" ]] || { echo "flows JSON not found: $FLOWS_JSON (set KC_FLOWS_JSON)" >&2; exit 2; }
jq -e . "$FLOWS_JSON" >/dev/null || { echo "flows JSON is not valid JSON: $FLOWS_JSON" >&2; exit 2; }

WORK="$(mktemp -d /tmp/kc-verify.XXXXXX)"
LOG="$WORK/keycloak.log"
PASSED=0
FAILED=0
KC_PID=""

check() { # check NAME CONDITION-EXIT-CODE [DETAIL]
  if [[ "$2" == 0 ]]; then
    echo "PASS $1"
    PASSED=$((PASSED + 1))
  else
    echo "FAIL $1${3:+ -- $3}"
    FAILED=$((FAILED + 1))
  fi
}

stop_keycloak() {
  if [[ -n "$KC_PID" ]] && kill -0 "$KC_PID" 2>/dev/null; then
    # kc.sh was started with setsid: its process group holds kc.sh and the java process, nothing else.
    kill -TERM -- "-$KC_PID" 2>/dev/null
    for _ in $(seq 1 60); do
      kill -0 "$KC_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$KC_PID" 2>/dev/null
    echo "INFO Keycloak (process group $KC_PID) stopped"
  fi
  KC_PID=""
}
trap stop_keycloak EXIT
trap 'exit 130' INT TERM

if curl -s -o /dev/null "$BASE/"; then
  echo "something already listens on $BASE; stop it or set KC_PORT" >&2
  exit 2
fi

# --- install the provider and start Keycloak ------------------------------------------------------------
rm -f "$DIST"/providers/keycloak-extension-*.jar
cp "$JAR" "$DIST/providers/"
echo "INFO provider $(basename "$JAR") copied into $DIST/providers"

KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  setsid "$DIST/bin/kc.sh" start-dev --http-port="$PORT" --http-host=127.0.0.1 \
  --hostname="$BASE" >"$LOG" 2>&1 </dev/null &
KC_PID=$!
echo "INFO Keycloak starting (pid $KC_PID, log $LOG)"

started=$(date +%s)
until curl -sf -o /dev/null "$BASE/realms/master"; do
  if ! kill -0 "$KC_PID" 2>/dev/null; then
    echo "FAIL keycloak-start -- process exited; last log lines:"; tail -n 40 "$LOG"; exit 1
  fi
  if (( $(date +%s) - started > START_TIMEOUT )); then
    echo "FAIL keycloak-start -- not up after ${START_TIMEOUT}s; last log lines:"; tail -n 40 "$LOG"; exit 1
  fi
  sleep 2
done
echo "INFO Keycloak up after $(( $(date +%s) - started ))s: $(grep -o 'Keycloak [0-9.]* on JVM[^)]*)' "$LOG" | head -n 1)"

# --- admin REST helpers ---------------------------------------------------------------------------------
TOKEN=""
TOKEN_AT=0
admin_token() { # master's admin tokens live 60 s: fetch a fresh one when the current one is 30 s old
  if (( $(date +%s) - TOKEN_AT >= 30 )); then
    TOKEN=$(curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
      "$BASE/realms/master/protocol/openid-connect/token" | jq -r .access_token)
    TOKEN_AT=$(date +%s)
  fi
}
admin_token
[[ -n "$TOKEN" && "$TOKEN" != null ]]; check "admin-token" $?

api() { # api METHOD PATH [JSON-BODY] -> prints body, sets API_STATUS (call outside $(...) to see API_STATUS)
  local out="$WORK/api.out"
  admin_token
  if [[ $# -ge 3 ]]; then
    API_STATUS=$(curl -s -o "$out" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' --data-binary "$3" "$BASE/admin/realms$2")
  else
    API_STATUS=$(curl -s -o "$out" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $TOKEN" "$BASE/admin/realms$2")
  fi
  cat "$out"
}

# --- realm with the CampusPass flows, theme and i18n -------------------------------------------------------
api DELETE "/$REALM" >/dev/null # from an earlier run (data/ survives in start-dev)
REALM_JSON=$(jq -n --arg realm "$REALM" --slurpfile flows "$FLOWS_JSON" '
  {
    realm: $realm, displayName: "验证学校", enabled: true,
    loginTheme: "campuspass",
    internationalizationEnabled: true, supportedLocales: ["zh-CN", "en"], defaultLocale: "zh-CN",
    bruteForceProtected: true, permanentLockout: false, failureFactor: 3,
    waitIncrementSeconds: 60, maxFailureWaitSeconds: 900, maxDeltaTimeSeconds: 43200,
    quickLoginCheckMilliSeconds: 1, minimumQuickLoginWaitSeconds: 60
  } + ($flows[0] | {authenticationFlows, browserFlow, directGrantFlow})')
api POST "" "$REALM_JSON" >/dev/null
[[ "$API_STATUS" == 201 ]]; check "realm-created-with-flows-json (HTTP $API_STATUS)" $? "$(cat "$WORK/api.out")"
if [[ "$API_STATUS" != 201 ]]; then
  grep -E 'WARN|ERROR' "$LOG" | tail -n 5
  stop_keycloak
  echo "$PASSED passed, $FAILED failed"
  exit 1
fi

REALM_REP=$(api GET "/$REALM")
[[ "$(jq -r '.browserFlow + " " + .directGrantFlow' <<<"$REALM_REP")" == "campuspass-browser campuspass-direct-grant" ]]
check "realm-binds-campuspass-flows" $?
FLOW_ALIASES=$(api GET "/$REALM/authentication/flows" | jq -r '.[].alias')
grep -qx 'reset credentials' <<<"$FLOW_ALIASES" && grep -qx 'clients' <<<"$FLOW_ALIASES" \
  && grep -qx 'first broker login' <<<"$FLOW_ALIASES"
check "built-in-flows-still-created (reset credentials, clients, first broker login)" $?
EXECS=$(api GET "/$REALM/authentication/flows/campuspass-browser/executions")
jq -e 'map(.providerId) | index("campuspass-username-phone-pw-form") != null
       and index("identity-provider-redirector") != null and index("auth-cookie") != null' <<<"$EXECS" >/dev/null
check "browser-flow-executions (cookie, idp-redirector, phone form)" $?
EXECS=$(api GET "/$REALM/authentication/flows/campuspass-direct-grant/executions")
jq -e 'map(.providerId) | index("campuspass-grant-username-or-phone") != null
       and index("direct-grant-validate-password") != null' <<<"$EXECS" >/dev/null
check "direct-grant-flow-executions" $?
PROVIDERS=$(api GET "/$REALM/authentication/authenticator-providers" | jq -r '.[].id')
grep -qx campuspass-username-phone-pw-form <<<"$PROVIDERS" \
  && grep -qx campuspass-grant-username-or-phone <<<"$PROVIDERS"
check "providers-registered-in-server" $?

# Keycloak 24+ user profile drops attributes it does not declare: declare `phone` (admins edit it).
UP=$(api GET "/$REALM/users/profile")
UP=$(jq '.attributes |= (map(select(.name != "phone")) + [{
    name: "phone", displayName: "手机号",
    validations: {pattern: {pattern: "^1[3-9][0-9]{9}$", "error-message": "invalidPhone"}},
    permissions: {view: ["admin", "user"], edit: ["admin"]}, multivalued: false }])' <<<"$UP")
api PUT "/$REALM/users/profile" "$UP" >/dev/null
[[ "$API_STATUS" == 200 ]]; check "user-profile-declares-phone (HTTP $API_STATUS)" $?

create_user() { # create_user USERNAME PHONE ENABLED
  local body
  body=$(jq -n --arg u "$1" --arg p "$2" --arg pw "$PASSWORD" --argjson en "$3" '{
    username: $u, enabled: $en, email: ($u + "@verify.campuspass.test"), emailVerified: true,
    firstName: $u, lastName: "Test", attributes: {phone: [$p]},
    credentials: [{type: "password", value: $pw, temporary: false}] }')
  api POST "/$REALM/users" "$body" >/dev/null
  [[ "$API_STATUS" == 201 ]]; check "user-created $1 phone=$2 enabled=$3 (HTTP $API_STATUS)" $? "$(cat "$WORK/api.out")"
}
create_user carol 13800138000 true
create_user dave 13700137000 true
create_user erin 13700137000 true # same phone as dave
create_user frank 13900139000 true
create_user grace 13600136000 false

CAROL=$(api GET "/$REALM/users?username=carol&exact=true")
[[ "$(jq -r '.[0].attributes.phone[0]' <<<"$CAROL")" == 13800138000 ]]
check "phone-attribute-stored" $?

CLIENT_JSON=$(jq -n --arg c "$CLIENT" --arg r "$REDIRECT" '{
  clientId: $c, publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: true,
  redirectUris: [$r], webOrigins: ["+"] }')
api POST "/$REALM/clients" "$CLIENT_JSON" >/dev/null
[[ "$API_STATUS" == 201 ]]; check "public-client-with-direct-grants (HTTP $API_STATUS)" $?

if (( FAILED > 0 )); then
  echo "INFO setup failed: no login checks run"
  stop_keycloak
  echo "$PASSED passed, $FAILED failed"
  exit 1
fi

# --- password grant ---------------------------------------------------------------------------------------
GRANT_STATUS=""
grant() { # grant USERNAME PASSWORD -> prints response body, sets GRANT_STATUS
  GRANT_STATUS=$(curl -s -o "$WORK/grant.out" -w '%{http_code}' \
    --data-urlencode grant_type=password --data-urlencode "client_id=$CLIENT" \
    --data-urlencode "username=$1" --data-urlencode "password=$2" --data-urlencode scope=openid \
    "$BASE/realms/$REALM/protocol/openid-connect/token")
  cat "$WORK/grant.out"
}
token_user() { # preferred_username from a token response
  jq -r '.access_token // empty' | jq -rR 'split(".")[1] | gsub("-"; "+") | gsub("_"; "/")
      | (. + ("=" * ((4 - length % 4) % 4))) | @base64d | fromjson | .preferred_username' 2>/dev/null
}
expect_token() { # expect_token LABEL USERNAME PASSWORD EXPECTED-USER
  local body user
  grant "$2" "$3" >/dev/null # not in $(...): GRANT_STATUS must be set in this shell
  body=$(cat "$WORK/grant.out")
  user=$(token_user <<<"$body")
  [[ "$GRANT_STATUS" == 200 && "$user" == "$4" ]]
  check "password-grant $1 -> token for $4" $? "HTTP $GRANT_STATUS $(head -c 200 <<<"$body")"
}
expect_refusal() { # expect_refusal LABEL USERNAME PASSWORD HTTP-STATUS
  local body rc description
  grant "$2" "$3" >/dev/null
  body=$(cat "$WORK/grant.out")
  [[ "$GRANT_STATUS" == "$4" && "$(jq -r .error <<<"$body")" == invalid_grant ]] \
    && ! jq -e .access_token <<<"$body" >/dev/null
  rc=$?
  description=$(jq -r '.error_description // empty' <<<"$body" 2>/dev/null)
  check "password-grant $1 -> refused $4 ($description)" "$rc" "HTTP $GRANT_STATUS $(head -c 200 <<<"$body")"
}

expect_token "username 'carol'" carol "$PASSWORD" carol
expect_token "phone '13800138000'" 13800138000 "$PASSWORD" carol
expect_token "phone '+86 138-0013-8000'" '+86 138-0013-8000' "$PASSWORD" carol
expect_token "phone full-width '１３８００１３８０００'" '１３８００１３８０００' "$PASSWORD" carol
expect_token "e-mail 'carol@verify.campuspass.test'" carol@verify.campuspass.test "$PASSWORD" carol
expect_token "username 'dave' (phone shared)" dave "$PASSWORD" dave
expect_refusal "shared phone '13700137000'" 13700137000 "$PASSWORD" 401
expect_refusal "unknown phone '13500135000'" 13500135000 "$PASSWORD" 401
expect_refusal "disabled user by phone '13600136000'" 13600136000 "$PASSWORD" 400

# Brute force: failures typed as a phone number must count against the user behind it.
for _ in 1 2 3; do grant 13900139000 wrong-password >/dev/null; done
FRANK_ID=$(api GET "/$REALM/users?username=frank&exact=true" | jq -r '.[0].id')
BF=$(api GET "/$REALM/attack-detection/brute-force/users/$FRANK_ID")
[[ "$(jq -r '.numFailures // 0' <<<"$BF")" -ge 3 && "$(jq -r .disabled <<<"$BF")" == true ]]
rc=$?
check "brute-force counts phone logins against 'frank' ($(jq -c '{numFailures,disabled}' <<<"$BF"))" "$rc"
expect_refusal "locked-out user by phone with right password" 13900139000 "$PASSWORD" 401
expect_refusal "locked-out user by username with right password" frank "$PASSWORD" 401

# --- browser login form (authorization code flow, no redirects followed) --------------------------------
AUTH_URL="$BASE/realms/$REALM/protocol/openid-connect/auth?client_id=$CLIENT&response_type=code&scope=openid&redirect_uri=$(jq -rn --arg r "$REDIRECT" '$r|@uri')"
browser_login() { # browser_login USERNAME PASSWORD -> sets FORM_STATUS, FORM_LOCATION, FORM_BODY
  local jar="$WORK/cookies.$RANDOM" page action
  page=$(curl -s -c "$jar" -b "$jar" "$AUTH_URL&ui_locales=zh-CN")
  action=$(grep -o '<form[^>]*id="kc-form-login"[^>]*>' <<<"$page" | grep -o 'action="[^"]*"' | head -n 1 \
    | sed -e 's/^action="//' -e 's/"$//' -e 's/&amp;/\&/g')
  FORM_STATUS=$(curl -s -c "$jar" -b "$jar" -o "$WORK/form.out" -D "$WORK/form.hdr" -w '%{http_code}' \
    --data-urlencode "username=$1" --data-urlencode "password=$2" --data-urlencode credentialId= "$action")
  FORM_LOCATION=$(grep -i '^location:' "$WORK/form.hdr" | tr -d '\r' | cut -d' ' -f2-)
  FORM_BODY=$(cat "$WORK/form.out")
}
expect_code() { # expect_code LABEL USERNAME PASSWORD
  browser_login "$2" "$3"
  [[ "$FORM_STATUS" == 302 && "$FORM_LOCATION" == "$REDIRECT?"*"code="* ]]
  check "browser-form $1 -> redirected with code" $? "HTTP $FORM_STATUS ${FORM_LOCATION:0:120}"
}
expect_form_error() { # expect_form_error LABEL USERNAME PASSWORD
  browser_login "$2" "$3"
  [[ "$FORM_STATUS" == 200 ]] && grep -q '无效的用户名或密码' <<<"$FORM_BODY" && ! grep -q 'code=' <<<"$FORM_LOCATION"
  check "browser-form $1 -> login page again with error" $? "HTTP $FORM_STATUS ${FORM_LOCATION:0:120}"
}
expect_code "username 'carol'" carol "$PASSWORD"
expect_code "phone '+86 138-0013-8000'" '+86 138-0013-8000' "$PASSWORD"
expect_form_error "shared phone '13700137000'" 13700137000 "$PASSWORD"
grep -q 'value="13700137000"' <<<"$FORM_BODY"
check "browser-form re-displays what was typed (the phone), not a resolved username" $?

# --- login theme ------------------------------------------------------------------------------------------
PAGE_ZH=$(curl -s "$AUTH_URL&ui_locales=zh-CN")
grep -q '账号/手机号' <<<"$PAGE_ZH" && grep -q '校园人车通 CampusPass' <<<"$PAGE_ZH" && grep -q 'lang="zh-CN"' <<<"$PAGE_ZH"
check "theme zh-CN: label 账号/手机号 and title 校园人车通 CampusPass" $?
CSS_PATH=$(grep -o '/resources/[^"]*/login/campuspass/css/campuspass.css' <<<"$PAGE_ZH" | head -n 1)
[[ -n "$CSS_PATH" ]] && curl -sf "$BASE$CSS_PATH" | grep -q 'pf-v5-c-brand'
check "theme css/campuspass.css linked and served (${CSS_PATH:-not linked})" $?
PAGE_EN=$(curl -s "$AUTH_URL&ui_locales=en")
grep -q 'Account or phone' <<<"$PAGE_EN"
check "theme en: label 'Account or phone'" $?

# Wrong passwords come last: each records a brute-force failure for carol (3 lock her out).
expect_refusal "phone '13800138000' with wrong password" 13800138000 wrong-password 401
expect_refusal "username 'carol' with wrong password" carol wrong-password 401
expect_form_error "phone '+86 138-0013-8000' with wrong password" '+86 138-0013-8000' wrong-password

grep -q 'WARN  \[cn.campuspass.keycloak.UserByAccountOrPhone\].*held by more than one user' "$LOG"
check "shared-phone warning logged by the extension" $?
SERVER_ERRORS=$(grep -E '^[0-9-]+ [0-9:,]+ ERROR ' "$LOG"; grep -E '^\s+at cn\.campuspass\.' "$LOG")
[[ -z "$SERVER_ERRORS" ]]
check "no ERROR lines or extension stack traces in the server log" $? "$(head -n 3 <<<"$SERVER_ERRORS")"

stop_keycloak
echo "$PASSED passed, $FAILED failed"
[[ "$FAILED" == 0 ]]
