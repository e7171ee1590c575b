#!/usr/bin/env bash
# Line-test benchmarks (run by hand): 2,000 idle connections (RSS growth < 64 MB, all closed by the 30 s
# limit) and 50 line tests in Chromium at once (EHLO → row "arrived" p95 < 500 ms).
# Usage: [PIN=1] [STAGGER_MS=200] bash bench/line-test.sh [all|idle|latency]
#   PIN=1 puts the portal alone on core 1 and the bench with Chromium's 50 tabs on core 0.
#   STAGGER_MS sends the 50 EHLOs that many ms apart instead of all at once.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet publish src/Portal -c Release -o "$out/portal" --nologo -v q
dotnet build bench/LineTestBench -c Release --nologo -v q
client=(); if [ "${PIN:-0}" = 1 ]; then client=(taskset -c 0); fi
"${client[@]}" dotnet run --no-build --project bench/LineTestBench -c Release -- "$out/portal/Portal.dll" "${1:-all}"
