#!/usr/bin/env python3
"""Per client and mode over every round in raw/: p95 (median, min–max), throughput, server CPU per
request, the client's CPU share and its CPU per request (its own figure where printed, else
derived from its share: server-cpu x share / (1 - share)). Usage: summarize.py [DIR=raw]"""
import glob, re, statistics, sys, os
here = os.path.dirname(os.path.abspath(__file__))
rows = {}
for f in sorted(glob.glob(os.path.join(here, sys.argv[1] if len(sys.argv) > 1 else 'raw', '*.txt'))):
    v = os.path.basename(f).split('-rep')[0]
    for line in open(f, encoding='utf-8'):
        m = re.match(r'^(plain|If-None-Match) round \d+: (?:WRK )?n=(\d+) \((\d+)/s.*?p95=([0-9.]+).*?server-cpu=([0-9.]+)us/req'
                     r'(?: generator-cpu=([0-9.]+)us/req)? generator-cpu-share=(\d+)%', line)
        if m:
            mode, n, rate, p95, scpu, gcpu, share = m.groups()
            share = int(share) / 100
            gcpu = float(gcpu) if gcpu else float(scpu) * share / (1 - share)
            rows.setdefault((v, mode), []).append((float(p95), int(rate), float(scpu), gcpu, share))
print('| client | mode | rounds | p95 median (min–max) ms | req/s median | server µs/req median | client µs/req median | client CPU share (min–max) |')
print('|---|---|---:|---|---:|---:|---:|---|')
for (v, mode), r in sorted(rows.items(), key=lambda kv: (['old', 'new1', 'new2', 'new', 'wrk'].index(kv[0][0]), kv[0][1] != 'plain')):
    p = [x[0] for x in r]; med = statistics.median
    print(f'| {v} | {mode} | {len(r)} | {med(p):.2f} ({min(p):.2f}–{max(p):.2f}) | {med([x[1] for x in r]):,.0f} | '
          f'{med([x[2] for x in r]):.1f} | {med([x[3] for x in r]):.1f} | {med([x[4] for x in r]):.0%} '
          f'({min(x[4] for x in r):.0%}–{max(x[4] for x in r):.0%}) |')
