import re, sys, statistics as st
def parse(path):
    cur=None; fork=None; res={}; wall={}; alloc={}
    for line in open(path, errors='replace'):
        m=re.match(r"# Benchmark: \S+\.(\w+)$",line)
        if m: cur=m.group(1)
        m=re.match(r"# Fork: (\d+) of",line)
        if m: fork=int(m.group(1))
        m=re.match(r"Iteration\s+\d+:\s+([\d.,]+) ns/op",line)
        if m: wall.setdefault((cur,fork),[]).append(float(m.group(1).replace(',','')))
        m=re.match(r"\s+cpu.ns/op:\s+([\d.,]+)",line)
        if m: res.setdefault((cur,fork),[]).append(float(m.group(1).replace(',','')))
        m=re.match(r"\s+gc.alloc.rate.norm:\s+([\d.,]+)",line)
        if m: alloc.setdefault((cur,fork),[]).append(float(m.group(1).replace(',','')))
    return res, wall, alloc
rows=['benignLine','benignSql','benignStackFrame','harmlessWordBeforeSecret','lineWithSecrets']
files=sys.argv[1:]
data={f:parse(f) for f in files}
for r in rows:
    print(f"## {r}: per fork, median of the last 3 iterations' worker CPU ns/op (wall ns/op) [B/op]")
    for f in files:
        res,wall,alloc=data[f]
        forks=sorted(k[1] for k in res if k[0]==r)
        cells=[]; meds=[]
        for k in forks:
            c=res[(r,k)][-3:]; w=wall[(r,k)][-3:]; a=alloc.get((r,k),[0])[-1]
            cm=st.median(c); meds.append(cm)
            cells.append(f"{cm:.0f} ({st.median(w):.0f}) [{a:.0f}]")
        if meds:
            print(f"  {f.split('/')[-1]:12s} median {st.median(meds):7.0f} | " + "  ".join(cells))

if __name__ == '__main__' and len(files) >= 2:
    print("## pooled: median over forks (each fork: median of its last 3 iterations), base vs cand")
    for r in rows:
        b=[];c=[]
        for f in files:
            res,_,alloc=data[f]
            meds=[st.median(v[-3:]) for k,v in res.items() if k[0]==r]
            (b if 'base' in f.split('/')[-1] else c).extend(meds)
        if b and c:
            print(f"  {r:26s} base {st.median(b):7.0f} (forks {min(b):.0f}-{max(b):.0f}, n={len(b)})  cand {st.median(c):7.0f} (forks {min(c):.0f}-{max(c):.0f}, n={len(c)})  ratio {st.median(b)/st.median(c):.2f}x")
