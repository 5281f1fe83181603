"""What a rasconform binary accepts, read from its own help and `list` output,
so that the CI templates are checked against the tool they call and not
against a copy of its options that could drift."""
import json
import re
import subprocess

# CLI11's type names: an option shown with one takes a value.
VALUE_TYPES = re.compile(r'^(TEXT|INT|UINT|FLOAT|ENUM|NUMBER|PATH|FILE|DIR)\b')


class Unusable(Exception):
    """The binary cannot be asked (missing, crashes, help not understood)."""


def _run(exe, *args):
    try:
        done = subprocess.run([exe, *args], capture_output=True, text=True, timeout=60)
    except OSError as e:
        raise Unusable(f'{exe}: cannot run: {e.strerror}')
    if done.returncode != 0:
        raise Unusable(f'{exe} {" ".join(args)}: exit status {done.returncode}: {done.stderr.strip()}')
    return done.stdout


def _section(help_text, title):
    """The indented lines under "Title:" in CLI11's help."""
    lines, inside = [], False
    for line in help_text.splitlines():
        if not line.startswith(' '):
            inside = line.strip() == title + ':'
        elif inside:
            lines.append(line)
    return lines


class Option:
    def __init__(self, takes_value, allowed):
        self.takes_value = takes_value
        self.allowed = allowed  # set of the values CLI11 accepts, or None: any


class Cli:
    def __init__(self, exe):
        self.exe = exe
        self.subcommands = {line.split()[0] for line in _section(_run(exe, '--help'), 'Subcommands')
                            if line.startswith('  ') and not line.startswith('   ')}
        if 'check' not in self.subcommands:
            raise Unusable(f'{exe} --help: no subcommand "check" listed; not rasconform?')
        listing = json.loads(_run(exe, 'list', '--format', 'json'))
        self.profiles = {p['name'] for p in listing['profiles']}
        self._options = {}

    def has(self, sub):
        return sub in self.subcommands

    def options(self, sub):
        """Option name -> Option for a subcommand, every alias ("-o" and "--output")."""
        if sub not in self._options:
            self._options[sub] = self._parse_options(_run(self.exe, sub, '--help'))
        return self._options[sub]

    @staticmethod
    def _parse_options(help_text):
        options = {}
        for line in _section(help_text, 'Options'):
            m = re.match(r'^  (-\S+)\s*(.*)$', line)
            if not m:
                continue  # a description's continuation line
            names, rest = m.group(1).split(','), m.group(2)
            allowed = re.match(r'^\w+:\{([^}]*)\}', rest)
            option = Option(bool(VALUE_TYPES.match(rest)),
                            set(allowed.group(1).split(',')) if allowed else None)
            for name in names:
                options[name] = option
        return options
