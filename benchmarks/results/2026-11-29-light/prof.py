import re,collections,sys
txt=open(sys.argv[1]).read()
evs=txt.split('jdk.ExecutionSample')
top=collections.Counter(); incl=collections.Counter()
n=0
for e in evs:
    if 'sampledThread = "main"' not in e: continue
    fr=re.findall(r'^\s+([\w.$<>]+)\(',e,re.M)
    if not fr: continue
    if any('WriteBatch' in f or 'JdbcStore.write' in f or 'Probe.samples' in f or 'SampleTables.merge' in f or 'SampleTables.bind' in f for f in fr): continue
    n+=1
    top[fr[0]]+=1
    for f in set(fr): incl[f]+=1
print(n)
for f,c in top.most_common(20): print('self',c,f)
for f,c in incl.most_common(40): print('incl',c,f)
