#!/usr/bin/env bash
# Throughput of /api/search (what the search box asks while typing) on the published portal, Production,
# with the seed plus 10,000 generated providers, measured with wrk (50 connections) over a rotating mix of
# Japanese and English queries after a warm-up. Run by hand: bash bench/search-api.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
out="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT
dotnet publish src/Portal -c Release -o "$out/portal" --nologo -v q
dotnet run -c Release --project bench/SearchBench -- db "$out/portal.db" 10000
ASPNETCORE_ENVIRONMENT=Production Site__PublicUrl=http://127.0.0.1 ConnectionStrings__Portal="Data Source=$out/portal.db" Data__KeysFolder="$out/keys" \
  dotnet "$out/portal/Portal.dll" --urls http://127.0.0.1:5183 >"$out/portal.log" 2>&1 &
for _ in $(seq 150); do curl -fs http://127.0.0.1:5183/healthz >/dev/null && break; sleep 0.2; done
curl -fs "http://127.0.0.1:5183/api/search?q=587" >/dev/null || { cat "$out/portal.log"; exit 1; }
grep -o "Search index built: [^\"]*" "$out/portal.log" | tail -1

# Each request takes the next query of the list, so the mix is the same every run.
cat >"$out/queries.lua" <<'LUA'
local queries = {
  "/api/search?q=%E9%80%81%E3%82%8C%E3%81%AA%E3%81%84",                         -- 送れない
  "/api/search?q=%E3%83%9D%E3%83%BC%E3%83%8825",                                -- ポート25
  "/api/search?q=%E3%82%A2%E3%82%A6%E3%83%88%E3%83%AB%E3%83%83%E3%82%AF",       -- アウトルック
  "/api/search?q=OP25B%E3%81%A8%E3%81%AF",                                      -- OP25Bとは
  "/api/search?q=%E3%81%B7%E3%82%89%E3%82%89",                                  -- ぷらら
  "/api/search?q=0x800CCC0E",
  "/api/search?q=cannot+send+mail&lang=en",
  "/api/search?q=port+25+blocked&lang=en",
  "/api/search?q=smtp+auth&lang=en",
  "/api/search?q=%E3%83%8D%E3%83%83%E3%83%88123",                               -- ネット123 (a generated provider)
}
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", queries[i])
end
LUA
echo "warm-up"; wrk -t2 -c50 -d10s -s "$out/queries.lua" http://127.0.0.1:5183 >/dev/null
wrk -t2 -c50 -d"${seconds}s" --latency -s "$out/queries.lua" http://127.0.0.1:5183 | tee "$out/wrk.txt"
