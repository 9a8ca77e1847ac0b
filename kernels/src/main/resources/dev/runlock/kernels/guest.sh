#!/bin/bash
# The kernel matrix's guest script: runs on the kernel under test (qemu guest, Vagrant VM or
# the host itself) and reports on stdout with lines the runner parses (see GuestReport):
#   @@kernels abi N
#   @@kernels errata 0xMASK
#   @@kernels case NAME pass|fail|skip MILLIS DETAIL
#   @@kernels done
# Environment:
#   RUNLOCK_REPO        runlock checkout with cli/target/runlock.jar built (required)
#   KERNELS_EXPECT_ABI  Landlock ABI this kernel must report (required)
#   KERNELS_RESULTS     writable directory for reports (required)
#   KERNELS_SUBSET      conformance subset: features (default) or all
#   KERNELS_CLI_TESTS   true: also run the cli's end-to-end tests (RunlockIT), the Java API's and the i386 guard's
#   JAVA_HOME           JDK 25 (optional: the launcher searches /usr/lib/jvm)
# Exports RUNLOCK_TEST_ABI (the expected ABI) to every test layer it runs.
set -u
export HOME=/tmp PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
repo="$RUNLOCK_REPO" expect="$KERNELS_EXPECT_ABI" results="$KERNELS_RESULTS"
subset="${KERNELS_SUBSET:-features}" cli_tests="${KERNELS_CLI_TESTS:-false}"
export RUNLOCK_TEST_ABI="$expect"
runlock="$repo/runlock"
conformance_jar="$repo/conformance-landrun/target/conformance.jar"
. "$repo/scripts/find-jdk.sh"
runlock_find_jdk || { echo "@@kernels case jdk fail 0 no JDK 25 found"; echo "@@kernels done"; exit 1; }
java="$RUNLOCK_JAVA_HOME/bin/java"
work="$(mktemp -d)"
exec 3>&1 # the console: command output shown there for debugging, prefixed "  | "

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# case NAME CHECK...: times CHECK, which prints one line of detail and returns 0 (pass),
# 1 (fail) or 2 (skip).
case_() {
  local name="$1" start detail status
  shift
  start="$(now_ms)"
  "$@" >"$work/detail" 2>&1
  status=$?
  detail="$(tail -n1 "$work/detail")"
  case "$status" in 0) status=pass ;; 2) status=skip ;; *) status=fail ;; esac
  echo "@@kernels case $name $status $(( $(now_ms) - start )) ${detail:-no output}"
}

# Runs runlock with ARGS, leaving exit status, stdout and stderr in $work/{rc,out,err}.
run_runlock() {
  "$runlock" "$@" >"$work/out" 2>"$work/err" </dev/null
  echo $? >"$work/rc"
  sed 's/^/  | /' "$work/err" >&3
}

# run_runlock_as UID ARGS: run_runlock as that user and group, with no supplementary groups.
run_runlock_as() {
  local uid="$1"
  shift
  chmod 755 "$work"
  setpriv --reuid="$uid" --regid="$uid" --clear-groups "$runlock" "$@" >"$work/out" 2>"$work/err" </dev/null
  echo $? >"$work/rc"
  sed 's/^/  | /' "$work/err" >&3
}

rc() { cat "$work/rc"; }
err_line() { grep -m1 "$1" "$work/err"; }

# Landlock ABI straight from the kernel: landlock_create_ruleset(NULL, 0, VERSION), syscall 444.
probe_abi() {
  perl -e 'my $abi = syscall(444, 0, 0, 1);
           if ($abi >= 0) { print "$abi\n" }
           else { printf "0 (%s)\n", $!{ENOSYS} ? "ENOSYS: no Landlock" : $!{EOPNOTSUPP} ? "EOPNOTSUPP: Landlock disabled" : "errno " . ($! + 0) }'
}

# Errata mask straight from the kernel: landlock_create_ruleset(NULL, 0, ERRATA); kernels
# without the interface answer EINVAL, which counts as 0.
probe_errata() {
  perl -e 'my $mask = syscall(444, 0, 0, 2); printf "0x%x\n", $mask >= 0 ? $mask : 0'
}

