#!/usr/bin/env bash
# Installs what the tests need: Debian's Chromium (browser tests), Japanese fonts (legible screenshots),
# docker-compose (validates docker-compose.yml without an engine), nginx (the two-portal proxy test starts its own),
# Node.js and npm, and axe-core from npm
# (the accessibility checks inject axe.min.js into every page).
# Needs root (or sudo). Does nothing when everything is already there.
set -euo pipefail

packages=(chromium fonts-noto-cjk docker-compose nginx curl python3-exchangelib python3-dnspython default-jre-headless)
command -v npm >/dev/null || packages+=(npm)

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

# axe-core for the browser tests' accessibility checks, pinned, beside the browser test project.
axe_dir="$(dirname "$0")/../tests/Portal.BrowserTests"
if [ ! -f "$axe_dir/node_modules/axe-core/axe.min.js" ]; then
  echo "Installing axe-core 4.14.1 from npm"
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$axe_dir" axe-core@4.14.1
fi
