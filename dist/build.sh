#!/usr/bin/env bash
# Assembles runlock for users from the built jar (run by dist/pom.xml in the package phase):
#   DIST_TARGET/runlock-VERSION/          bin/runlock (the repository's launcher, layout=distribution),
#                                         lib/runtime (jlink: only the modules the jar needs),
#                                         lib/runlock.jar, lib/runlock.aot (trained on lib/runtime),
#                                         share/{man,bash-completion,zsh,fish,doc/runlock}
#   runlock-VERSION-linux-x86_64.tar.gz   that directory
#   runlock_DEBVERSION_amd64.deb          the same files under /usr/lib/runlock, with /usr/bin/runlock,
#                                         the man page and completions where Debian's tools look.
# The .deb is built with dpkg-deb from the same tree rather than jpackage: jpackage would wrap the
# jar in its own native launcher (losing the script's signal, descriptor and locale handling) and
# install under /opt. zstd: xz took minutes on a loaded machine for 30 % less.
set -euo pipefail
for v in DIST_VERSION DIST_JDK DIST_JAR DIST_LAUNCHER DIST_DOCS DIST_README DIST_TARGET DIST_JVM_FLAGS; do
  [ -n "${!v:-}" ] || { echo "build.sh: $v is not set" >&2; exit 1; }
done
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
started=$SECONDS
name="runlock-$DIST_VERSION"
tree="$DIST_TARGET/$name"
deb="$DIST_TARGET/deb"
rm -rf "$tree" "$deb" "$DIST_TARGET"/*.tar.gz "$DIST_TARGET"/*.deb
mkdir -p "$tree/bin" "$tree/lib" "$tree/share/doc/runlock/licenses"

modules="$("$DIST_JDK/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps "$DIST_JAR")"
"$DIST_JDK/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$tree/lib/runtime"
# The runtime's libraries must need nothing but glibc: that is the .deb's only dependency.
needed="$(find "$tree/lib/runtime" -type f \( -name '*.so' -o -perm -u+x \) -exec readelf -d {} + 2>/dev/null \
  | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)"
for lib in $needed; do
  case "$lib" in
    libc.so.6|libm.so.6|libdl.so.2|libpthread.so.0|librt.so.1|ld-linux-x86-64.so.2) ;;
    libjava.so|libjli.so|libjvm.so|libnet.so|libnio.so|libzip.so|libjimage.so|libverify.so) ;;
    *) echo "build.sh: the runtime needs $lib, which libc6 does not provide: add its package to Depends" >&2; exit 1 ;;
  esac
done

cp -p "$DIST_JAR" "$tree/lib/runlock.jar"
sed 's/^layout=repository$/layout=distribution/' "$DIST_LAUNCHER" >"$tree/bin/runlock"
grep -qx 'layout=distribution' "$tree/bin/runlock" \
  || { echo "build.sh: $DIST_LAUNCHER has no line layout=repository to switch" >&2; exit 1; }
chmod 755 "$tree/bin/runlock"
cp -r "$DIST_DOCS/." "$tree/share/"
cp "$DIST_README" "$tree/share/doc/runlock/README.md"
cp "$here/copyright" "$tree/share/doc/runlock/copyright"
cp /usr/share/common-licenses/Apache-2.0 "$tree/share/doc/runlock/licenses/Apache-2.0"

# The AOT cache must be trained with the runtime that will use it, and with the launcher's flags;
# a real sandboxed run (-Drunlock.aot.training=true skips only the final execve), as cli/pom.xml does.
conf="$DIST_TARGET/runlock.aotconf"
# shellcheck disable=SC2086 # DIST_JVM_FLAGS is a list of flags
"$tree/lib/runtime/bin/java" $DIST_JVM_FLAGS -XX:AOTMode=record -XX:AOTConfiguration="$conf" \
  -Drunlock.aot.training=true -jar "$tree/lib/runlock.jar" --ro "$tree/lib/runtime" --rw "$DIST_TARGET" -- /bin/true >"$DIST_TARGET/aot.log" 2>&1
# shellcheck disable=SC2086
"$tree/lib/runtime/bin/java" $DIST_JVM_FLAGS -XX:AOTMode=create -XX:AOTConfiguration="$conf" \
  -XX:AOTCache="$tree/lib/runlock.aot" -jar "$tree/lib/runlock.jar" >>"$DIST_TARGET/aot.log" 2>&1
rm -f "$conf"
chmod -R u=rwX,go=rX "$tree"

tar -C "$DIST_TARGET" --owner=0 --group=0 --numeric-owner -czf "$DIST_TARGET/$name-linux-x86_64.tar.gz" "$name"

# Debian: 0.1.0-SNAPSHOT becomes 0.1.0~SNAPSHOT (a hyphen would start a Debian revision; ~ sorts
# before the release). cp -a keeps the jar's mtime, which the AOT cache checks.
mkdir -p "$deb/DEBIAN" "$deb/usr/lib/runlock" "$deb/usr/bin" "$deb/usr/share/man/man1" "$deb/usr/share/doc/runlock"
cp -a "$tree/bin" "$tree/lib" "$deb/usr/lib/runlock/"
ln -s ../lib/runlock/bin/runlock "$deb/usr/bin/runlock"
gzip -9n <"$tree/share/man/man1/runlock.1" >"$deb/usr/share/man/man1/runlock.1.gz"
for completion in bash-completion zsh fish; do
  cp -a "$tree/share/$completion" "$deb/usr/share/"
done
cp "$here/copyright" "$deb/usr/share/doc/runlock/copyright"
gzip -9n <"$DIST_README" >"$deb/usr/share/doc/runlock/README.md.gz"
chmod -R u=rwX,go=rX "$deb/usr"
cat >"$deb/DEBIAN/control" <<CONTROL
Package: runlock
Version: ${DIST_VERSION/-/\~}
Architecture: amd64
Maintainer: runlock developers <runlock@localhost>
Installed-Size: $(du -sk "$deb/usr" | cut -f1)
Depends: libc6 (>= 2.17)
Section: admin
Priority: optional
Description: Landlock sandbox launcher: run a command that can only touch what you allow
 runlock restricts itself with Linux Landlock, then executes the command: it can only
 touch the paths, TCP/UDP ports and IPC you allow. No root, no containers. It speaks
 landrun's command line and adds automatic import of the executable and its shared
 libraries, a sandbox.toml config and best-effort degradation on older kernels.
 It brings its own minimal Java runtime in /usr/lib/runlock.
CONTROL
dpkg-deb --root-owner-group -Zzstd --build "$deb" "$DIST_TARGET/" >/dev/null
echo "dist: $(cd "$DIST_TARGET" && ls -- *.tar.gz *.deb | tr '\n' ' ')in $((SECONDS - started))s"
