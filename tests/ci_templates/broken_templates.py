#!/usr/bin/env python3
"""The validator of the CI templates catches what it is there to catch: each
case below breaks a copy of a template in one way and expects
validate_ci_templates.py to fail (exit status 1) with a line naming the
problem (in this process, asking the binary once: the whole test takes a
second). A case whose text is no longer in the template fails too, so the
cases follow the templates instead of silently testing nothing.

Usage: broken_templates.py RASCONFORM GITHUB_TEMPLATE GITLAB_TEMPLATE
"""
import os
import subprocess
import sys
import tempfile

import rasconform_cli
import validate_ci_templates

# (system, what is broken, text of the template, replacement, expected in the output)
CASES = [
    ('github', 'YAML syntax', '      fail-fast: false\n', '      fail-fast: false\n     bad: [\n', 'not valid YAML'),
    ('github', 'no events', '\non:\n', '\nwhen:\n', 'no "on:"'),
    ('github', 'unknown profile', 'profile: [ws2016, ws2019, ws2022]', 'profile: [ws2016, ws2025]',
     'matrix profile "ws2025"'),
    ('github', 'no profile axis', '        profile: [ws2016', '        windows: [ws2016', 'no "profile" axis'),
    ('github', 'unknown subcommand', 'rasconform certify "$DLL"', 'rasconform certfy "$DLL"',
     '"rasconform certfy": no such subcommand'),
    ('github', 'unknown option', '--format json --output "$OUT.json"', '--formt json --output "$OUT.json"',
     '"rasconform check --formt": no such option'),
    ('github', 'unknown format', '--format sarif --output', '--format sarif2 --output', 'sarif2": not one of'),
    ('github', 'artifact nobody writes', '-${{ matrix.profile }}.html\n', '-${{ matrix.profile }}.htm\n',
     'publishes results/{dll}-{profile}.htm (artifact), which no command of the job writes'),
    ('github', 'SARIF not uploaded', 'sarif_file:', 'sarif_files:', 'is not published as sarif'),
    ('github', 'merge gets no reports', 'pattern: rasconform-*', 'pattern: reports-*',
     "matches none of the matrix job's JSON reports"),
    ('github', 'needs an unknown job', 'needs: check\n', 'needs: checks\n', 'needs "checks", no such job'),
    ('github', 'no container', "    container:\n      image: ${{ vars.RASCONFORM_IMAGE || 'ghcr.io/your-org/"
     "rasconform-ci:latest' }}\n    permissions:", '    permissions:', 'names no container image'),
    ('gitlab', 'YAML syntax', 'stages: [build, check, merge]', 'stages: [build, check, merge', 'not valid YAML'),
    ('gitlab', 'unquoted ": " in a script line', '- exit $status', '- exit: $status', 'is not a string'),
    ('gitlab', 'unknown profile', 'PROFILE: [ws2016, ws2019, ws2022]', 'PROFILE: [ws2016, windows11]',
     'matrix profile "windows11"'),
    ('gitlab', 'JUnit report nobody writes', 'junit: results/*.junit.xml', 'junit: results/*.xml.junit',
     'is not published as junit'),
    ('gitlab', 'stage not declared', 'stage: merge', 'stage: publish', 'stage "publish" is not in "stages:"'),
    ('gitlab', 'merge reads other files', 'merge results/*.json --format json', 'merge reports/*.json --format json',
     '"rasconform merge reports/*.json": matches none'),
    ('gitlab', 'bad format value', '--profile "$PROFILE" --format json', '--profile "$PROFILE" --format xml',
     '--format xml": not one of'),
    ('gitlab', 'no certification bundle', '-o "$OUT.bundle.tar"', '"$OUT.bundle.tar"', 'writes no bundle result'),
    ('gitlab', 'no image', 'default:\n  image: $RASCONFORM_IMAGE\n', '', 'names no container image'),
]


def main():
    exe, github, gitlab = sys.argv[1:]
    validator = validate_ci_templates.__file__
    cli = rasconform_cli.Cli(exe)
    originals = {'github': open(github, encoding='utf-8').read(), 'gitlab': open(gitlab, encoding='utf-8').read()}
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        # The validator's own bad input: a binary that is not there.
        done = subprocess.run([sys.executable, validator, os.path.join(scratch, 'none'), 'github', github],
                              capture_output=True, text=True)
        if done.returncode != 2:
            print(f'FAIL: no rasconform binary: exit status {done.returncode}, expected 2')
            failures += 1
        for system, what, old, new, expected in CASES:
            if old not in originals[system]:
                print(f'FAIL: {system}, {what}: the template no longer contains {old!r}')
                failures += 1
                continue
            copy = os.path.join(scratch, f'{system}.yml')
            with open(copy, 'w', encoding='utf-8') as f:
                f.write(originals[system].replace(old, new, 1))
            status, lines = validate_ci_templates.check_file(cli, system, copy)
            output = '\n'.join(lines)
            if status != 1 or expected not in output:
                print(f'FAIL: {system}, {what}: exit status {status}, expected 1 and "{expected}"; got:\n{output}')
                failures += 1
            else:
                print(f'ok: {system}, {what}: {next(l for l in output.splitlines() if expected in l)}')
    print(f'{len(CASES) + 1 - failures} of {len(CASES) + 1} broken inputs caught')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
