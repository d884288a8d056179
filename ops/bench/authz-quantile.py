#!/usr/bin/env python3
"""histogram_quantile() of campuspass_authorization_check_seconds over /actuator/prometheus snapshots (issue 8).

Usage: authz-quantile.py snapshot <management-url> <file>        saves the scrape
       authz-quantile.py quantile <file-after> [file-before] [q]  quantile (default 0.99) of the buckets, or of the
                                                                   increase between two scrapes (one bench window),
                                                                   with Prometheus' linear interpolation in a bucket.
"""
import re
import sys
import urllib.request

METRIC = "campuspass_authorization_check_seconds"


def buckets(path):
    result = {}
    count = total = 0.0
    for line in open(path, encoding="utf-8"):
        m = re.match(METRIC + r'_bucket\{.*le="([^"]+)".*\}\s+([0-9.eE+-]+)', line)
        if m:
            le = float("inf") if m.group(1) == "+Inf" else float(m.group(1))
            result[le] = result.get(le, 0.0) + float(m.group(2))
        m = re.match(METRIC + r"_count\{.*\}\s+([0-9.eE+-]+)", line)
        if m:
            count += float(m.group(1))
        m = re.match(METRIC + r"_sum\{.*\}\s+([0-9.eE+-]+)", line)
        if m:
            total += float(m.group(1))
    return result, count, total


def quantile(q, cumulative):
    les = sorted(cumulative)
    n = cumulative[les[-1]]
    if n == 0:
        return float("nan")
    rank = q * n
    prev_le, prev_c = 0.0, 0.0
    for le in les:
        c = cumulative[le]
        if c >= rank:
            if le == float("inf"):
                return prev_le
            return prev_le + (le - prev_le) * ((rank - prev_c) / (c - prev_c) if c > prev_c else 1)
        prev_le, prev_c = le, c
    return les[-1]


def main():
    if sys.argv[1] == "snapshot":
        with urllib.request.urlopen(sys.argv[2] + "/actuator/prometheus") as r, open(sys.argv[3], "wb") as f:
            f.write(r.read())
        return
    after, count, total = buckets(sys.argv[2])
    q = float(sys.argv[4]) if len(sys.argv) > 4 else 0.99
    if len(sys.argv) > 3 and sys.argv[3] != "-":
        before, count0, total0 = buckets(sys.argv[3])
        after = {le: c - before.get(le, 0.0) for le, c in after.items()}
        count, total = count - count0, total - total0
    mean = total / count * 1000 if count else float("nan")
    print(f"checks {count:.0f}, mean {mean:.3f} ms, p50 {quantile(0.5, after) * 1000:.3f} ms, "
          f"p{q * 100:g} {quantile(q, after) * 1000:.3f} ms")


main()
