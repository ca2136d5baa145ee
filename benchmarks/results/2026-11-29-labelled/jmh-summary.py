#!/usr/bin/env python3
"""Per JMH run (one fork): ns/op of each benchmark, B/op, and the peer ratios of that same JVM."""
import csv, glob, os, re, statistics
rows = {}
for f in sorted(glob.glob(os.path.join(os.path.dirname(__file__) or '.', 'jmh', '*.csv'))):
    m = re.match(r'p(\d+)-t(\d+)-labelled-(\w+)\.csv', os.path.basename(f))
    p, t, jar = m.groups()
    r = {}
    for row in csv.DictReader(open(f)):
        name = row['Benchmark'].split('RecordBenchmark.')[-1]
        r[name] = float(row['Score'])
    if 'telemetryLabeled' in r:  # a run still going has no rows yet
        rows[(int(t), jar, int(p))] = r
short = {'telemetryLabeled': 'lab', 'otelExplicitBuckets3Attributes': 'otel',
         'micrometerTimerPercentileHistogram': 'mm'}
for t in (1, 2):
    print(f'threads={t}')
    agg = {}
    for (tt, jar, p), r in sorted(rows.items()):
        if tt != t:
            continue
        lab, otel, mm = r['telemetryLabeled'], r['otelExplicitBuckets3Attributes'], r['micrometerTimerPercentileHistogram']
        alloc = r.get('telemetryLabeled:gc.alloc.rate.norm', float('nan'))
        print(f'  pair {p} {jar:5s} labelled {lab:6.2f} ns  otel {otel:6.2f}  micrometer {mm:7.2f}  '
              f'otel/lab {otel/lab:5.2f}x  mm/lab {mm/lab:5.2f}x  labelled B/op {alloc:.3f}')
        agg.setdefault(jar, []).append((lab, otel / lab, mm / lab))
    for jar, v in agg.items():
        print(f'  {jar:5s} median over JVMs: labelled {statistics.median(x[0] for x in v):.2f} ns, '
              f'otel/lab {statistics.median(x[1] for x in v):.2f}x, mm/lab {statistics.median(x[2] for x in v):.2f}x')
    if len(agg) == 2 and len(agg['base']) == len(agg['c3']):
        b, c = agg['base'], agg['c3']
        ratios = [cc[0] / bb[0] for bb, cc in zip(b, c)]
        print(f'  c3/base labelled per pair: ' + ' '.join(f'{x:.3f}' for x in ratios))
