#!/usr/bin/env bash
# run.sh TREE TEMPLATE
# examples/template (TEMPLATE) used the way a vendor uses it (issue 9): the
# native rasconform tree TREE - whose install carries the PE agent of its
# -Dwin_build_dir tree - is installed into a scratch DESTDIR
# (tests/scratch_install.sh), a copy of the template outside the source tree
# (mktemp -d) is configured with its x86_64 cross file against that install
# (rasconform.pc through -Dbuild.pkg_config_path, the rasconform program on
# PATH), built,
# and its `meson test` - `rasconform check` on the DLL under Wine - must pass.
# Then the copy's MprAdminInitializeDll is made to return ERROR_ACCESS_DENIED
# and the same `meson test` must fail, naming INIT-3: the template's test can
# fail. Exit status 0 when both hold.
set -euo pipefail
tree=$(cd "$1" && pwd)
template=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
scratch=$tree/template-scratch
rm -rf "$scratch"
mkdir -p "$scratch"
pcdir=$("$here/../scratch_install.sh" "$tree" "$scratch/destdir")
program=$(find "$scratch/destdir" -path '*/bin/rasconform' -type f -print -quit)
[ -n "$program" ] || { echo "run.sh: the install of $tree has no bin/rasconform"; exit 1; }
bindir=$(dirname "$program")

copy=$(mktemp -d "${TMPDIR:-/tmp}/rasconform-template.XXXXXX")
trap 'rm -rf "$copy"' EXIT
cp -r "$template/." "$copy"
export PATH="$bindir:$PATH"

step() {  # step NAME COMMAND... : its output in $scratch/NAME.log, shown on failure
  local name=$1
  shift
  "$@" >"$scratch/$name.log" 2>&1 || { cat "$scratch/$name.log"; return 1; }
}
step setup meson setup "$copy/build" "$copy" --cross-file "$copy/cross/x86_64-w64-mingw32.ini" \
  -Dbuild.pkg_config_path="$pcdir" -Dcertify=enabled  # no rasconform on PATH: an error, not a test-less pass
grep -iE "dependency rasconform|program rasconform" "$scratch/setup.log" || true
step build ninja -C "$copy/build"
step test meson test -C "$copy/build" --no-rebuild --print-errorlogs
echo "template copy: built and certified by its own meson test"

# The deliberately broken copy: lifecycle.init-terminate must fail (INIT-3).
sed -i '/^DWORD APIENTRY MprAdminInitializeDll(VOID)/,/return NO_ERROR;/ s/return NO_ERROR;/return ERROR_ACCESS_DENIED;/' \
  "$copy/my_admin_dll.c"
grep -q 'return ERROR_ACCESS_DENIED;' "$copy/my_admin_dll.c" || { echo "run.sh: could not plant the bug"; exit 1; }
if meson test -C "$copy/build" >"$scratch/broken.log" 2>&1; then
  cat "$scratch/broken.log"
  echo "FAIL: the template's meson test passed a DLL whose MprAdminInitializeDll fails"
  exit 1
fi
grep -q "INIT-3" "$copy/build/meson-logs/testlog.txt" || {
  cat "$copy/build/meson-logs/testlog.txt"
  echo "FAIL: the broken copy's test failed without naming INIT-3"
  exit 1
}
echo "broken copy (MprAdminInitializeDll returns ERROR_ACCESS_DENIED): its meson test fails, naming INIT-3"
