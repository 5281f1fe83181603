"""A CI template reduced to what the checks judge, the same for GitHub
Actions and GitLab CI: jobs with their matrix, the commands their scripts
run, what they publish (kind, path), which jobs they need, and how a job
gets the files of the jobs it needs."""
import fnmatch
import os


class Job:
    def __init__(self, name):
        self.name = name
        self.matrix = {}       # axis (lower case) -> values
        self.commands = []     # word lists, expanded (shell_script.commands)
        self.published = []    # (kind, path): kind 'artifact', 'junit' (a test report) or 'sarif' (code scanning)
        self.needs = []
        self.image = None
        self.uploads = []      # GitHub: (artifact name, [paths])
        self.downloads = []    # GitHub: (name or pattern, folder, merge_multiple)

    def produced(self):
        """(what, path) of every file or folder the job's commands write:
        what is ('check'|'merge', format), ('certify', 'bundle') or ('file', None)."""
        found = []
        for words in self.commands:
            if words[0] == 'rasconform' and len(words) > 1:
                sub, fmt, out = words[1], 'text', None
                for i, w in enumerate(words[:-1]):
                    if w == '--format':
                        fmt = words[i + 1]
                    elif w in ('--output', '-o'):
                        out = words[i + 1]
                if out:
                    found.append(((sub, 'bundle' if sub == 'certify' else fmt), out))
            elif words[0] == 'mkdir':
                found += [(('file', None), w.rstrip('/') + '/') for w in words[1:] if not w.startswith('-')]
            elif words[0] == 'cp' and len(words) > 2:
                found.append((('file', None), words[-1]))
        return found


def covers(published, path):
    """Whether a published path (a file, a folder "x/" or a glob) takes in path."""
    if published.endswith('/'):
        return path.startswith(published)
    if any(c in published for c in '*?['):
        return fnmatch.fnmatchcase(path, published)
    return path == published or path.startswith(published + '/')


def available_reports(fan_in, matrix_job, system):
    """Paths, in the fan-in job, of the JSON reports of the matrix job."""
    reports = [path for (sub, fmt), path in matrix_job.produced() if sub in ('check', 'merge') and fmt == 'json']
    if system == 'gitlab':
        # Artifacts of needed jobs come back at the paths they were saved from.
        return [r for r in reports if any(kind == 'artifact' and covers(p, r) for kind, p in matrix_job.published)]
    found = []
    for wanted, folder, merge_multiple in fan_in.downloads:
        for name, paths in matrix_job.uploads:
            # Any matrix cell's artifact name: its placeholders stand for every value.
            if not fnmatch.fnmatchcase(name, wanted):
                continue
            for r in reports:
                if any(covers(p, r) for p in paths):
                    where = folder if merge_multiple else f'{folder}/{name}'
                    found.append(f'{where}/{os.path.basename(r)}')
    return found
