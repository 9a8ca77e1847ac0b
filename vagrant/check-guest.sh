#!/bin/bash
# Vagrant provisioner: runs the kernel matrix's guest script on this VM's kernel and judges it
# the way the Maven runner does: the ABI the kernel reports must be the expected one, and no
# case may fail. Needs: /runlock (this checkout, built) and /opt/jdk (JDK 25).
set -u
command -v perl >/dev/null || { command -v dnf >/dev/null && dnf install -y -q perl-interpreter; }
echo "kernel $(uname -r), expecting Landlock ABI $KERNELS_EXPECT_ABI"
results="$(mktemp -d)"
RUNLOCK_REPO=/runlock KERNELS_RESULTS="$results" JAVA_HOME=/opt/jdk \
  bash /runlock/kernels/src/main/resources/dev/runlock/kernels/guest.sh | tee "$results/console.log"
abi="$(sed -n 's/^@@kernels abi \([0-9]*\).*/\1/p' "$results/console.log")"
failed="$(grep -c '^@@kernels case [^ ]* fail ' "$results/console.log")"
grep -q '^@@kernels done' "$results/console.log" || { echo "FAIL: the guest script did not finish"; exit 1; }
[ "$abi" = "$KERNELS_EXPECT_ABI" ] || { echo "FAIL: kernel $(uname -r) reports Landlock ABI ${abi:-none}, expected $KERNELS_EXPECT_ABI: this box's kernel is not the one assumed"; exit 1; }
[ "$failed" = 0 ] || { echo "FAIL: $failed case(s) failed"; exit 1; }
echo "PASS: Landlock ABI $abi on $(uname -r)"