# runlock knows the ABI runlock itself can use: the kernel's, or its newest when the kernel's
# is newer (status then says so); the errata are the kernel's.
check_status_json() {
  run_runlock status --json
  local reported raw errata
  reported="$(grep -o '"abi": *[0-9]*' "$work/out" | head -n1 | tr -dc 0-9)"
  raw="$(grep -o '"reported_abi": *[0-9]*' "$work/out" | head -n1 | tr -dc 0-9)"
  errata="$(grep -o '"errata": *[0-9]*' "$work/out" | head -n1 | tr -dc 0-9)"
  echo "runlock status --json says abi ${reported:-?} (kernel ${raw:-?}), errata ${errata:-?}, exit $(rc)"
  [ "$(rc)" = 0 ] && [ "$reported" = "$abi" ] && { [ "$abi" = 0 ] || [ "$raw" = "$abi" ]; } \
    && [ "$(printf '0x%x' "${errata:-0}")" = "$errata_mask" ]
}

# What every case pays: one runlock start (JVM, AOT cache, sandbox, exec) running /bin/true.
check_runlock_start() {
  run_runlock --rox / -- /bin/true
  echo "runlock --rox / -- /bin/true: exit $(rc)"
  [ "$(rc)" = 0 ]
}

# no_new_privs in the sandbox, for an unprivileged user (no CAP_SYS_ADMIN): set by prctl below
# ABI 11, by landlock_restrict_self's NO_NEW_PRIVS flag from ABI 11; a file outside the grants
# is denied by Landlock (not by its mode: /etc/hostname is world-readable).
check_unprivileged() {
  run_runlock_as 65534 --ro /proc -- /bin/bash -c \
    'while read -r key value; do [ "$key" = NoNewPrivs: ] && echo "NoNewPrivs: $value"; done < /proc/self/status
     read -r name < /etc/hostname && echo "read /etc/hostname"'
  echo "as uid 65534: exit $(rc); $(tr '\n\t' '  ' <"$work/out")"
  grep -q 'NoNewPrivs: *1' "$work/out" || return 1
  if [ "$abi" = 0 ]; then grep -q 'read /etc/hostname' "$work/out"; else ! grep -q 'read /etc/hostname' "$work/out"; fi
}

# Best effort (the default) with a UDP rule: below ABI 10 something is dropped and runlock
# must say so on one warning line, and the command must still run.
check_best_effort_warning() {
  run_runlock --rox / --bind-udp 53 -- /bin/true
  local warning
  warning="$(err_line '^runlock: warning: ')"
  if [ "$abi" -lt 10 ]; then
    echo "exit $(rc); ${warning:-no warning line}"
    [ "$(rc)" = 0 ] && [ -n "$warning" ]
  else
    echo "exit $(rc); ${warning:-no warning (nothing dropped)}"
    [ "$(rc)" = 0 ] && [ -z "$warning" ]
  fi
}

# Switch point to the conformance harness: runs the chosen subset, checking the expected ABI.
check_conformance() {
  if [ ! -r "$conformance_jar" ]; then
    echo "$conformance_jar not built"
    return 2
  fi
  # a runlock start takes seconds under TCG, minutes when the host is busy
  "$java" -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Dconformance.timeout=900 -jar "$conformance_jar" --impl runlock --binary "$runlock" \
    --subset "$subset" --expect-abi "$expect" --report "$results/conformance" </dev/null 2>&1 \
    | tee "$work/conformance.log" | sed -u 's/^/  | /' >&3
  local status="${PIPESTATUS[0]}"
  echo "subset $subset: exit $status; $(tail -n1 "$work/conformance.log")"
  [ "$status" = 0 ]
}

