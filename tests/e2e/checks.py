"""What every end-to-end script shares: checks that collect what failed
instead of stopping at the first, and the ending that lists them."""

failures = []


def check(cond, what):
    """Records `what` when `cond` does not hold; returns `cond`."""
    if not cond:
        failures.append(what)
    return cond


def ending(summary):
    """Prints every failure and `summary: N problem(s)`; the exit status."""
    for f in failures:
        print("FAIL:", f)
    print(f"{summary}: {len(failures)} problem(s)")
    return 1 if failures else 0
