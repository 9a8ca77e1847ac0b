#!/bin/bash
# The Vagrant matrix on local boxes, what `./mvnw verify -Pvagrant` runs (the Maven test then
# judges the logs and writes vagrant-report.json): builds or reuses each row's box (box.sh, with
# network: it fetches Debian packages), then, in the private libvirt of libvirt-ns.sh (no
# network beyond its own namespace), `vagrant up` of every row's machine (boot, rsync of the
# checkout and the JDK, the guest script; provisioning fails unless the ABI is the row's and
# every case passes), then `vagrant destroy -f`.
#
#   vagrant/local-matrix.sh [boxes|machines]  # both by default; needs root and runlock built
#                                             # (./mvnw -DskipTests package)
#
# Environment: RUNLOCK_VAGRANT_ROWS (default trixie-6.12,bpo-7.3), RUNLOCK_VAGRANT_ACCEL
# (kvm|tcg; the Maven test probes), RUNLOCK_VAGRANT_TIMEOUT (seconds for all machines, default 2400),
# RUNLOCK_VAGRANT_OUT (default vagrant/target), RUNLOCK_VAGRANT_CACHE (default ~/.cache/runlock/vagrant).
# It leaves OUT/{up.log,status,seconds,destroy.log} (status: vagrant's exit status, 124 when
# killed at the time limit) and per row OUT/machines/ROW/{box.log,up.log} (that machine's lines).
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
# libvirt-ns.sh removed whatever domains an interrupted run left: so does Vagrant's record of them
rm -rf "$VAGRANT_DOTFILE_PATH"
# All machines at once (vagrant-libvirt's parallel mode): on a shared machine two emulated guests
# get about twice the CPU of one. Vagrant prefixes every line with the machine's name.
start=$SECONDS
echo "local-matrix.sh: vagrant up ${rows//,/ } (at most $limit s)" >&2
timeout --kill-after=30 "$limit" vagrant up --parallel --provision ${rows//,/ } > "$out/up.log" 2>&1
echo $? > "$out/status"
echo $((SECONDS - start)) > "$out/seconds"
echo "local-matrix.sh: vagrant up exited $(cat "$out/status") after $(cat "$out/seconds") s" >&2
lines_of() { awk -v name="$1:" '{ line = $0; sub(/^(==>| +) /, "", line); if (index(line, name) == 1) print }'; }
for row in ${rows//,/ }; do
  mkdir -p "$out/machines/$row"
  lines_of "$row" < "$out/up.log" > "$out/machines/$row/up.log"
done
vagrant destroy -f > "$out/destroy.log" 2>&1
# A machine that never reached its guest script met the infrastructure, not runlock (seen: two
# machines sharing one DHCP lease, then vagrant-libvirt calling one "inaccessible"). It gets one
# more try, alone; a guest script's failure gets none.
if [ "$(cat "$out/status")" != 124 ]; then
  for row in ${rows//,/ }; do
    grep -q '@@kernels abi' "$out/machines/$row/up.log" && continue
    echo "local-matrix.sh: $row never reached the guest script: vagrant up $row again" >&2
    start=$SECONDS
    timeout --kill-after=30 "$limit" vagrant up --provision "$row" > "$out/machines/$row/retry.log" 2>&1
    echo "local-matrix.sh: $row: vagrant up exited $? after $((SECONDS - start)) s" >&2
    lines_of "$row" < "$out/machines/$row/retry.log" >> "$out/machines/$row/up.log"
    vagrant destroy -f "$row" >> "$out/destroy.log" 2>&1
  done
fi
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