# junit LOG MODULE CLASSES SELECTOR...: JUnit's console launcher from MODULE's directory, as
# under Maven, on the CLASSES directories (colon-separated) and kernels/target/guest-lib (the
# launcher and assertj); output to $work/LOG and the console. Returns the launcher's status.
junit() {
  local log="$1" module="$2" classpath="$3" lib="$repo/kernels/target/guest-lib" jar
  shift 3
  if ! ls "$lib"/junit-platform-console-standalone-*.jar >/dev/null 2>&1; then
    echo "$lib not built" >"$work/$log"
    return 1
  fi
  # On the JVM's own class path (java.class.path), as under Surefire: core's tests start fresh
  # JVMs on its directories.
  for jar in "$lib"/*.jar; do classpath="$classpath:$jar"; done
  # LC_ALL as under Maven (see the root pom): without a UTF-8 locale the JVM cannot name the tests'
  # non-ASCII files.
  (cd "$repo/$module" && LC_ALL=C.UTF-8 "$java" -XX:TieredStopAtLevel=1 -XX:-UsePerfData --enable-native-access=ALL-UNNAMED \
    -cp "$classpath" org.junit.platform.console.ConsoleLauncher \
    execute --disable-banner --details=tree --fail-if-no-tests "$@") </dev/null 2>&1 \
    | tee "$work/$log" | sed -u 's/^/  | /' >&3
  return "${PIPESTATUS[0]}"
}

# JUnit's counts in $work/LOG, on one line.
junit_counts() {
  grep -oE '[0-9]+ (tests|containers) (found|successful|failed|skipped|aborted)' "$work/$1" | tr '\n' ' '
}

# The cli's end-to-end tests (RunlockIT); core's test classes hold the test kit (HostAbi, the
# independent ABI oracle).
check_cli_tests() {
  if [ ! -d "$repo/cli/target/test-classes" ] || [ ! -d "$repo/core/target/test-classes" ]; then
    echo "cli or core test classes not built"
    return 1
  fi
  junit cli.log cli "$repo/cli/target/test-classes:$repo/core/target/test-classes:$repo/cli/target/runlock.jar" \
    --select-class dev.runlock.cli.RunlockIT
  local status=$?
  echo "RunlockIT: exit $status; $(junit_counts cli.log)"
  [ "$status" = 0 ]
}

# The seccomp guard against i386 socketcall end to end (a probe built with gcc -m32): Debian's
# kernels execute i386 programs, so this proves it where the host cannot (core's
# MachineCapability.I386_EXECUTION). Skipped where the test is (no MPTCP guard: ABI < 4 or no
# erratum 1; no gcc -m32), failed if it fails.
check_i386_guards() {
  if [ ! -d "$repo/core/target/test-classes" ]; then
    echo "core test classes not built"
    return 1
  fi
  junit i386.log core "$repo/core/target/test-classes:$repo/core/target/classes" \
    --select-method 'dev.runlock.sandbox.OpaqueSocketEnforcementTest#i386SocketcallSocketFailsWithEnosysWhileTcpIsRestricted'
  local status=$?
  echo "i386 socketcall guard: exit $status; $(junit_counts i386.log)$(grep -m1 -o '\[machine\][^—]*' "$work/i386.log")"
  [ "$status" = 0 ] || return 1
  grep -q '1 tests successful' "$work/i386.log" || return 2
}

# The Java API's tests (dev.runlock.launch, in core's classes): sandboxed children of the test's
# own JVM, which stays unrestricted, on this kernel.
check_library() {
  if [ ! -d "$repo/core/target/test-classes" ]; then
    echo "core test classes not built"
    return 1
  fi
  junit library.log core "$repo/core/target/test-classes:$repo/core/target/classes" \
    --select-class dev.runlock.launch.SandboxedProcessBuilderTest
  local status=$?
  echo "SandboxedProcessBuilderTest: exit $status; $(junit_counts library.log)"
  [ "$status" = 0 ]
}

abi_line="$(probe_abi)"
abi="${abi_line%% *}"
errata_mask="$(probe_errata)"
echo "@@kernels abi $abi_line"
echo "@@kernels errata $errata_mask"
case_ runlock-start check_runlock_start
case_ status-json check_status_json
case_ best-effort-warning check_best_effort_warning
case_ unprivileged check_unprivileged
case_ conformance check_conformance
[ "$cli_tests" = true ] && case_ cli-tests check_cli_tests
[ "$cli_tests" = true ] && case_ i386-guards check_i386_guards
[ "$cli_tests" = true ] && case_ library check_library
rm -rf "$work"
echo "@@kernels done"
