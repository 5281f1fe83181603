# Shared by ci/test and ci/demo: package installation, Wine set-up and the
# build trees. Everything here is safe to run again.

# Debian 12 packages, nothing else: compilers, Meson, the header-only
# libraries (also used by the MinGW builds), a 64-bit Wine, jsonschema for
# the report-format test, headless Chromium for the HTML report test, and
# libarchive and libcrypto for certification bundles (native build only),
# PyYAML for the checks of the CI templates (tests/ci_templates).
RASCONFORM_PACKAGES=(
  meson ninja-build python3 python3-jsonschema python3-yaml g++ pkg-config
  libboost-test-dev libfmt-dev nlohmann-json3-dev libcli11-dev libtomlplusplus-dev libbenchmark-dev
  libarchive-dev libssl-dev
  g++-mingw-w64-x86-64-posix g++-mingw-w64-i686-posix
  wine wine64
  chromium
)

# wine32 as Debian's own Wine instructions have it, beside wine64: the
# environment most desktop users have, and the loader of the i686 agent that
# runs 32-bit DLLs. rasconform runs its x86_64 programs with the 64-bit
# loader either way (ci/bin/wine, conformance/wine_agent.cpp). The preloader
# reserves Wine's address space in one step: without it a 32-bit process
# under qemu (below) takes some 100 s to start instead of one.
RASCONFORM_FOREIGN_PACKAGES=(wine32:i386 wine32-preloader:i386)

install_packages() {
  local missing=() update=false
  if ! dpkg --print-foreign-architectures | grep -qx i386; then
    dpkg --add-architecture i386
    update=true
  fi
  for p in "${RASCONFORM_PACKAGES[@]}" "${RASCONFORM_FOREIGN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "ci: installing ${missing[*]}"
    update=true
  fi
  if $update; then apt-get update -qq; fi
  if ((${#missing[@]})); then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  enable_32bit_programs
}

# The i686 agent is a 32-bit program, and Wine's 32-bit loader an i386 ELF.
# A kernel without IA-32 emulation (ia32_emulation=off, as on the CI
# machines) refuses those with "Exec format error"; there qemu's user-mode
# i386 emulator, registered in binfmt_misc, runs them. Nothing changes where
# the kernel runs them itself. Known limit (README.md, "32-bit DLLs"): under
# qemu hardware faults reach Wine with the wrong codes.
enable_32bit_programs() {
  local loader=/usr/lib/wine/wine
  [ -x "$loader" ] || return 0  # no wine32: rasconform says so in every i686 dynamic case
  "$loader" --version >/dev/null 2>&1 && return 0
  if ! [ -x /usr/bin/qemu-i386-static ]; then
    echo "ci: this kernel runs no 32-bit programs; installing qemu-user-static for them"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user-static >/dev/null
  fi
  local binfmt=/proc/sys/fs/binfmt_misc
  mountpoint -q "$binfmt" || mount -t binfmt_misc binfmt_misc "$binfmt"
  # i386 ELF (executables and shared objects, EM_386) -> qemu-i386-static;
  # F: the interpreter is opened now, so it works in containers and chroots.
  if ! [ -e "$binfmt/qemu-i386" ]; then
    printf '%s' ':qemu-i386:M::\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00:\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-i386-static:F' \
      >"$binfmt/register"
  fi
  if ! "$loader" --version >/dev/null 2>&1; then
    echo "ci: 32-bit programs still do not run ($("$loader" --version 2>&1 | tail -n 1)); the i686 dynamic cases will say so" >&2
  fi
}

# A project-owned prefix (never ~/.wine), headless, booted outside Meson so
# that Wine's system processes do not hold a test's output pipe open
# (toolchain.md section 5). A prefix that no longer starts programs (one
# made before wine32 was installed, a damaged one) is made anew, once.
start_wine() {
  export WINEPREFIX="$1"
  export WINEDEBUG=-all
  export WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d"
  unset DISPLAY
  # ci/bin/wine: the 64-bit loader, whether or not wine32 is installed.
  export PATH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bin:$PATH"
  mkdir -p "$WINEPREFIX"
  if ! boot_prefix; then
    echo "ci: the Wine prefix $WINEPREFIX does not start programs ($(tail -n 1 "$WINEPREFIX.boot.log")); making it anew"
    wineserver -k 2>/dev/null || true
    rm -rf "$WINEPREFIX"
    mkdir -p "$WINEPREFIX"
    if ! boot_prefix; then
      echo "ci: cannot make the Wine prefix $WINEPREFIX:" >&2
      cat "$WINEPREFIX.boot.log" >&2
      return 1
    fi
  fi
}

# Starts the prefix's server (persistent: a server left by an earlier run is
# kept, `wineserver -p` then says so and exits 2), boots or updates the
# prefix, and proves that it starts a program. The output goes to
# $WINEPREFIX.boot.log.
boot_prefix() {
  local log="$WINEPREFIX.boot.log"
  wineserver -p >"$log" 2>&1 || true
  wine wineboot.exe -i </dev/null >>"$log" 2>&1 || { echo "wineboot exited with $?" >>"$log"; return 1; }
  local said
  said=$(wine cmd.exe /c echo rasconform-prefix-ok </dev/null 2>>"$log" | tr -d '\r') || true
  if [ "$said" != rasconform-prefix-ok ]; then
    echo "a test program (cmd.exe) did not run: ${said:-no output}" >>"$log"
    return 1
  fi
}

stop_wine() {
  [ -n "${WINEPREFIX:-}" ] && wineserver -k 2>/dev/null || true
}

# Say which command failed, whatever failed: set -e alone ends silently.
report_failure() {
  local status=$?
  echo "ci: $(basename "$0") failed (exit status $status) at line $1: $2" >&2
}

# setup_tree DIR [meson setup args...] : configure once, reconfigure after.
setup_tree() {
  local dir=$1
  shift
  if [ -f "$dir/build.ninja" ]; then
    local opts=()
    for a in "$@"; do [[ $a == -D* ]] && opts+=("$a"); done
    meson configure "$dir" "${opts[@]}" >/dev/null
  else
    meson setup "$dir" "$@" >/dev/null
  fi
}

# The three trees: x86_64 MinGW (agent, subjects, tests run under Wine),
# i686 MinGW (the agent for 32-bit DLLs, the 32-bit subjects and the
# compile-time x86 ABI check; no test programs) and native.
# Optimized without DWARF (-Ddebug=false): it costs a third of the compile
# time and nothing here reads it - fault addresses are named from the PE
# symbol table, which the MinGW linker keeps anyway (static functions too).
# For a debugger, configure a tree of your own with -Ddebug=true.
# Unity builds (six files per compiler run) parse the heavy headers (fmt,
# nlohmann-json, Boost.Test, <windows.h>) once per chunk: the native tree
# builds in 160 s instead of 207 s on 2 cores. Targets whose files clash
# when concatenated opt out in their meson.build.
unity_options=(-Dunity=on -Dunity_size=6)
configure_trees() {
  local root=$PWD
  setup_tree build-win --cross-file ci/x86_64-w64-mingw32.ini -Dwerror=true -Ddebug=false "${unity_options[@]}" \
    -Dpkgconfig.relocatable=true
  setup_tree build-i686 --cross-file ci/i686-w64-mingw32.ini -Dwerror=true -Ddebug=false -Dcore_only=false -Dtests=false \
    "${unity_options[@]}"
  setup_tree build-native -Dwerror=true -Ddebug=false "${unity_options[@]}" -Dwin_build_dir="$root/build-win" \
    -Dpkgconfig.relocatable=true \
    -Dwin32_build_dir="$root/build-i686"
}
