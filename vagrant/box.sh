#!/bin/bash
# Builds (or reuses) the local Vagrant box for one kernel matrix row: a Debian trixie userland
# (debootstrap) with sshd and the vagrant user holding Vagrant's insecure key (from the host's
# vagrant package), the row's kernel packages (kernels/matrix.tsv, same private apt state and
# mirror as the qemu matrix), an initramfs made by the box's own initramfs-tools, all in a plain
# ext4 image written by `mke2fs -d` (nothing is mounted, no bootloader): vagrant-libvirt boots
# the box's kernel and initrd directly. Prints the box catalog (a JSON file for `box_url`).
#
#   vagrant/box.sh ROW        e.g. trixie-6.12, bpo-7.3
#
# Cache: $RUNLOCK_VAGRANT_CACHE (default ~/.cache/runlock/vagrant): base-<key>/ (the userland,
# rebuilt when this script's userland inputs change) and boxes/ROW/ (rebuilt when this script,
# the row, the kernel package versions or the insecure key change). Needs root (debootstrap,
# chroot, file ownership in the image), debootstrap, e2fsprogs, qemu-utils.
set -euo pipefail
row="${1:?usage: box.sh MATRIX-ROW}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
. "$repo/scripts/debian-apt.sh"
cache="${RUNLOCK_VAGRANT_CACHE:-$HOME/.cache/runlock/vagrant}"
mkdir -p "$cache"
userland=trixie
# what Vagrant and the guest script need: sshd, sudo, rsync (synced folders), systemd-networkd
# (DHCP on the management network), initramfs-tools (the box makes its own initrd), perl (the
# guest script's probes), python3 (the conformance suite's probes)
include=systemd-sysv,udev,dbus,openssh-server,sudo,rsync,initramfs-tools,kmod,iproute2,zstd,perl-base,python3
key=/usr/share/rubygems-integration/all/gems/vagrant-2.3.4/keys/vagrant.pub
[ -r "$key" ] || key="$(find /usr/share /opt/vagrant /usr/lib -path '*/keys/vagrant.pub' -print -quit 2>/dev/null)"
[ -r "$key" ] || { echo "box.sh: Vagrant's insecure public key (keys/vagrant.pub) not found: install vagrant" >&2; exit 1; }
log() { echo "box.sh: $row: $*" >&2; }

spec="$(awk -v row="$row" '$1 == row { print $2, $3, $4 }' "$repo/kernels/matrix.tsv")"
[ -n "$spec" ] || { echo "box.sh: no row '$row' in kernels/matrix.tsv" >&2; exit 1; }
read -r suite patterns abi <<<"$spec"
[ "$suite" != host ] || { echo "box.sh: row '$row' is the host kernel, not a Debian package" >&2; exit 1; }

