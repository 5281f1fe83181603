#!/usr/bin/env python3
"""The container recipe's check and the install script's dry run catch what
they are there to catch: broken copies of the Containerfile, and one copy of
the source tree broken in four ways at once (the dry run reports every
problem, and one run keeps this test at a few seconds).

Usage: broken_container.py CHECKER SOURCE_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile

RECIPE = os.path.join('ci', 'container', 'Containerfile')

# (what is broken, text of the Containerfile, replacement, expected in the output)
RECIPE_CASES = [
    ('another base image', 'FROM debian:12', 'FROM debian:11', 'must start FROM debian:12, not debian:11'),
    ('Wine prefix not set', 'RASCONFORM_WINE_PREFIX=/opt/rasconform/wineprefix', 'RASCONFORM_WINE_PREFIXES=/x',
     'ENV sets no absolute RASCONFORM_WINE_PREFIX'),
    ('Wine told another prefix', 'WINEPREFIX=/opt/rasconform/wineprefix \\', 'WINEPREFIX=/root/.wine \\',
     "ENV WINEPREFIX is '/root/.wine'"),
    ('RUN without the script', 'RUN /usr/src/rasconform/ci/container/install.sh',
     'RUN /usr/src/rasconform/ci/container/setup.sh', '0 RUN steps call /usr/src/rasconform/ci/container/install.sh'),
    ('a RUN step of its own', '\nWORKDIR', '\nRUN apt-get install -y vim\nWORKDIR', 'a RUN step other than'),
]

# (file in the tree, text, replacement, expected in the output); None: delete the file.
TREE_BREAKS = [
    ('ci/lib.sh', '  meson ninja-build', '  meson no-such-package-rasconform ninja-build',
     'package no-such-package-rasconform is unknown to apt'),
    ('ci/lib.sh', '-Dunity_size=6', '-Dunity_sizes=6', 'no Meson option unity_sizes'),
    ('ci/x86_64-w64-mingw32.ini', None, None, 'ci/x86_64-w64-mingw32.ini: missing from the source tree'),
    ('.dockerignore', '\nbuild*\n', '\nbuild-native\n', 'does not leave out the build tree build-scratch'),
]


def run(checker, recipe, tree):
    done = subprocess.run([sys.executable, checker, recipe, tree], capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def main():
    checker, source_dir = sys.argv[1:]
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        tree = os.path.join(scratch, 'src')
        shutil.copytree(source_dir, tree, symlinks=True,
                        ignore=lambda d, names: [n for n in names if d == source_dir and
                                                 (n.startswith('build') or n in ('.git', '.cache'))])
        recipe_text = open(os.path.join(tree, RECIPE), encoding='utf-8').read()
        for what, old, new, expected in RECIPE_CASES:
            if old not in recipe_text:
                print(f'FAIL: {what}: the Containerfile no longer contains {old!r}')
                failures += 1
                continue
            broken = os.path.join(scratch, 'Containerfile')
            with open(broken, 'w', encoding='utf-8') as f:
                f.write(recipe_text.replace(old, new, 1))
            status, output = run(checker, broken, tree)
            if status != 1 or expected not in output:
                print(f'FAIL: {what}: exit status {status}, expected 1 and "{expected}"; got:\n{output}')
                failures += 1
            else:
                print(f'ok: {what}')

        os.mkdir(os.path.join(tree, 'build-scratch'))
        for path, old, new, _ in TREE_BREAKS:
            target = os.path.join(tree, path)
            if old is None:
                os.remove(target)
                continue
            text = open(target, encoding='utf-8').read()
            if old not in text:
                print(f'FAIL: {path} no longer contains {old!r}')
                failures += 1
            with open(target, 'w', encoding='utf-8') as f:
                f.write(text.replace(old, new, 1))
        status, output = run(checker, os.path.join(tree, RECIPE), tree)
        missed = [expected for *_, expected in TREE_BREAKS if expected not in output]
        if status != 1 or missed:
            print(f'FAIL: broken source tree: exit status {status}, expected 1 and {missed}; got:\n{output}')
            failures += 1
        else:
            print(f'ok: broken source tree, {len(TREE_BREAKS)} problems named')
    print(f'{len(RECIPE_CASES) + 1 - failures} of {len(RECIPE_CASES) + 1} broken inputs caught')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
