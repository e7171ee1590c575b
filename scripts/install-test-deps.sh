#!/usr/bin/env bash
# Installs the Debian packages the tests need: Chromium (browser tests), Japanese fonts (legible
# screenshots) and docker-compose (validates docker-compose.yml without an engine).
# Needs root (or sudo). Does nothing when everything is already there.
set -euo pipefail

packages=(chromium fonts-noto-cjk docker-compose)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
