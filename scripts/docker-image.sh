#!/usr/bin/env bash
# Builds the unchanged Dockerfile with a real Docker engine and runs the image, all on the host network (no bridge
# addresses): the stand-in base images first (scripts/docker-standins.sh), then `docker build --network host`, then the
# container on a free loopback port, checked for /healthz/ready, a page, the JSON log line and that the process runs as
# "app" (uid 1654). Prints "docker image: ok" at the end, or why not, and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
tag="saiin-portal:check"

bash scripts/docker-engine.sh
bash scripts/docker-standins.sh

echo "docker build --network host -t $tag ."
# The classic builder: it needs no buildx plugin, and --network host applies to every RUN.
DOCKER_BUILDKIT=0 docker build --network host -t "$tag" . >/tmp/portal-docker-build.log 2>&1 \
  || { tail -40 /tmp/portal-docker-build.log >&2; echo "docker image: the build failed" >&2; exit 1; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cid="$(docker run -d --network host \
  -e ASPNETCORE_URLS="http://127.0.0.1:$port" -e Site__PublicUrl=https://support.saiin.example.jp -e LineTest__Listeners= \
  -e Monitor__Targets= "$tag")"
trap 'docker rm -f "$cid" >/dev/null 2>&1 || true' EXIT
fail() { echo "docker image: $*" >&2; docker logs "$cid" 2>&1 | tail -20 >&2; exit 1; }

ready=""
for _ in $(seq 1 60); do
  if body="$(curl -fsS "http://127.0.0.1:$port/healthz/ready" 2>/dev/null)"; then ready="$body"; break; fi
  [ "$(docker inspect -f '{{.State.Running}}' "$cid")" = "true" ] || fail "the container stopped"
  sleep 1
done
[ -n "$ready" ] || fail "/healthz/ready did not answer within 60 s"
echo "$ready" | grep -q '"status":"Healthy"' || fail "/healthz/ready: $ready"
page="$(curl -fsS "http://127.0.0.1:$port/qa")" || fail "/qa did not answer"
grep -q 'OP25B' <<<"$page" || fail "/qa did not serve the Q&A"
# Logging__Console__FormatterName=json: every line is one JSON object.
logs="$(docker logs "$cid" 2>&1)"
head -1 <<<"$logs" | python3 -c 'import json, sys; line = json.loads(sys.stdin.readline()); assert "LogLevel" in line and "Message" in line' \
  || fail "the first log line is not JSON"
uid="$(docker exec "$cid" id -u)"; user="$(docker exec "$cid" id -un)"
[ "$uid:$user" = "1654:app" ] || fail "the process runs as $user ($uid), not app (1654)"
pid_user="$(docker top "$cid" -o pid,user,args | awk '/Portal.dll/ {print $2; exit}')"
[ "$pid_user" = "1654" ] || [ "$pid_user" = "app" ] || fail "Portal.dll runs as '$pid_user'"
echo "docker image: ok (healthz ready, /qa served, JSON log, runs as app 1654, port $port)"
