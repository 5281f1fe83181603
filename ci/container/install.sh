#!/usr/bin/env bash
# The one script of ci/container/Containerfile: installs rasconform into a
# Debian 12 image and leaves a booted Wine prefix behind, so that a CI job's
# first `rasconform check` runs the suite at once instead of spending its
# first minute in wineboot.
#
# ci/test runs it with --dry-run (tests/ci_templates): every step is printed
# and checked as far as that can be done in seconds without installing or
# building anything: the source tree has the files the steps read, the build
# context leaves the build trees out, apt knows every package, the cross file
# is complete and every Meson option the trees are configured with exists.
#
# Usage: ci/container/install.sh [--dry-run] [SOURCE_DIR]
#   SOURCE_DIR  the rasconform source tree (default: the one holding this script)
# Environment (the Containerfile sets both):
#   RASCONFORM_PREFIX       install prefix, default /usr/local; the MinGW tree
#                           (headers and libraries for Windows builds) goes to
#                           PREFIX/x86_64-w64-mingw32
#   RASCONFORM_WINE_PREFIX  the Wine prefix to boot, default
#                           /opt/rasconform/wineprefix; rasconform's
#                           --wine-prefix default reads the same variable
# Exit status: 0 done (dry run: no problem found); 2 a problem, one line each,
# "FILE: what is wrong" (a real run stops at the first).
set -euo pipefail

dry_run=false
if [ "${1:-}" = --dry-run ]; then
  dry_run=true
  shift
fi
source_arg=${1:-$(dirname "$0")/../..}
if [ ! -d "$source_arg" ]; then
  echo "install.sh: $source_arg: no such source directory" >&2
  exit 2
fi
source_dir=$(cd "$source_arg" && pwd)
prefix=${RASCONFORM_PREFIX:-/usr/local}
wine_prefix=${RASCONFORM_WINE_PREFIX:-/opt/rasconform/wineprefix}
build_root=$source_dir/build-image
cd "$source_dir"

problems=0
problem() {
  echo "$1: $2" >&2
  problems=$((problems + 1))
  $dry_run || exit 2
}
steps=0
step() {
  steps=$((steps + 1))
  echo "== step $steps: $*"
}
run() {
  if $dry_run; then
    echo "would run: $*"
  else
    echo "+ $*"
    "$@"
  fi
}

step "source tree $source_dir"
# The files the steps below read; without ci/lib.sh nothing else can be checked.
for f in meson.build meson_options.txt ci/lib.sh ci/x86_64-w64-mingw32.ini conformance/install_agent.py \
  examples/reference_admin_dll.c .dockerignore; do
  [ -f "$f" ] || problem "$source_dir/$f" "missing from the source tree"
done
[ -f ci/lib.sh ] || exit 2
# shellcheck source=ci/lib.sh
source ci/lib.sh

step "build context"
# A build tree copied into the image costs hundreds of MB and, being
# configured for another path, would be rebuilt anyway: .dockerignore must
# leave out every build* folder there is (ci/test's build-native, build-win,
# build-wine...).
if [ -f .dockerignore ]; then
  mapfile -t ignored < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e 's|/$||' -e 's|^/||' .dockerignore | grep -v '^$' || true)
  for dir in build*/; do
    [ -d "$dir" ] || continue
    dir=${dir%/}
    covered=false
    for pattern in "${ignored[@]}"; do
      # shellcheck disable=SC2053  # the pattern is a glob on purpose
      [[ $dir == $pattern ]] && covered=true
    done
    $covered || problem "$source_dir/.dockerignore" "does not leave out the build tree $dir"
  done
fi

step "packages (ci/lib.sh RASCONFORM_PACKAGES): ${RASCONFORM_PACKAGES[*]}"
if $dry_run; then
  # One apt-cache call (1.5 s, most of it reading the cache): its records
  # name the packages apt knows; the rest are the problems.
  known=$(apt-cache show --no-all-versions "${RASCONFORM_PACKAGES[@]}" 2>/dev/null | sed -n 's/^Package: //p' || true)
  for p in "${RASCONFORM_PACKAGES[@]}"; do
    grep -qxF "$p" <<<"$known" || problem "$source_dir/ci/lib.sh" "package $p is unknown to apt (apt-cache show $p)"
  done
  echo "would run: install_packages (apt-get update, apt-get install --no-install-recommends)"
