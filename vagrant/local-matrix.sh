#!/bin/bash
# The Vagrant matrix on local boxes, what `./mvnw verify -Pvagrant` runs (the Maven test then
# judges the logs and writes vagrant-report.json): builds or reuses each row's box (box.sh, with
# network: it fetches Debian packages), then, in the private libvirt of libvirt-ns.sh (no
# network beyond its own namespace), per row one after the other: `vagrant up` (boot,
# rsync of the checkout and the JDK, the guest script; provisioning fails unless the ABI is the
# row's and every case passes), then `vagrant destroy -f`.
#
#   vagrant/local-matrix.sh [boxes|machines]  # both by default; needs root and runlock built
#                                             # (./mvnw -DskipTests package)
#
# Environment: RUNLOCK_VAGRANT_ROWS (default trixie-6.12,bpo-7.3), RUNLOCK_VAGRANT_ACCEL
# (kvm|tcg; the Maven test probes), RUNLOCK_VAGRANT_TIMEOUT (seconds per machine, default 2400),
# RUNLOCK_VAGRANT_OUT (default vagrant/target), RUNLOCK_VAGRANT_CACHE (default ~/.cache/runlock/vagrant).
# Per row it leaves OUT/machines/ROW/{up.log,status,seconds,destroy.log}; status is vagrant's
# exit status (124: killed at the time limit).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rows="${RUNLOCK_VAGRANT_ROWS:-trixie-6.12,bpo-7.3}"
out="${RUNLOCK_VAGRANT_OUT:-$here/target}"
cache="${RUNLOCK_VAGRANT_CACHE:-$HOME/.cache/runlock/vagrant}"
limit="${RUNLOCK_VAGRANT_TIMEOUT:-2400}"
export RUNLOCK_VAGRANT_BOXES=local RUNLOCK_VAGRANT_ROWS="$rows" RUNLOCK_VAGRANT_CACHE="$cache"
export VAGRANT_HOME="${VAGRANT_HOME:-$cache/vagrant.d}" VAGRANT_DEFAULT_PROVIDER=libvirt
export VAGRANT_DOTFILE_PATH="$out/dotvagrant" VAGRANT_CHECKPOINT_DISABLE=1 VAGRANT_NO_COLOR=1

step="${1:-all}"
case "$step" in
  all|boxes)
    for row in ${rows//,/ }; do
      mkdir -p "$out/machines/$row"
      start=$SECONDS
      "$here/box.sh" "$row" > "$out/machines/$row/box.log" 2>&1 \
        || { echo "local-matrix.sh: building the $row box failed, see $out/machines/$row/box.log" >&2; exit 1; }
      echo "local-matrix.sh: $row box ready in $((SECONDS - start)) s" >&2
    done
    [ "$step" = all ] || exit 0
    exec "$here/libvirt-ns.sh" "$0" --in-namespace ;;
  machines) exec "$here/libvirt-ns.sh" "$0" --in-namespace ;;
  --in-namespace) ;;
  *) echo "usage: local-matrix.sh [boxes|machines]" >&2; exit 2 ;;
esac

cd "$here"
for row in ${rows//,/ }; do
  dir="$out/machines/$row"
  mkdir -p "$dir"
  start=$SECONDS
  echo "local-matrix.sh: vagrant up $row (at most $limit s)" >&2
  timeout --kill-after=30 "$limit" vagrant up --provision "$row" > "$dir/up.log" 2>&1
  echo $? > "$dir/status"
  echo $((SECONDS - start)) > "$dir/seconds"
  echo "local-matrix.sh: $row: vagrant up exited $(cat "$dir/status") after $(cat "$dir/seconds") s" >&2
  vagrant destroy -f "$row" > "$dir/destroy.log" 2>&1
done
# box versions a rebuild replaced: Vagrant's copies and the pool volumes vagrant-libvirt made of them
vagrant box prune --force --keep-active-boxes > "$out/prune.log" 2>&1
volumes="$(virsh -q -c qemu:///system vol-list default 2>/dev/null | awk '{print $1}')"
for row in ${rows//,/ }; do
  version="$(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$cache/boxes/$row/catalog.json")"
  for volume in $volumes; do
    case "$volume" in
      "runlock-VAGRANTSLASH-${row}_vagrant_box_image_${version}_"*) ;;
      "runlock-VAGRANTSLASH-${row}_vagrant_box_image_"*) virsh -q -c qemu:///system vol-delete --pool default "$volume" >> "$out/prune.log" 2>&1 ;;
    esac
  done
done
