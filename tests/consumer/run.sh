#!/usr/bin/env bash
# run.sh TREE native|mingw ADMIN_DLL
# Installs the rasconform build tree TREE into a scratch DESTDIR (under
# TREE/consumer-scratch), then configures, builds and tests this folder's
# outside project against it through pkg-config: natively with
# PKG_CONFIG_PATH, or with MinGW through a cross file whose pkg-config sees
# only the MinGW install (the test binary then runs under Wine, the suite
# in-process). The native install carries the -Dwin_build_dir tree's PE agent.
# ADMIN_DLL: the PE admin DLL the suite runs on. Exit status: the consumer's tests.
set -euo pipefail
tree=$(cd "$1" && pwd)
kind=$2
dll=$3
here=$(cd "$(dirname "$0")" && pwd)
source_root=$(cd "$here/../.." && pwd)
scratch=$tree/consumer-scratch
rm -rf "$scratch"
mkdir -p "$scratch"

pcdir=$("$here/../scratch_install.sh" "$tree" "$scratch/destdir")

setup=(meson setup "$scratch/build" "$here" -Dadmin_dll="$dll")
if [ "$kind" = mingw ]; then
  # Only the MinGW install: the host's own .pc files (fmt, ...) are not for it.
  cat >"$scratch/pkgconfig.ini" <<INI
[binaries]
pkgconfig = 'pkg-config'

[properties]
pkg_config_libdir = ['$pcdir']
INI
  setup+=(--cross-file "$source_root/ci/x86_64-w64-mingw32.ini" --cross-file "$scratch/pkgconfig.ini")
  env PKG_CONFIG_PATH= "${setup[@]}" >"$scratch/setup.log" 2>&1 || { cat "$scratch/setup.log"; exit 1; }
else
  PKG_CONFIG_PATH="$pcdir" "${setup[@]}" >"$scratch/setup.log" 2>&1 || { cat "$scratch/setup.log"; exit 1; }
fi
grep -E "Run-time dependency rasconform|Dependency rasconform" "$scratch/setup.log" || true
ninja -C "$scratch/build" >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; exit 1; }
status=0
meson test -C "$scratch/build" --no-rebuild --print-errorlogs || status=1
[ $status -eq 0 ] || cat "$scratch/build/meson-logs/testlog.txt"
exit $status
