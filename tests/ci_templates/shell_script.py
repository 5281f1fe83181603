"""The commands of a CI step's shell script, as far as the template checks
need them: simple commands split at ; && || |, variables expanded from the
job's environment and from earlier assignments in the script, matrix
variables kept as placeholders "{name}" (lower case) so that paths written
in different steps or systems compare equal."""
import re
import shlex

VARIABLE = re.compile(r'\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))')
SEPARATORS = {';', '&&', '||', '|', '&'}
ASSIGNMENT = re.compile(r'^([A-Za-z_]\w*)=(.*)$', re.S)


def expand(text, env):
    """$NAME and ${NAME} from env (itself already expanded); others stay."""
    return VARIABLE.sub(lambda m: env.get(m.group(1) or m.group(2), m.group(0)), text)


class ShellError(Exception):
    pass


def commands(script, env):
    """The simple commands of script, each a list of expanded words. Top-level
    assignments (OUT=...) update env for the commands after them."""
    found = []
    for line in re.sub(r'\\\n', ' ', script).splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=';&|')
        lexer.whitespace_split = True
        try:
            words = list(lexer)
        except ValueError as e:
            raise ShellError(f'cannot split the shell line "{line.strip()}": {e}')
        segment = []
        for word in words + [';']:
            if word not in SEPARATORS:
                segment.append(word)
                continue
            assignments = []
            while segment and ASSIGNMENT.match(segment[0]):
                assignments.append(ASSIGNMENT.match(segment.pop(0)).groups())
            if not segment:  # NAME=VALUE alone sets it for the rest of the script
                for name, value in assignments:
                    env[name] = expand(value, env)
            if segment:
                found.append([expand(w, env) for w in segment])
            segment = []
    return found
