#!/usr/bin/env bash
# Throughput of a reading page (PAGE, default /qa; output cache, security headers) against the same HTML
# answered from memory by a bare Kestrel app, measured in one run, alternating, with wrk (50 connections)
# after a warm-up. PIN=1 gives each server core 1 and wrk core 0 (CPU cost per request, no sharing with wrk).
# Target: portal >= 0.7x bare. Run by hand: [PAGE=/explanation] bash bench/qa-throughput.sh [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"; seconds="${2:-10}"; page="${PAGE:-/qa}"
server_cpu=(); client_cpu=(); wrk_threads=2
if [ "${PIN:-0}" = 1 ]; then server_cpu=(taskset -c 1); client_cpu=(taskset -c 0); wrk_threads=1; fi
command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }

out="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT
dotnet publish src/Portal -c Release -o "$out/portal" --nologo -v q
dotnet publish bench/BareKestrel -c Release -o "$out/bare" --nologo -v q

ASPNETCORE_ENVIRONMENT=Production Site__PublicUrl=http://127.0.0.1 "${server_cpu[@]}" dotnet "$out/portal/Portal.dll" --urls http://127.0.0.1:5181 >"$out/portal.log" 2>&1 &
for _ in $(seq 150); do curl -fs http://127.0.0.1:5181/healthz >/dev/null && break; sleep 0.2; done
curl -fs "http://127.0.0.1:5181$page" -o "$out/qa.html"
"${server_cpu[@]}" dotnet "$out/bare/BareKestrel.dll" --page "$out/qa.html" --urls http://127.0.0.1:5182 >"$out/bare.log" 2>&1 &
for _ in $(seq 150); do curl -fs http://127.0.0.1:5182/qa >/dev/null && break; sleep 0.2; done
curl -fs http://127.0.0.1:5182/qa >/dev/null || { cat "$out/bare.log"; exit 1; }
echo "page $page: $(wc -c <"$out/qa.html") bytes"

rps() { "${client_cpu[@]}" wrk -t"$wrk_threads" -c50 -d"${2}s" --latency "$1" | tee -a "$out/wrk.txt" | awk '/Requests\/sec/ {print $2}'; }
echo "warm-up"; for _ in 1 2; do rps "http://127.0.0.1:5181$page" 10 >/dev/null; rps http://127.0.0.1:5182/qa 10 >/dev/null; done

total_p=0; total_b=0
for i in $(seq "$rounds"); do
  p="$(rps "http://127.0.0.1:5181$page" "$seconds")"; b="$(rps http://127.0.0.1:5182/qa "$seconds")"
  echo "round $i: portal $p req/s, bare $b req/s, ratio $(awk -v p="$p" -v b="$b" 'BEGIN{printf "%.2f", p/b}')"
  total_p="$(awk -v a="$total_p" -v p="$p" 'BEGIN{print a+p}')"; total_b="$(awk -v a="$total_b" -v b="$b" 'BEGIN{print a+b}')"
done
echo "mean: portal $(awk -v t="$total_p" -v n="$rounds" 'BEGIN{printf "%.0f", t/n}') req/s, bare $(awk -v t="$total_b" -v n="$rounds" 'BEGIN{printf "%.0f", t/n}') req/s, ratio $(awk -v p="$total_p" -v b="$total_b" 'BEGIN{printf "%.2f", p/b}') (target >= 0.70)"
grep -E "Latency|50%|99%" "$out/wrk.txt" | tail -6
