#!/usr/bin/env bash
# scratch_install.sh TREE DESTDIR
# `meson install` of the rasconform build tree TREE into the scratch DESTDIR
# (rasconform.pc is relocatable, so the install works where it lands), the
# way a vendor's machine has rasconform. Prints the folder that holds
# rasconform.pc. Shared by tests/consumer/run.sh and tests/template/run.sh.
set -euo pipefail
tree=$1
destdir=$2
mkdir -p "$destdir"
meson install -C "$tree" --no-rebuild --quiet --destdir "$destdir" >"$destdir.log" 2>&1 || {
  cat "$destdir.log" >&2
  exit 1
}
pc=$(find "$destdir" -name rasconform.pc -print -quit)
[ -n "$pc" ] || { echo "$0: meson install of $tree wrote no rasconform.pc" >&2; exit 1; }
dirname "$pc"
