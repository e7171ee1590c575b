#!/usr/bin/env bash
# Makes sure a Docker engine answers: uses the one the docker client already reaches (a host's socket mounted into a
# CI container, say), else starts Debian's dockerd the way this kind of machine allows it (no iptables, no bridge:
# every container here uses --network host). Installs docker.io with apt-get when the engine is missing.
# A missing engine is an error, never a skip.
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

if docker info >/dev/null 2>&1; then exit 0; fi
if ! command -v dockerd >/dev/null; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends docker.io
fi
if ! command -v dockerd >/dev/null; then echo "no dockerd after installing docker.io" >&2; exit 1; fi
$SUDO sh -c 'nohup dockerd --iptables=false --bridge=none >/tmp/portal-dockerd.log 2>&1 &'
for _ in $(seq 1 60); do
  docker info >/dev/null 2>&1 && exit 0
  sleep 1
done
echo "dockerd did not answer within 60 s:" >&2
tail -20 /tmp/portal-dockerd.log >&2 || true
exit 1
