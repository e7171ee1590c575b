#!/usr/bin/env bash
# Installs what the tests need: Debian's Chromium (browser tests), Japanese fonts (legible screenshots),
# docker-compose (validates docker-compose.yml without an engine), nginx (the two-portal proxy test starts its own),
# curl (the customer's command in the line-test tests), python3-exchangelib and python3-dnspython (real readers of
# Autodiscover and of our DNS records), a Java runtime (the Nu Html Checker), Node.js and npm, and the npm tools below.
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

# From npm, pinned, beside the browser test project (tests/Portal.BrowserTests/node_modules):
#   axe-core 4.14.1        the accessibility checks inject axe.min.js into every page
#   vnu-jar 26.9.27        the Nu Html Checker (vnu.jar, run with Debian's default-jre-headless) on every page
#   @redocly/cli 1.34.5    redocly lint on the OpenAPI document the published portal serves (the 1.x line: 2.x needs
#                          Node.js 20.19 or 22, and Debian 12 ships 18)
#   lighthouse 12.2.3      accessibility, best practices and SEO scores, in Debian's Chromium
# Install scripts are not run: vnu-jar's would fetch a Java of its own, Debian's is used instead.
tools_dir="$(cd "$(dirname "$0")/../tests/Portal.BrowserTests" && pwd)"
want=(axe-core@4.14.1 vnu-jar@26.9.27 @redocly/cli@1.34.5 lighthouse@12.2.3)
have() { [ "$(node -p "require('$tools_dir/node_modules/$1/package.json').version" 2>/dev/null)" = "$2" ]; }
missing_npm=()
for spec in "${want[@]}"; do
  name="${spec%@*}"; version="${spec##*@}"
  have "$name" "$version" || missing_npm+=("$spec")
done
if ((${#missing_npm[@]})); then
  echo "Installing from npm: ${want[*]}"
  npm install --no-save --no-package-lock --no-audit --no-fund --ignore-scripts --prefix "$tools_dir" "${want[@]}"
fi
