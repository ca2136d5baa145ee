import re,glob,statistics,sys
bench=sys.argv[1] if len(sys.argv)>1 else 'telemetryBound'
t=sys.argv[2] if len(sys.argv)>2 else 't2'
def its(f):
    out=[];p=False
    for line in open(f):
        if line.startswith('# Benchmark:'): p = line.strip().endswith('.'+bench)
        m=re.match(r'Iteration\s+\d+: ([\d.]+) ns/op',line)
        if p and m: out.append(float(m.group(1)))
    return out
runs={}
for f in sorted(glob.glob('*-%s.txt'%t)):
    tag,name=f.split('-')[0],f.split('-')[1]
    v=its(f)
    if v: runs.setdefault(tag,{})[name]=v
for tag,d in runs.items():
    base=d.get('main')
    row=[]
    for n,v in d.items():
        s='%s med %.1f min %.1f'%(n,statistics.median(v),min(v))
        if base and n!='main': s+=' (x%.2f med, x%.2f min)'%(statistics.median(v)/statistics.median(base),min(v)/min(base))
        row.append(s)
    print(tag,' | '.join(row))
