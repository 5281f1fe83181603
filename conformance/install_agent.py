#!/usr/bin/env python3
"""meson install step of the Linux tree: copies the PE agent of the x86_64
MinGW tree (-Dwin_build_dir) into <prefix>/<libexecdir>/rasconform, and the
i686 tree's (-Dwin32_build_dir, for 32-bit DLLs) into its i686/ folder, where
the installed rasconform finds them (conformance/wine_agent.cpp, find_agent):
rasconform.exe, rasconform-host.exe and rasconform-canary.dll beside it and
reentry/mprapi.dll."""
import os
import shutil
import sys

win_build_dir, libexec_subdir = sys.argv[1], sys.argv[2]
dest = os.path.join(os.environ['MESON_INSTALL_DESTDIR_PREFIX'], libexec_subdir)
files = ['rasconform.exe', 'rasconform-host.exe', 'rasconform-canary.dll', os.path.join('reentry', 'mprapi.dll')]
missing = [f for f in files if not os.path.isfile(os.path.join(win_build_dir, 'conformance', f))]
if missing:
    sys.exit(f"install: the agent is not built in {win_build_dir} (missing {', '.join(missing)}): "
             f"run `ninja -C {win_build_dir} agent` first")
for f in files:
    target = os.path.join(dest, f)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copy2(os.path.join(win_build_dir, 'conformance', f), target)
    if not os.environ.get('MESON_INSTALL_QUIET'):
        print(f'Installing {f} (the PE agent) to {os.path.dirname(target)}')
