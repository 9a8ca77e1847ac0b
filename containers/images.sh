#!/usr/bin/env bash
# Builds the local Debian userland images runlock-test/debian:SUITE (no registry: debootstrap a
# minbase tree from the machine's Debian mirror and `docker import` it). An image built from the
# current recipe is kept. Usage: containers/images.sh [SUITE...]; without arguments the
# comma-separated $CONTAINERS_USERLANDS, or else all of bullseye bookworm trixie sid.
# Prints one "image SUITE: built in Ns" / "cached" line per suite.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../scripts/debian-apt.sh
. "$here/../scripts/debian-apt.sh"

# python3: the conformance runner's network and socket probes are python scripts.
# man-db, bash-completion: PackageIT checks that the .deb's man page and completion are found.
packages=python3,man-db,bash-completion
# Changing what goes into an image changes the recipe, which rebuilds cached images.
recipe="minbase+$packages"

suites=("$@")
[ ${#suites[@]} -gt 0 ] || IFS=, read -r -a suites <<<"${CONTAINERS_USERLANDS:-}"
[ ${#suites[@]} -gt 0 ] || suites=(bullseye bookworm trixie sid)

if ! command -v debootstrap >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q -o DPkg::Lock::Timeout=300 debootstrap >/dev/null
fi
mirror="$(debian_mirror)"
work="$(mktemp -d /var/tmp/runlock-images.XXXXXX)"
cleanup() {
  # An interrupted debootstrap leaves /proc and /sys mounted in the tree: never rm through them.
  grep -o " $work/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l || true
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

for suite in "${suites[@]}"; do
  image="runlock-test/debian:$suite"
  if [ "$(docker image inspect -f '{{index .Config.Labels "runlock.recipe"}}' "$image" 2>/dev/null)" = "$recipe" ]; then
    echo "image $suite: cached"
    continue
  fi
  start=$SECONDS
  root="$work/$suite"
  # bullseye is the userland whose libraries are not usr-merged (/lib and /usr/lib differ):
  # keep it that way whatever this debootstrap's default is.
  layout=()
  [ "$suite" = bullseye ] && layout=(--no-merged-usr)
  if ! timeout 900 debootstrap --variant=minbase --include="$packages" "${layout[@]}" "$suite" "$root" "$mirror" \
      >"$work/$suite.log" 2>&1; then
    echo "image $suite: debootstrap failed; last log lines:" >&2
    tail -n 20 "$work/$suite.log" >&2
    exit 1
  fi
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  superseded="$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)"
  timeout 600 tar -C "$root" -c . \
    | timeout 600 docker import --change "LABEL runlock.recipe=$recipe" - "$image" >/dev/null
  [ -z "$superseded" ] || docker rmi "$superseded" >/dev/null 2>&1 || true
  rm -rf --one-file-system "$root"
  echo "image $suite: built in $((SECONDS - start))s"
done
