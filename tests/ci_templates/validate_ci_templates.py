#!/usr/bin/env python3
"""Checks a CI template of ci/templates (issue 9) against the rasconform it
calls: YAML syntax; the structure its CI system requires; every rasconform
command a real subcommand with real options and values (from the binary's
own --help); the matrix of profiles `rasconform list --format json` knows;
a check per cell writing JSON, JUnit, SARIF, HTML and a certification
bundle, each published; a fan-in job merging the cells' JSON reports; every
published path written by its job.

Usage: validate_ci_templates.py RASCONFORM {github|gitlab} FILE
Prints one line per problem, "FILE: what is wrong". Exit status 0: none;
1: problems; 2: unusable input (no such FILE, rasconform does not answer).
"""
import os
import sys

import yaml

import github_actions
import gitlab_ci
import rasconform_cli
from template_model import available_reports, covers

READERS = {'github': github_actions.read, 'gitlab': gitlab_ci.read}

# Which kind of publication each result needs, per CI system: GitHub shows
# SARIF in code scanning and keeps JUnit as a file; GitLab shows JUnit in
# merge requests and keeps SARIF as a file (its reports:sast is not SARIF).
PUBLISHED_AS = {
    'github': {'junit': 'artifact', 'sarif': 'sarif', 'html': 'artifact', 'bundle': 'artifact'},
    'gitlab': {'junit': 'junit', 'sarif': 'artifact', 'html': 'artifact', 'bundle': 'artifact'},
}


def is_placeholder(value):
    return '{' in value or '$' in value


def check_command(words, cli, problems, where):
    """One rasconform command line against the binary's subcommands and options."""
    if len(words) < 2 or words[1].startswith('-'):
        return
    sub = words[1]
    if not cli.has(sub):
        problems.append(f'{where}: "rasconform {sub}": no such subcommand')
        return
    options = cli.options(sub)
    i = 2
    while i < len(words):
        word = words[i]
        i += 1
        if not word.startswith('-') or word == '-':
            continue
        name, _, inline = word.partition('=')
        option = options.get(name)
        if option is None:
            problems.append(f'{where}: "rasconform {sub} {name}": no such option')
            continue
        if not option.takes_value:
            continue
        if inline:
            value = inline
        elif i < len(words):
            value = words[i]
            i += 1
        else:
            problems.append(f'{where}: "rasconform {sub} {name}": no value')
            continue
        if option.allowed is not None and not is_placeholder(value) and value not in option.allowed:
            problems.append(f'{where}: "rasconform {sub} {name} {value}": not one of {sorted(option.allowed)}')
        if name == '--profile' and not is_placeholder(value) and value not in cli.profiles | {'all'}:
            problems.append(f'{where}: "rasconform {sub} --profile {value}": no such profile')


def positionals(words, cli):
    options = cli.options(words[1])
    found, i = [], 2
    while i < len(words):
        word = words[i]
        i += 1
        if word.startswith('-'):
            option = options.get(word.partition('=')[0])
            if option is not None and option.takes_value and '=' not in word:
                i += 1
        else:
            found.append(word)
    return found


def validate(jobs, cli, system):
    problems = []
    by_name = {job.name: job for job in jobs}
    for job in jobs:
        for need in job.needs:
            if need not in by_name:
                problems.append(f'job {job.name}: needs "{need}", no such job')
        runs_rasconform = any(words[0] == 'rasconform' for words in job.commands)
        if runs_rasconform and not job.image:
            problems.append(f'job {job.name}: runs rasconform but names no container image')
        for words in job.commands:
            if words[0] == 'rasconform':
                check_command(words, cli, problems, f'job {job.name}')
        produced = [path for _, path in job.produced()]
        for kind, path in job.published:
            if not any(covers(path, p) for p in produced):
                problems.append(f'job {job.name}: publishes {path} ({kind}), which no command of the job writes')

    matrix_jobs = [job for job in jobs if job.matrix and any(w[:2] == ['rasconform', 'check'] for w in job.commands)]
    if not matrix_jobs:
        problems.append('no job runs "rasconform check" over a matrix')
    for job in matrix_jobs:
        profiles = job.matrix.get('profile')
        if not profiles:
            problems.append(f'job {job.name}: the matrix has no "profile" axis')
        for profile in profiles or []:
            if profile not in cli.profiles:
                problems.append(f'job {job.name}: matrix profile "{profile}": rasconform list names no such profile')
        produced = job.produced()
        checks = [w for w in job.commands if w[:2] == ['rasconform', 'check']]
        if not any('--profile' in w and w[w.index('--profile') + 1:][:1] == ['{profile}'] for w in checks):
            problems.append(f'job {job.name}: no "rasconform check --profile" taking the matrix profile')
        if not any(what == ('check', 'json') for what, _ in produced):
            problems.append(f'job {job.name}: no "rasconform check --format json --output" (merge reads JSON)')
        for result, kind in PUBLISHED_AS[system].items():
            paths = [path for (sub, fmt), path in produced if fmt == result and sub != 'file']
            if not paths:
                problems.append(f'job {job.name}: writes no {result} result')
            elif not any(k == kind and covers(p, path) for k, p in job.published for path in paths):
                problems.append(f'job {job.name}: the {result} result ({paths[0]}) is not published as {kind}')

    fan_ins = [job for job in jobs if any(n in {m.name for m in matrix_jobs} for n in job.needs)
               and any(w[:2] == ['rasconform', 'merge'] for w in job.commands)]
    if matrix_jobs and not fan_ins:
        problems.append('no job needs the matrix job and runs "rasconform merge" over its reports')
    for job in fan_ins:
        reports = [r for n in job.needs if n in by_name for r in available_reports(job, by_name[n], system)]
        for words in job.commands:
            if words[:2] != ['rasconform', 'merge']:
                continue
            inputs = positionals(words, cli)
            if not inputs:
                problems.append(f'job {job.name}: "rasconform merge" without reports')
            for pattern in inputs:
                if not any(covers(pattern, r) for r in reports):
                    problems.append(f'job {job.name}: "rasconform merge {pattern}": matches none of the matrix '
                                    f'job\'s JSON reports as this job gets them ({", ".join(reports) or "none"})')
        merged = [path for (sub, _), path in job.produced() if sub == 'merge']
        if not any(kind == 'artifact' and covers(p, m) for kind, p in job.published for m in merged):
            problems.append(f'job {job.name}: keeps none of the merged reports as an artifact')
    return problems


def check_file(cli, system, path):
    """(exit status, output lines) of one template; OSError if unreadable."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, 'problem_mark', None)
        line = f'line {mark.line + 1}: ' if mark else ''
        return 1, [f'{path}: {line}not valid YAML: {getattr(e, "problem", None) or e}']
    problems = []
    jobs = READERS[system](data, problems)
    problems += validate(jobs, cli, system)
    lines = [f'{path}: {problem}' for problem in problems]
    if not problems:
        lines.append(f'{os.path.basename(path)}: {len(jobs)} jobs, valid')
    return (1 if problems else 0), lines


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in READERS:
        sys.exit('usage: validate_ci_templates.py RASCONFORM {github|gitlab} FILE')
    exe, system, path = sys.argv[1:]
    try:
        status, lines = check_file(rasconform_cli.Cli(exe), system, path)
    except OSError as e:
        print(f'{path}: cannot read: {e.strerror}', file=sys.stderr)
        return 2
    except rasconform_cli.Unusable as e:
        print(e, file=sys.stderr)
        return 2
    print('\n'.join(lines))
    return status


if __name__ == '__main__':
    sys.exit(main())
