#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Read a guest console log and judge it.

The log holds the KTAP that built-in KUnit suites print at boot, then the
output of each in-guest test program between the markers that
guest/run-tests.sh prints. One line is printed per test, then the totals
as "N passed, N failed, N skipped". The exit status is non-zero on any
failure, a missing or short result, a guest that did not finish, or a
kernel splat anywhere in the log.

usage: tap.py LOG [--expect-kunit] [--boots N]

--boots N: the log holds N boots of the guest (make check-clients), each
of which must finish.
"""

import re
import sys

RESULT = re.compile(r'^(?P<not>not )?ok(?: (?P<num>\d+))?(?: -)?\s*(?P<desc>.*?)'
                    r'(?:\s+#\s*(?P<dir>SKIP|skip|Skip|TODO|XFAIL)\b\s*(?P<why>.*))?$')
PLAN = re.compile(r'^1\.\.(?P<n>\d+)(?:\s+#\s*(?:SKIP|skip)\b\s*(?P<why>.*))?')

# What a kernel prints when something went wrong. Any of these fails the run.
SPLATS = [
    (re.compile(r'WARNING:'), 'WARNING'),
    (re.compile(r'\bBUG:'), 'BUG'),
    (re.compile(r'\bOops\b'), 'Oops'),
    (re.compile(r'KASAN'), 'KASAN report'),
    (re.compile(r'UBSAN:'), 'UBSAN report'),
    (re.compile(r'possible (circular|recursive) locking|inconsistent lock state|'
                r'lock held when returning|INFO: lockdep|DEBUG_LOCKS_WARN_ON|'
                r'suspicious RCU usage|sleeping function called from invalid context'),
     'lockdep/atomic-sleep report'),
    (re.compile(r'refcount_t:'), 'refcount_t report'),
    (re.compile(r'Kernel panic'), 'kernel panic'),
    (re.compile(r'unreferenced object 0x'), 'kmemleak report'),
    (re.compile(r'general protection fault|stack-protector|Call Trace:'), 'kernel trace'),
]


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.lines = []

    def add(self, status, name, why=''):
        if status == 'ok':
            self.passed += 1
        elif status == 'skip':
            self.skipped += 1
        else:
            self.failed += 1
        word = {'ok': 'PASS', 'skip': 'SKIP', 'fail': 'FAIL'}[status]
        self.lines.append(f'{word} {name}' + (f' ({why})' if why else ''))


def clean(line):
    line = line.rstrip('\r\n').replace('\r', '')
    # printk timestamps, should the config turn them on
    return re.sub(r'^\[\s*\d+\.\d+\]\s?', '', line)


def parse_kunit(lines, tally):
    """Count the cases of built-in KUnit suites (indented one level)."""
    suite = None
    planned = None
    suites = 0
    params = 0
    pending = ''

    def record(name, m):
        if m.group('dir') and m.group('dir').upper() == 'SKIP':
            tally.add('skip', name, m.group('why') or 'no reason given')
        elif m.group('not'):
            tally.add('fail', name)
        else:
            tally.add('ok', name)
    for raw in lines:
        if raw.startswith('# timens-'):
            break
        m = re.match(r'^    # Subtest: (\S+)', raw)
        if m:
            suite = m.group(1)
            continue
        if re.match(r'^KTAP version', raw) and planned is None:
            planned = -1
            continue
        m = PLAN.match(raw)
        if m and planned == -1:
            planned = int(m.group('n'))
            continue
        if raw.startswith('        ') and suite:
            # a parameterized case: one result per parameter
            m = RESULT.match(raw.strip())
            if m:
                params += 1
                record(f'kunit/{suite}/{pending}/{m.group("desc")}', m)
            else:
                m = re.match(r'^# Subtest: (\S+)', raw.strip())
                if m:
                    pending = m.group(1)
            continue
        if raw.startswith('    ') and not raw.startswith('     ') and suite:
            m = RESULT.match(raw[4:])
            if m:
                if params:
                    # the parent of parameterized results already counted
                    params = 0
                    if m.group('not') and not any(
                            l.startswith(f'FAIL kunit/{suite}/') for l in tally.lines):
                        tally.add('fail', f'kunit/{suite}/{m.group("desc")}')
                    continue
                record(f'kunit/{suite}/{m.group("desc")}', m)
            continue
        m = RESULT.match(raw)
        if m and suite and planned is not None:
            suites += 1
            if m.group('not') and not any(
                    l.startswith(f'FAIL kunit/{suite}/') for l in tally.lines):
                tally.add('fail', f'kunit/{suite}', 'suite failed')
            suite = None
    if planned not in (None, -1) and suites < planned:
        tally.add('fail', 'kunit', f'{planned} suites planned, {suites} reported')
    return planned is not None


def parse_suites(lines, tally):
    current = None
    results = []
    plan = None
    plan_skip = None
    # "# timens-judge: exit-status": the suite has programs that speak no
    # TAP; one that reports nothing is judged by its exit status, as
    # kselftest's own runner does (0 passed, 4 skipped, anything else
    # failed), with its last line of output as the reason.
    judge = None
    last = ''

    def close(name, rc):
        nonlocal results, plan, plan_skip, judge, last
        if judge == 'exit-status' and not results and plan is None and rc is not None:
            if rc == 0:
                tally.add('ok', name, '')
            elif rc == 4:
                tally.add('skip', name, last or 'exit status 4 without output')
            else:
                tally.add('fail', name, f'exit status {rc}: {last}')
            results, plan, plan_skip, judge, last = [], None, None, None, ''
            return
        fails = sum(1 for r in results if r[0] == 'fail')
        for status, desc, why in results:
            tally.add(status, f'{name}: {desc}' if desc else name, why)
        if plan is not None and len(results) < plan:
            tally.add('fail', name, f'{plan} tests planned, {len(results)} reported')
        if rc is None:
            tally.add('fail', name, 'no exit status: the program hung or the guest died')
        elif rc == 4 and not results:
            tally.add('skip', name, plan_skip or 'the program skipped without a reason')
        elif rc not in (0, 4) and not fails:
            why = 'timed out in the guest' if rc == 124 else f'exit status {rc}'
            tally.add('fail', name, why)
        elif rc == 0 and not results:
            if plan == 0 and plan_skip:
                tally.add('skip', name, plan_skip)
            else:
                tally.add('fail', name, 'exited 0 but reported no test')
        results, plan, plan_skip, judge, last = [], None, None, None, ''

    for raw in lines:
        if raw.startswith('# timens-suite: '):
            if current:
                close(current, None)
            current = raw.split(': ', 1)[1].strip()
            continue
        if raw.startswith('# timens-exit: ') and current:
            rc = raw.rsplit(' ', 1)[1]
            close(current, int(rc) if rc.isdigit() else None)
            current = None
            continue
        if not current:
            continue
        if raw.startswith('# timens-judge: '):
            judge = raw.split(': ', 1)[1].strip()
            continue
        if raw.strip():
            last = raw.strip()
        m = PLAN.match(raw)
        if m:
            plan = int(m.group('n'))
            plan_skip = m.group('why')
            continue
        m = RESULT.match(raw)
        if not m:
            continue
        desc = m.group('desc').strip()
        directive = (m.group('dir') or '').upper()
        if directive == 'SKIP':
            why = (m.group('why') or '').strip()
            results.append(('skip', desc, why or 'no reason given'))
        elif m.group('not') and directive not in ('TODO', 'XFAIL'):
            results.append(('fail', desc, ''))
        else:
            results.append(('ok', desc, ''))
    if current:
        close(current, None)


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    expect_kunit = '--expect-kunit' in sys.argv[2:]
    with open(sys.argv[1], errors='replace') as f:
        lines = [clean(l) for l in f]

    tally = Tally()
    saw_kunit = parse_kunit(lines, tally)
    if expect_kunit and not saw_kunit:
        tally.add('fail', 'kunit', 'no KUnit output in the log')
    parse_suites(lines, tally)

    for i, line in enumerate(lines):
        for pattern, what in SPLATS:
            if pattern.search(line):
                tally.add('fail', f'kernel: {what} at log line {i + 1}', line.strip()[:160])
                break
    boots = 1
    if '--boots' in sys.argv[2:]:
        boots = int(sys.argv[sys.argv.index('--boots') + 1])
    done = sum(1 for l in lines if l.startswith('# timens-done'))
    if done < boots:
        host = [l for l in lines if l.startswith('# timens-host:')]
        tally.add('fail', 'guest', host[0][15:] if host else
                  f'the guest did not finish the suite ({done} of {boots} boots did)')
    if tally.passed + tally.failed + tally.skipped == 0:
        tally.add('fail', 'suite', 'no test ran')

    for line in tally.lines:
        print(line)
    print(f'{tally.passed} passed, {tally.failed} failed, {tally.skipped} skipped')
    return 1 if tally.failed else 0


if __name__ == '__main__':
    sys.exit(main())