# The kernel packages (newest match of each pattern), fetched like the qemu matrix does.
debian_update "$suite"
debs=()
for pattern in ${patterns//,/ }; do
  name="$(debian_newest "$suite" "$pattern")"
  [ -n "$name" ] || { echo "box.sh: no package in Debian $suite matches '$pattern'" >&2; exit 1; }
  debs+=("$(debian_download "$suite" "$name")")
done

# Inputs of the box: when any changes, the box is rebuilt (and gets a new version).
# (contents only: the same box whichever path this script is called by)
inputs="$( { cat "$0" "$key"; printf '%s\n' "$row $spec" "${debs[@]##*/}"; } | sha256sum | cut -c1-16)"
base_key="$( { printf '%s\n' "$userland" "$include"; sed -n '/^# base:/,/^# end base/p' "$0"; } | sha256sum | cut -c1-16)"
box_dir="$cache/boxes/$row"
catalog="$box_dir/catalog.json"
if [ -r "$box_dir/inputs" ] && [ "$(cat "$box_dir/inputs")" = "$inputs" ] && [ -r "$catalog" ]; then
  log "up to date ($inputs)"
  echo "$catalog"
  exit 0
fi

# base: the userland, shared by every box
base="$cache/base-$base_key"
if [ ! -r "$base.tar" ]; then
  log "debootstrap $userland (minbase + $include)"
  tmp="$(mktemp -d "$cache/base.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  debootstrap --variant=minbase --include="$include" "$userland" "$tmp/root" "$(debian_mirror)" >&2
  root="$tmp/root"
  chroot "$root" useradd --create-home --shell /bin/bash --user-group vagrant
  echo 'vagrant ALL=(ALL) NOPASSWD: ALL' > "$root/etc/sudoers.d/vagrant"
  chmod 440 "$root/etc/sudoers.d/vagrant"
  install -d -m 700 -o 1000 -g 1000 "$root/home/vagrant/.ssh"
  # the key goes in per box (it is an input of the box, not of the base)
  printf 'runlock\n' > "$root/etc/hostname"
  printf '127.0.0.1 localhost\n127.0.1.1 runlock\n' > "$root/etc/hosts"
  printf '/dev/vda / ext4 rw,errors=remount-ro 0 1\n' > "$root/etc/fstab"
  # leases by MAC: every box would otherwise send the same DUID-based client ID (seen: identical
  # across boxes), and dnsmasq then keeps one lease for two machines booted side by side
  printf '[Match]\nName=en* eth*\n\n[Network]\nDHCP=ipv4\n\n[DHCPv4]\nClientIdentifier=mac\n' \
    > "$root/etc/systemd/network/50-vagrant.network"
  chroot "$root" systemctl enable systemd-networkd.service ssh.service >&2
  chroot "$root" systemctl mask systemd-networkd-wait-online.service >&2
  # UseDNS off and no GSSAPI: sshd answers at once without a resolver
  printf 'UseDNS no\nGSSAPIAuthentication no\n' > "$root/etc/ssh/sshd_config.d/vagrant.conf"
  : > "$root/etc/machine-id"
  rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*_Packages
  tar -C "$root" --numeric-owner -cf "$base.tar.new" .
  mv "$base.tar.new" "$base.tar"
  rm -rf "$tmp"
  trap - EXIT
fi
# end base

log "building (inputs $inputs): ${debs[*]##*/}"
work="$(mktemp -d "$cache/box.XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir "$root"
tar -C "$root" --numeric-owner -xf "$base.tar"
install -m 600 -o 1000 -g 1000 "$key" "$root/home/vagrant/.ssh/authorized_keys"
for deb in "${debs[@]}"; do dpkg-deb -x "$deb" "$root"; done
# lib is usr/lib in trixie (merged /usr): one release may show under both
release="$(for dir in "$root"/usr/lib/modules/* "$root"/lib/modules/*; do [ -d "$dir" ] && basename "$dir"; done | sort -u)"
[ "$(printf '%s\n' "$release" | grep -c .)" = 1 ] || { echo "box.sh: expected one kernel release in the packages, found: $release" >&2; exit 1; }
vmlinuz="$root/boot/vmlinuz-$release"
[ -r "$vmlinuz" ] || vmlinuz="$root/usr/lib/modules/$release/vmlinuz"
[ -r "$vmlinuz" ] || { echo "box.sh: no kernel image for $release in ${debs[*]}" >&2; exit 1; }
chroot "$root" depmod "$release"
chroot "$root" mkinitramfs -o "/boot/initrd.img-$release" "$release" >&2
mkdir "$work/box"
cp "$vmlinuz" "$work/box/vmlinuz"
cp "$root/boot/initrd.img-$release" "$work/box/initrd.img"
# room for the checkout and a JDK (rsync) and the tests' files; the image is sparse
size_mb=$(( $(du -sm "$root" | cut -f1) + 3072 ))
mke2fs -q -t ext4 -L root -d "$root" "$work/root.img" "${size_mb}M"
qemu-img convert -O qcow2 "$work/root.img" "$work/box/box.img"
rm -rf "$root" "$work/root.img"
printf '{"provider": "libvirt", "format": "qcow2", "virtual_size": %d}\n' $(( (size_mb + 1023) / 1024 )) > "$work/box/metadata.json"
# the box's own Vagrantfile: boot its kernel directly (the box path is where Vagrant unpacked it)
cat > "$work/box/Vagrantfile" <<RUBY
Vagrant.configure("2") do |config|
  config.vm.provider "libvirt" do |lv|
    lv.kernel = File.join(__dir__, "vmlinuz")
    lv.initrd = File.join(__dir__, "initrd.img")
    lv.cmd_line = "root=/dev/vda rw console=ttyS0 quiet no_timer_check"
  end
end
RUBY
tar -C "$work/box" -cf "$work/runlock-$row.box" metadata.json Vagrantfile box.img vmlinuz initrd.img
# A new version per build, so that Vagrant and vagrant-libvirt (whose pool volume is named after
# the box version) never reuse an image built from other inputs.
version="1.0.$(date +%s)"
mkdir -p "$box_dir"
rm -f "$box_dir"/*.box
mv "$work/runlock-$row.box" "$box_dir/runlock-$row-$version.box"
cp "$work/box/vmlinuz" "$box_dir/vmlinuz" # for the accelerator probe
cat > "$catalog.new" <<JSON
{
  "name": "runlock/$row",
  "description": "Debian $userland with the $row kernel of the runlock kernel matrix ($release, Landlock ABI $abi)",
  "versions": [{
    "version": "$version",
    "providers": [{
      "name": "libvirt",
      "url": "file://$box_dir/runlock-$row-$version.box",
      "checksum_type": "sha256",
      "checksum": "$(sha256sum "$box_dir/runlock-$row-$version.box" | cut -d' ' -f1)"
    }]
  }]
}
JSON
mv "$catalog.new" "$catalog"
echo "$inputs" > "$box_dir/inputs"
log "built runlock/$row $version ($release)"
echo "$catalog"
