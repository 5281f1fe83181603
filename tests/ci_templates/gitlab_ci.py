"""Reads a GitLab CI file into template_model jobs, with the problems of its
structure (what GitLab itself would refuse)."""
import shell_script
from template_model import Job

# Top-level keys that are not jobs (GitLab's "global keywords").
GLOBAL_KEYWORDS = {'stages', 'variables', 'default', 'include', 'workflow', 'image', 'services', 'cache',
                   'before_script', 'after_script', 'spec'}


def _variables(mapping):
    return {k: str(v['value'] if isinstance(v, dict) else v) for k, v in (mapping or {}).items()}


def _lines(script):
    """A script: a string, or a list of strings and nested lists."""
    if not isinstance(script, list):
        return [script]
    return [line for item in script for line in _lines(item)]


def read(data, problems):
    if not isinstance(data, dict):
        problems.append('not a mapping of CI keywords and jobs')
        return []
    stages = data.get('stages')
    default_image = (data.get('default') or {}).get('image') or data.get('image')
    global_env = _variables(data.get('variables'))
    jobs = []
    for name, spec in data.items():
        if name in GLOBAL_KEYWORDS or str(name).startswith('.'):
            continue
        if not isinstance(spec, dict) or 'script' not in spec:
            problems.append(f'job {name}: no "script:"')
            continue
        job = Job(name)
        jobs.append(job)
        if stages is not None and spec.get('stage', 'test') not in stages:
            problems.append(f'job {name}: stage "{spec.get("stage", "test")}" is not in "stages:"')
        job.image = spec.get('image') or default_image
        job.needs = [n['job'] if isinstance(n, dict) else n for n in spec.get('needs', [])]
        matrix = (spec.get('parallel') or {}).get('matrix') if isinstance(spec.get('parallel'), dict) else None
        env = dict(global_env)
        env.update(_variables(spec.get('variables')))
        if matrix is not None:
            if not isinstance(matrix, list) or not all(isinstance(cell, dict) for cell in matrix):
                problems.append(f'job {name}: "parallel: matrix:" must be a list of mappings')
                matrix = []
            for cell in matrix:
                for axis, values in cell.items():
                    values = values if isinstance(values, list) else [values]
                    job.matrix.setdefault(axis.lower(), []).extend(str(v) for v in values)
                    env[axis] = '{' + axis.lower() + '}'
        for key in ('before_script', 'script'):
            for line in _lines(spec.get(key) or []):
                if not isinstance(line, str):
                    problems.append(f'job {name}: {key}: {line!r} is not a string (a ": " in an unquoted line?)')
                    continue
                try:
                    job.commands += shell_script.commands(line, env)
                except shell_script.ShellError as e:
                    problems.append(f'job {name}: {e}')
        artifacts = spec.get('artifacts') or {}
        job.published += [('artifact', shell_script.expand(p, env)) for p in artifacts.get('paths', [])]
        junit = (artifacts.get('reports') or {}).get('junit', [])
        job.published += [('junit', shell_script.expand(p, env)) for p in ([junit] if isinstance(junit, str) else junit)]
    return jobs
