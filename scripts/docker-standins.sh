#!/usr/bin/env bash
# Stand-ins for the official base images, which cannot be pulled here: mcr.microsoft.com/dotnet/sdk:10.0 and
# mcr.microsoft.com/dotnet/aspnet:10.0, made from Debian's debootstrap --variant=minbase (the Debian release and mirror
# of this machine's own apt sources) plus this machine's .NET (/usr/share/dotnet: the whole SDK for sdk, the runtimes
# alone for aspnet), its CA bundle (NuGet needs it), .NET's native dependencies (libicu, libssl, tzdata) and an "app"
# user with uid 1654, as the real images have (dotnet-docker: src/runtime-deps/*/Dockerfile, APP_UID=1654).
# Images already made from the same .NET are kept. Needs root (debootstrap, chroot) and a Docker engine.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

dotnet_root=/usr/share/dotnet
[ -x "$dotnet_root/dotnet" ] || { echo "$dotnet_root/dotnet is missing: the stand-ins are made from this machine's .NET" >&2; exit 1; }
# Kept while made from the same .NET and the same local CAs.
stamp="$("$dotnet_root/dotnet" --version)-$(cat /usr/local/share/ca-certificates/*.crt 2>/dev/null | sha256sum | cut -c1-12)"
have() { [ "$(docker image inspect -f '{{ index .Config.Labels "portal.standin" }}' "$1" 2>/dev/null)" = "$stamp" ]; }
if have mcr.microsoft.com/dotnet/sdk:10.0 && have mcr.microsoft.com/dotnet/aspnet:10.0; then
  echo "stand-in images ($stamp) are there"
  exit 0
fi
command -v debootstrap >/dev/null || { $SUDO apt-get update -q; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends debootstrap; }

# The machine's own Debian release and mirror (deb822 .sources or one-line sources.list).
. /etc/os-release
suite="$VERSION_CODENAME"
mirror="$(grep -h -m1 -E '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | head -1 || true)"
[ -n "$mirror" ] || mirror="$(grep -h -m1 -E '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -1 || true)"
[ -n "$mirror" ] || { echo "no Debian mirror in /etc/apt/sources.list{,.d}" >&2; exit 1; }

work="$(mktemp -d /tmp/portal-standin-XXXXXX)"
trap '$SUDO rm -rf "$work"' EXIT
root="$work/rootfs"
echo "debootstrap --variant=minbase $suite from $mirror"
$SUDO debootstrap --variant=minbase --include=libicu72,libssl3,tzdata "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -30 "$work/debootstrap.log" >&2; exit 1; }

# apt inside the image uses the same sources as this machine (the Dockerfile installs curl with apt-get).
$SUDO rm -f "$root/etc/apt/sources.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] && $SUDO cp "$f" "$root$f"
done
$SUDO mkdir -p "$root/usr/share/keyrings" "$root/etc/ssl/certs"
$SUDO cp -n /usr/share/keyrings/debian-archive-*.gpg "$root/usr/share/keyrings/" 2>/dev/null || true
$SUDO cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
# The local CAs the bundle was made with, so that update-ca-certificates (run when a package inside installs
# ca-certificates) makes the same bundle again instead of dropping them (this machine's egress CA among them).
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  $SUDO mkdir -p "$root/usr/local/share/ca-certificates"
  $SUDO cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
fi
$SUDO chroot "$root" groupadd --gid=1654 app
$SUDO chroot "$root" useradd -l --uid=1654 --gid=1654 --create-home app
$SUDO rm -rf "$root/var/lib/apt/lists/"* "$root/var/cache/apt/archives/"*.deb

# The SDK image: the whole of this machine's .NET.
$SUDO cp -a "$dotnet_root" "$root/usr/share/dotnet"
$SUDO ln -sf /usr/share/dotnet/dotnet "$root/usr/bin/dotnet"
common=(--change "ENV APP_UID=1654" --change "ENV DOTNET_RUNNING_IN_CONTAINER=true" --change "ENV ASPNETCORE_HTTP_PORTS=8080"
        --change "LABEL portal.standin=$stamp" --change 'CMD ["bash"]')
echo "importing mcr.microsoft.com/dotnet/sdk:10.0"
$SUDO tar -C "$root" -c . | docker import "${common[@]}" --change "ENV NUGET_XMLDOC_MODE=skip" --change "ENV DOTNET_NOLOGO=true" \
  - mcr.microsoft.com/dotnet/sdk:10.0 >/dev/null

# The ASP.NET image: the runtimes only.
$SUDO rm -rf "$root/usr/share/dotnet/"{sdk,sdk-manifests,packs,templates,dnx,metadata}
echo "importing mcr.microsoft.com/dotnet/aspnet:10.0"
$SUDO tar -C "$root" -c . | docker import "${common[@]}" - mcr.microsoft.com/dotnet/aspnet:10.0 >/dev/null
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep mcr.microsoft.com/dotnet
