#!/usr/bin/env bash
# Several instances: two published portals (Production) on one PostgreSQL database behind the repository's nginx
# configuration, on loopback. Measures (1) the time from a staff edit on A to the change on B's page (p50/p95,
# bench/InstancesBench) and (2) /qa throughput with wrk -t2 -c50 through nginx against portal A direct, alternating.
# wrk comes from one address, so nginx's sticky hash sends all of it to one portal: (2) is what the proxy costs.
# Needs the PostgreSQL cluster of scripts/start-postgres.sh (started here if it is not running), nginx and wrk.
# Run by hand: bash bench/several-instances.sh [rounds] [seconds] [edits]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"; seconds="${2:-10}"; edits="${3:-100}"
pg_port="${PORTAL_PG_PORT:-55432}"
command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
pg_isready -q -h 127.0.0.1 -p "$pg_port" || bash scripts/start-postgres.sh

out="$(mktemp -d)"; db="portal_bench_$$"
psql_() { psql -q -h 127.0.0.1 -p "$pg_port" -U portal -d postgres -c "$1"; }
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  [ -f "$out/nginx.pid" ] && kill "$(cat "$out/nginx.pid")" 2>/dev/null || true
  sleep 1; psql_ "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; rm -rf "$out"
}
trap cleanup EXIT
psql_ "CREATE DATABASE $db"
dotnet publish src/Portal -c Release -o "$out/portal" --nologo -v q
dotnet build bench/InstancesBench -c Release -o "$out/bench" --nologo -v q

portal() {   # name port
  mkdir -p "$out/$1"
  (cd "$out/$1" && exec env ASPNETCORE_ENVIRONMENT=Production Site__PublicUrl=http://127.0.0.1 Database__Provider=postgres \
    ConnectionStrings__Portal="Host=127.0.0.1;Port=$pg_port;Username=portal;Database=$db;Application Name=portal-$1" \
    ForwardedHeaders__KnownProxies__0=127.0.0.1 LineTest__Listeners= Data__KeysFolder="$out/$1/keys" \
    dotnet "$out/portal/Portal.dll" --urls "http://127.0.0.1:$2" >"$out/$1.log" 2>&1) &
}
portal a 5191; portal b 5192
for port in 5191 5192; do
  for _ in $(seq 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$out"/*.log; exit 1; }
done
echo "bench password 1" | ASPNETCORE_ENVIRONMENT=Production Site__PublicUrl=http://127.0.0.1 Database__Provider=postgres \
  ConnectionStrings__Portal="Host=127.0.0.1;Port=$pg_port;Username=portal;Database=$db" LineTest__Listeners= \
  dotnet "$out/portal/Portal.dll" staff add bench --role editor >/dev/null

# nginx with deploy/nginx/ as CI runs it: upstreams and the listen port replaced.
sed -e 's/portal-a:8080/127.0.0.1:5191/; s/portal-b:8080/127.0.0.1:5192/; s/listen 80;/listen 127.0.0.1:5190;/' deploy/nginx/portal.conf >"$out/portal.conf"
cp deploy/nginx/portal-proxy.inc "$out/"
user=""; [ "$(id -u)" = 0 ] && user="user root;"
cat >"$out/nginx.conf" <<CONF
$user
pid $out/nginx.pid; error_log $out/nginx-error.log; worker_processes ${NGINX_WORKERS:-auto};
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $out/body; proxy_temp_path $out/proxy; fastcgi_temp_path $out/fcgi;
       uwsgi_temp_path $out/uwsgi; scgi_temp_path $out/scgi; include $out/portal.conf; }
CONF
nginx -p "$out" -c "$out/nginx.conf"
for _ in $(seq 50); do curl -fs http://127.0.0.1:5190/qa >/dev/null && break; sleep 0.1; done

echo "== edit on A → page on B"
dotnet "$out/bench/InstancesBench.dll" http://127.0.0.1:5191 http://127.0.0.1:5192 bench "bench password 1" "$edits"

echo "== /qa throughput: through nginx (two portals) against portal A direct"
rps() { wrk -t2 -c50 -d"${2}s" --latency "$1" | tee -a "$out/wrk.txt" | awk '/Requests\/sec/ {print $2}'; }
echo "warm-up"; for _ in 1 2; do rps http://127.0.0.1:5190/qa 10 >/dev/null; rps http://127.0.0.1:5191/qa 10 >/dev/null; done
total_n=0; total_d=0
for i in $(seq "$rounds"); do
  n="$(rps http://127.0.0.1:5190/qa "$seconds")"; d="$(rps http://127.0.0.1:5191/qa "$seconds")"
  echo "round $i: nginx $n req/s, direct $d req/s, ratio $(awk -v n="$n" -v d="$d" 'BEGIN{printf "%.2f", n/d}')"
  total_n="$(awk -v a="$total_n" -v n="$n" 'BEGIN{print a+n}')"; total_d="$(awk -v a="$total_d" -v d="$d" 'BEGIN{print a+d}')"
done
echo "mean: nginx $(awk -v t="$total_n" -v r="$rounds" 'BEGIN{printf "%.0f", t/r}') req/s, direct $(awk -v t="$total_d" -v r="$rounds" 'BEGIN{printf "%.0f", t/r}') req/s, ratio $(awk -v n="$total_n" -v d="$total_d" 'BEGIN{printf "%.2f", n/d}')"
grep -E "Latency|50%|99%" "$out/wrk.txt" | tail -6
