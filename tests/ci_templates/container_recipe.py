#!/usr/bin/env python3
"""Checks ci/container/Containerfile (issue 9) without building the image:
the recipe starts from Debian 12, copies the source tree in, sets the Wine
prefix rasconform and Wine will use, and its RUN calls the one install
script, which then runs here in its dry run on the same source tree with the
same environment (every step printed; packages, files, cross file and Meson
options checked).

Usage: container_recipe.py CONTAINERFILE SOURCE_DIR
Prints one line per problem, "FILE: what is wrong". Exit status 0: none;
1: problems; 2: unusable input (no such file).
"""
import os
import shlex
import subprocess
import sys


def instructions(text):
    """(INSTRUCTION, arguments) with continuation lines joined, comments dropped."""
    found, pending = [], ''
    for line in text.splitlines():
        if line.lstrip().startswith('#') and not pending.strip():
            continue
        if line.rstrip().endswith('\\'):
            pending += line.rstrip()[:-1] + ' '
            continue
        line = pending + line
        pending = ''
        if line.strip() and not line.lstrip().startswith('#'):
            keyword, _, arguments = line.strip().partition(' ')
            found.append((keyword.upper(), arguments.strip()))
    return found


def env_settings(arguments):
    """ENV A=1 B="x y" -> {'A': '1', 'B': 'x y'} (the legacy "ENV A 1" form too)."""
    words = shlex.split(arguments)
    if words and '=' not in words[0]:
        return {words[0]: ' '.join(words[1:])}
    return dict(w.split('=', 1) for w in words if '=' in w)


def main():
    containerfile, source_dir = sys.argv[1:]
    try:
        with open(containerfile, encoding='utf-8') as f:
            steps = instructions(f.read())
    except OSError as e:
        print(f'{containerfile}: cannot read: {e.strerror}', file=sys.stderr)
        return 2
    problems = []
    froms = [args for keyword, args in steps if keyword == 'FROM']
    if not froms or froms[0].split()[0] != 'debian:12':
        problems.append(f'the image must start FROM debian:12, not {froms[0] if froms else "nothing"}')
    env = {}
    for keyword, args in steps:
        if keyword == 'ENV':
            env.update(env_settings(args))
    prefix = env.get('RASCONFORM_WINE_PREFIX', '')
    if not prefix.startswith('/'):
        problems.append('ENV sets no absolute RASCONFORM_WINE_PREFIX (the booted prefix rasconform uses)')
    elif env.get('WINEPREFIX') != prefix:
        problems.append(f'ENV WINEPREFIX is {env.get("WINEPREFIX")!r}, not RASCONFORM_WINE_PREFIX ({prefix}): '
                        'a MinGW project\'s meson setup would boot another prefix')
    copies = [shlex.split(args) for keyword, args in steps if keyword == 'COPY']
    tree = next((words[-1].rstrip('/') for words in copies if words[:-1] == ['.']), None)
    if tree is None:
        problems.append('no "COPY . DIR" of the source tree')
    runs = [shlex.split(args) for keyword, args in steps if keyword == 'RUN']
    script = f'{tree}/ci/container/install.sh'
    calls = [words for words in runs if words and words[0] == script]
    if tree is not None and len(calls) != 1:
        problems.append(f'{len(calls)} RUN steps call {script} (with the source tree {tree}); expected 1')
    elif tree is not None and calls[0][1:2] != [tree]:
        problems.append(f'RUN {script} is not given the source tree {tree}')
    if tree is not None and len(runs) != len(calls):
        problems.append('a RUN step other than the install script: ci/test dry-runs the script alone')
    for problem in problems:
        print(f'{containerfile}: {problem}')
    if problems:
        return 1
    dry_env = dict(os.environ, **{k: v for k, v in env.items() if k.startswith('RASCONFORM_')})
    done = subprocess.run(['bash', os.path.join(source_dir, 'ci', 'container', 'install.sh'), '--dry-run', source_dir],
                          env=dry_env, capture_output=True, text=True)
    print(done.stdout, end='')
    print(done.stderr, end='')
    return 0 if done.returncode == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
