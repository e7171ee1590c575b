#!/usr/bin/env bash
# Runs every test of the portal: installs what the tests need (Chromium, fonts, docker-compose, Postfix,
# PostgreSQL), starts Postfix on 127.0.0.1 (25, 587, 465) and a throwaway PostgreSQL cluster on 127.0.0.1:55432,
# then `dotnet test` on Portal.sln.
# Ends with one line "N passed, N failed" (", N skipped" when any were skipped).
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh || { echo "installing test dependencies failed"; exit 1; }
bash scripts/start-postfix.sh || { echo "starting Postfix (the tester's SMTP peer) failed"; exit 1; }
bash scripts/start-postgres.sh || { echo "starting PostgreSQL (the second database engine) failed"; exit 1; }
export PORTAL_TEST_POSTGRES="${PORTAL_TEST_POSTGRES:-Host=127.0.0.1;Port=${PORTAL_PG_PORT:-55432};Username=portal;Database=postgres}"

log="$(mktemp)"
dotnet test --solution Portal.sln --max-parallel-test-modules 1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The runner's closing summary: "total: N", "failed: N", "succeeded: N", "skipped: N".
count() { grep -E "^\s+$1: [0-9]+" "$log" | tail -1 | grep -Eo '[0-9]+' || true; }
passed="$(count succeeded)"; failed="$(count failed)"; skipped="$(count skipped)"
rm -f "$log"

if [ -z "$passed" ]; then
  echo "no test summary: the build or the test run failed (exit $status)"
  echo "0 passed, 1 failed"
  exit 1
fi
line="$passed passed, ${failed:-0} failed"
[ "${skipped:-0}" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit "$status"
