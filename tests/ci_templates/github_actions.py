"""Reads a GitHub Actions workflow into template_model jobs, with the
problems of its structure (what GitHub itself would refuse)."""
import re

import shell_script
from template_model import Job

MATRIX = re.compile(r'\$\{\{\s*matrix\.(\w+)\s*\}\}')
ENV = re.compile(r'\$\{\{\s*env\.(\w+)\s*\}\}')


def _expression_free(text, env):
    """${{ matrix.x }} as the placeholder {x}, ${{ env.X }} by its value."""
    text = MATRIX.sub(lambda m: '{' + m.group(1).lower() + '}', str(text))
    return ENV.sub(lambda m: env.get(m.group(1), m.group(0)), text)


def read(data, problems):
    if not isinstance(data, dict):
        problems.append('not a mapping of workflow keys')
        return []
    # YAML 1.1 reads the key `on` as true.
    if True not in data and 'on' not in data:
        problems.append('no "on:" (the events that start the workflow)')
    if not isinstance(data.get('jobs'), dict) or not data['jobs']:
        problems.append('no "jobs:" mapping')
        return []
    workflow_env = {k: str(v) for k, v in (data.get('env') or {}).items()}
    jobs = []
    for name, spec in data['jobs'].items():
        if not isinstance(spec, dict):
            problems.append(f'job {name}: not a mapping')
            continue
        job = Job(name)
        jobs.append(job)
        if 'runs-on' not in spec:
            problems.append(f'job {name}: no "runs-on:"')
        needs = spec.get('needs', [])
        job.needs = [needs] if isinstance(needs, str) else list(needs)
        container = spec.get('container')
        job.image = container.get('image') if isinstance(container, dict) else container
        matrix = ((spec.get('strategy') or {}).get('matrix')) or {}
        job.matrix = {axis.lower(): [str(v) for v in values] for axis, values in matrix.items()
                      if axis not in ('include', 'exclude') and isinstance(values, list)}
        env = dict(workflow_env)
        for key, value in (spec.get('env') or {}).items():
            env[key] = shell_script.expand(_expression_free(value, env), env)
        steps = spec.get('steps')
        if not isinstance(steps, list) or not steps:
            problems.append(f'job {name}: no "steps:" list')
            continue
        for number, step in enumerate(steps, 1):
            if not isinstance(step, dict) or ('uses' in step) == ('run' in step):
                problems.append(f'job {name}, step {number}: needs exactly one of "uses:" and "run:"')
                continue
            step_env = dict(env)
            for key, value in (step.get('env') or {}).items():
                step_env[key] = shell_script.expand(_expression_free(value, env), env)
            if 'run' in step:
                try:
                    job.commands += shell_script.commands(_expression_free(step['run'], step_env), step_env)
                except shell_script.ShellError as e:
                    problems.append(f'job {name}, step {number}: {e}')
                continue
            action = str(step['uses']).split('@')[0]
            given = {k: _expression_free(v, step_env) for k, v in (step.get('with') or {}).items()}
            if action == 'actions/upload-artifact':
                paths = [p.strip() for p in given.get('path', '').splitlines() if p.strip()]
                if not paths or 'name' not in given:
                    problems.append(f'job {name}, step {number}: upload-artifact needs "name:" and "path:"')
                job.uploads.append((given.get('name', ''), paths))
                job.published += [('artifact', p) for p in paths]
            elif action == 'github/codeql-action/upload-sarif':
                if 'sarif_file' not in given:
                    problems.append(f'job {name}, step {number}: upload-sarif needs "sarif_file:"')
                else:
                    job.published.append(('sarif', given['sarif_file']))
            elif action == 'actions/download-artifact':
                wanted = given.get('pattern') or given.get('name') or '*'
                merge_multiple = str(given.get('merge-multiple', 'false')).lower() == 'true'
                job.downloads.append((wanted, given.get('path', '.').rstrip('/'), merge_multiple))
    return jobs
