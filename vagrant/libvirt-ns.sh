#!/bin/bash
# Runs COMMAND next to a private libvirtd, in namespaces this script creates: a network
# namespace (only loopback and the bridge libvirt makes there: nothing the VMs or the daemons
# send can leave it; the host's interfaces, routes and firewall are not touched), a mount
# namespace (libvirt's /etc, /var/lib, /var/log, /var/cache and /run directories are bind
# mounts of a private state directory, so the host's libvirt configuration and any libvirtd of
# its own stay untouched) and a PID namespace (every process started here, qemu included, ends
# when COMMAND ends). virtlogd and libvirtd are started directly (PID 1 need not be systemd).
#
#   vagrant/libvirt-ns.sh COMMAND [ARGS...]
#
# State (storage pool with the box images, networks) persists in $RUNLOCK_VAGRANT_CACHE/libvirt
# (default ~/.cache/runlock/vagrant/libvirt), so box images are uploaded once per box version.
# Needs root, util-linux's unshare, libvirt-daemon-system, dnsmasq-base and iptables.
set -euo pipefail
state="${RUNLOCK_VAGRANT_CACHE:-$HOME/.cache/runlock/vagrant}/libvirt"

if [ "${1:-}" != --inside ]; then
  [ "$#" -gt 0 ] || { echo "usage: libvirt-ns.sh COMMAND [ARGS...]" >&2; exit 2; }
  mkdir -p "$state"
  exec unshare --net --mount --pid --fork --mount-proc --propagation private -- "$0" --inside "$@"
fi
shift

mkdir -p "$state"/{lib,log,cache}
# libvirt's own configuration, with qemu run as root (the box kernels live in Vagrant's home,
# which the libvirt-qemu user cannot read) and without a security driver
if [ ! -d "$state/etc" ]; then
  cp -a /etc/libvirt "$state/etc.new"
  cat >> "$state/etc.new/qemu.conf" <<'CONF'
# runlock vagrant/libvirt-ns.sh
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
CONF
  mv "$state/etc.new" "$state/etc"
fi
run="$(mktemp -d)"
mount --bind "$state/etc" /etc/libvirt
for dir in lib log cache; do
  mkdir -p "/var/$dir/libvirt"
  mount --bind "$state/$dir" "/var/$dir/libvirt"
done
mkdir -p /run/libvirt
mount --bind "$run" /run/libvirt
ip link set lo up

# their messages (D-Bus and DMI missing, ...) go to the state's log directory
# pid files in the private run directory: /run itself is the host's
virtlogd --pid-file "$run/virtlogd.pid" 2>>"$state/log/virtlogd.out" &
virtlogd_pid=$!
libvirtd --pid-file "$run/libvirtd.pid" 2>>"$state/log/libvirtd.out" &
libvirtd_pid=$!
# libvirtd saves its state on TERM; whatever is left dies with this PID namespace
trap 'kill -TERM "$libvirtd_pid" 2>/dev/null; wait "$libvirtd_pid"; kill -TERM "$virtlogd_pid" 2>/dev/null; wait "$virtlogd_pid"
      umount /run/libvirt; rm -rf "$run"' EXIT
for _ in $(seq 300); do # a busy host starts it slowly
  virsh -q -c qemu:///system version >/dev/null 2>&1 && break
  sleep 0.2
done
virsh -q -c qemu:///system version >/dev/null || { echo "libvirt-ns.sh: libvirtd did not answer" >&2; exit 1; }

# Domains left by an interrupted run (this libvirt holds only ours) go before anything starts.
for domain in $(virsh -q -c qemu:///system list --all --name); do
  virsh -q -c qemu:///system destroy "$domain" >/dev/null 2>&1 || true
  virsh -q -c qemu:///system undefine "$domain" --remove-all-storage >/dev/null 2>&1 || true
done

"$@"
