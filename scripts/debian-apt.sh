# Sourced by scripts that need packages from other Debian suites (landrun, kernels, images).
# Uses a private apt state under $RUNLOCK_APT_DIR (default ~/.cache/runlock/apt) so the
# system's own apt configuration, lists and cache stay untouched. The mirror is the one this
# machine's apt already uses: nothing here names a host.

RUNLOCK_APT_DIR="${RUNLOCK_APT_DIR:-$HOME/.cache/runlock/apt}"

# Prints the Debian archive URI from the machine's apt configuration (deb822 or one-line).
debian_mirror() {
  local uri
  uri="$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | awk '{print $2}' | grep -v -e security -e updates | grep '/debian/*$' | head -n1)"
  if [ -z "$uri" ]; then
    uri="$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | sed 's/\[[^]]*\]//' | awk '{print $2}' | grep '/debian/*$' | head -n1)"
  fi
  [ -n "$uri" ] || { echo "no Debian mirror found in /etc/apt (sources.list, sources.list.d)" >&2; return 1; }
  printf '%s\n' "${uri%/}"
}

# Runs apt-get against the private state for SUITE: debian_apt SUITE apt-get-args...
debian_apt() {
  local suite="$1"; shift
  local dir="$RUNLOCK_APT_DIR/$suite" mirror
  mirror="$(debian_mirror)" || return 1
  mkdir -p "$dir/lists/partial" "$dir/archives/partial" "$dir/etc/preferences.d" "$dir/etc/apt.conf.d"
  local list="$dir/etc/sources.list"
  printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' "$mirror" "$suite" > "$list.new"
  mv "$list.new" "$list"
  apt-get -q -o Dir::Etc::sourcelist="$list" -o Dir::Etc::sourceparts=- \
    -o Dir::Etc::preferencesparts="$dir/etc/preferences.d" -o Dir::Etc::parts="$dir/etc/apt.conf.d" \
    -o Dir::State::lists="$dir/lists" -o Dir::Cache::archives="$dir/archives" \
    -o Dir::Cache="$dir" -o Dir::State::status=/dev/null -o APT::Architecture=amd64 \
    -o Debug::NoLocking=true -o APT::Sandbox::User=root "$@"
}

# Refreshes SUITE's package lists at most once a day.
debian_update() {
  local suite="$1" stamp="$RUNLOCK_APT_DIR/$1/updated"
  if [ -z "$(find "$stamp" -mtime -1 2>/dev/null)" ]; then
    debian_apt "$suite" update >&2 && touch "$stamp"
  fi
}

# Downloads PACKAGE (a name or name=version) from SUITE into the private cache and prints
# the .deb path: debian_download SUITE PACKAGE
debian_download() {
  local suite="$1" pkg="$2" dir="$RUNLOCK_APT_DIR/$1/debs"
  debian_update "$suite" || return 1
  mkdir -p "$dir"
  (cd "$dir" && debian_apt "$suite" download "$pkg" >&2) || return 1
  ls -t "$dir/${pkg%%=*}"_*.deb | head -n1
}

# Prints the newest package name in SUITE matching the extended regex: debian_newest SUITE REGEX
debian_newest() {
  debian_update "$1" || return 1
  debian_apt_cache "$1" pkgnames | grep -E "^$2\$" | sort -V | tail -n1
}

debian_apt_cache() {
  local suite="$1"; shift
  local dir="$RUNLOCK_APT_DIR/$suite"
  apt-cache -o Dir::Etc::sourcelist="$dir/etc/sources.list" -o Dir::Etc::sourceparts=- \
    -o Dir::State::lists="$dir/lists" -o Dir::Cache="$dir" -o Dir::State::status=/dev/null \
    -o Dir::Cache::pkgcache="$dir/pkgcache.bin" -o Dir::Cache::srcpkgcache="$dir/srcpkgcache.bin" "$@"
}
