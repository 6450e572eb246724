#!/usr/bin/env python3
# test-summary.py: prints "N passed, N failed" for a meson test run,
# counting each subtest of a TAP test program (a g_test case) on its own.
# Copyright 2026 The Casuskamer authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import re
import sys

PASSED = {'OK', 'EXPECTEDFAIL', 'SKIP'}
TAP_LINE = re.compile(r'^(not ok|ok) \d+\b')

passed = failed = 0
with open(sys.argv[1], encoding='utf-8') as log:
    for line in log:
        test = json.loads(line)
        subtests = [TAP_LINE.match(l) for l in (test.get('stdout') or '').splitlines()]
        subtests = [m for m in subtests if m]
        if subtests:
            ok = sum(1 for m in subtests if m.group(1) == 'ok')
            passed += ok
            failed += len(subtests) - ok
            # A program that crashed after its last reported subtest failed too.
            if test['result'] not in PASSED and ok == len(subtests):
                failed += 1
        elif test['result'] in PASSED:
            passed += 1
        else:
            failed += 1

print(f'{passed} passed, {failed} failed')
