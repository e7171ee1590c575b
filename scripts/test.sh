#!/usr/bin/env bash
# Runs every test of the portal: installs what the tests need (scripts/install-test-deps.sh: Chromium, fonts,
# docker-compose, nginx, curl, Python readers, Java, npm tools; Postfix and PostgreSQL from their start scripts),
# starts Postfix on 127.0.0.1 (25, 587, 465) and a throwaway PostgreSQL cluster on 127.0.0.1:55432, builds and runs the
# Docker image with a real engine (scripts/docker-image.sh, counted as one test), then `dotnet test` on Portal.sln and
# the store tests again on PostgreSQL.
# Ends with one line "N passed, N failed" (", N skipped" when any were skipped).
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh || { echo "installing test dependencies failed"; exit 1; }
bash scripts/start-postfix.sh || { echo "starting Postfix (the tester's SMTP peer) failed"; exit 1; }
bash scripts/start-postgres.sh || { echo "starting PostgreSQL (the second database engine) failed"; exit 1; }
export PORTAL_TEST_POSTGRES="${PORTAL_TEST_POSTGRES:-Host=127.0.0.1;Port=${PORTAL_PG_PORT:-55432};Username=portal;Database=postgres}"

# The Docker image, built by a real engine from the unchanged Dockerfile and run (without arguments only).
docker_passed=0; docker_failed=0
if [ "$#" -eq 0 ]; then
  if bash scripts/docker-image.sh; then docker_passed=1; else docker_failed=1; echo "docker image: FAILED (scripts/docker-image.sh)"; fi
fi

log="$(mktemp)"
dotnet test --solution Portal.sln --max-parallel-test-modules 1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The store tests (and the pages that use them) again on PostgreSQL: the same tests, each portal and store on a
# fresh database of the throwaway cluster. Without arguments only: arguments narrow the first run.
log2="$(mktemp)"
if [ "$#" -eq 0 ]; then
  PORTAL_TEST_PROVIDER=postgres dotnet test --project tests/Portal.Tests --no-build \
    --filter-namespace Portal.Tests.Providers --filter-namespace Portal.Tests.Staff --filter-namespace Portal.Tests.SavedResults \
    --filter-namespace Portal.Tests.LineTest --filter-namespace Portal.Tests.Monitor --filter-namespace Portal.Tests.Search \
    --filter-namespace Portal.Tests.Components 2>&1 | tee "$log2"
  status2=${PIPESTATUS[0]}
  [ "$status2" -ne 0 ] && status=$status2
fi

# The runner's closing summary: "total: N", "failed: N", "succeeded: N", "skipped: N" (summed over both runs).
count() { grep -E "^\s+$1: [0-9]+" "$2" | tail -1 | grep -Eo '[0-9]+' || true; }
passed="$(count succeeded "$log")"; failed="$(count failed "$log")"; skipped="$(count skipped "$log")"
if [ -n "$passed" ] && [ "$#" -eq 0 ]; then
  p2="$(count succeeded "$log2")"; f2="$(count failed "$log2")"; s2="$(count skipped "$log2")"
  if [ -z "$p2" ]; then echo "the PostgreSQL run printed no summary"; f2=1; fi
  passed=$(( passed + ${p2:-0} )); failed=$(( ${failed:-0} + ${f2:-0} )); skipped=$(( ${skipped:-0} + ${s2:-0} ))
fi
rm -f "$log" "$log2"
[ "$docker_failed" -eq 1 ] && status=1

if [ -z "$passed" ]; then
  echo "no test summary: the build or the test run failed (exit $status)"
  echo "0 passed, 1 failed"
  exit 1
fi
passed=$(( passed + docker_passed )); failed=$(( ${failed:-0} + docker_failed ))
line="$passed passed, $failed failed"
[ "${skipped:-0}" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit "$status"