else
  install_packages  # apt's lists are the Containerfile's to remove: this script may run outside a container
fi

step "Wine prefix $wine_prefix"
[[ $wine_prefix == /* ]] || problem "RASCONFORM_WINE_PREFIX" "$wine_prefix is not an absolute path"
# Before the MinGW tree's meson setup: its compiler check runs an exe under
# Wine, which would otherwise create ~/.wine (toolchain.md section 2).
run start_wine "$wine_prefix"

step "configure $build_root/win (x86_64 MinGW: the agent) and $build_root/native (the Linux tool)"
# As ci/lib.sh configure_trees, without the tests (an image needs none of
# them) and without -Dwerror (a user's newer compiler must not stop the
# image build over a warning).
win_args=(--cross-file ci/x86_64-w64-mingw32.ini --prefix "$prefix/x86_64-w64-mingw32" -Ddebug=false -Dtests=false
  "${unity_options[@]}")
native_args=(--prefix "$prefix" -Ddebug=false -Dtests=false "${unity_options[@]}" -Dwin_build_dir="$build_root/win")
if $dry_run; then
  [[ $prefix == /* ]] || problem "RASCONFORM_PREFIX" "$prefix is not an absolute path"
  # Meson reads the options of a source tree without configuring it (0.7 s).
  options=$(meson introspect --buildoptions meson.build 2>/dev/null |
    python3 -c 'import json, sys; print("\n".join(o["name"] for o in json.load(sys.stdin)))') ||
    problem "$source_dir/meson.build" "meson introspect --buildoptions fails"
  for a in "${win_args[@]}" "${native_args[@]}"; do
    if [[ $a == -D* ]]; then
      name=${a#-D}
      name=${name%%=*}
      grep -qxF "$name" <<<"$options" || problem "$source_dir/meson_options.txt" "no Meson option $name (used as $a)"
    fi
  done
  python3 - ci/x86_64-w64-mingw32.ini <<'PY' || problem "$source_dir/ci/x86_64-w64-mingw32.ini" "not a usable cross file"
import configparser, sys
ini = configparser.ConfigParser()
ini.read(sys.argv[1])
need = {'binaries': ['c', 'cpp', 'exe_wrapper'], 'host_machine': ['system', 'cpu_family', 'cpu', 'endian']}
sys.exit(any(key not in ini[section] for section, keys in need.items() if section in ini for key in keys)
         or any(section not in ini for section in need))
PY
fi
run meson setup "$build_root/win" "${win_args[@]}"
run meson setup "$build_root/native" "${native_args[@]}"

step "build"
run ninja -C "$build_root/win"
run ninja -C "$build_root/native"

step "install into $prefix (the agent into $prefix/libexec/rasconform)"
run meson install -C "$build_root/win" --quiet
run meson install -C "$build_root/native" --quiet

step "smoke check: the installed rasconform on the reference DLL, build trees removed"
# Removing the build trees first proves the installed tool finds the
# installed agent; the run also marks the prefix ready (.rasconform-ready),
# so no CI job repeats wineboot.
smoke=$(dirname "$wine_prefix")/reference_admin_dll.dll
run cp "$build_root/win/examples/reference_admin_dll.dll" "$smoke"
run rm -rf "$build_root"
run "$prefix/bin/rasconform" check "$smoke" --wine-prefix "$wine_prefix"
run rm -f "$smoke"
run stop_wine

if $dry_run; then
  if ((problems)); then
    echo "install.sh: dry run: $problems problem(s) in $steps steps" >&2
    exit 2
  fi
  echo "install.sh: dry run: $steps steps, no problem found"
fi
