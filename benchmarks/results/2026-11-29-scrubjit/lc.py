import sys, re
# parse LogCompilation: list nmethods, uncommon traps (runtime), and inline tree for a chosen method
def parse(path, target='ScrubBenchmark_benignSql_jmhTest benignSql_avgt_jmhStub'):
    txt = open(path, errors='replace').read()
    # method id -> name map is per task; inside <task> elements
    tasks = re.findall(r"<task (.*?)</task>", txt, re.S)
    out = []
    # runtime uncommon traps
    for m in re.finditer(r"<uncommon_trap thread='\d+' reason='([^']*)' action='([^']*)'[^>]*compile_id='(\d+)'[^>]*stamp='([0-9.]+)'[^>]*>\s*<jvms bci='(\d+)' method='([^']*)'", txt):
        if 'telemetry' in m.group(6) or 'regex' in m.group(6) or 'String' in m.group(6):
            out.append(f"TRAP t={m.group(4)} cid={m.group(3)} {m.group(1)}/{m.group(2)} {m.group(6)} bci={m.group(5)}")
    for t in tasks:
        head = t.split('>',1)[0]
        mm = re.search(r"method='([^']*)'", head)
        if not mm: continue
        name = mm.group(1)
        level = re.search(r"level='(\d)'", head)
        cid = re.search(r"compile_id='(\d+)'", head).group(1)
        osr = 'osr_bci' in head
        stamp = re.search(r"stamp='([0-9.]+)'", head).group(1)
        if 'telemetry' in name and (level is None or level.group(1)=='4') :
            out.append(f"C2 t={stamp} cid={cid} {'OSR ' if osr else ''}{name} bytes={len(t)}")
            if True:
                # inline tree: sequence of <method id=..> <call method=..> <inline_fail/success>
                ids = {}
                for mid in re.finditer(r"<method id='(\d+)' holder='(\d+)' name='([^']*)'", t):
                    ids[mid.group(1)] = mid.group(3)
                klass = {k.group(1): k.group(2) for k in re.finditer(r"<klass id='(\d+)' name='([^']*)'", t)}
                for mid in re.finditer(r"<method id='(\d+)' holder='(\d+)' name='([^']*)'", t):
                    ids[mid.group(1)] = klass.get(mid.group(2),'?').split('/')[-1]+'::'+mid.group(3)
                depth=0
                for ev in re.finditer(r"<(call|inline_fail|inline_success|parse|/parse|uncommon_trap|predicted_call|direct_call|virtual_call)\b([^>]*)>", t):
                    tag, attrs = ev.group(1), ev.group(2)
                    if tag=='parse':
                        m2 = re.search(r"method='(\d+)'", attrs); depth+=1
                        out.append('  '*depth + 'parse ' + ids.get(m2.group(1),'?'))
                    elif tag=='/parse': depth-=1
                    elif tag=='call':
                        m2 = re.search(r"method='(\d+)'", attrs)
                        cnt = re.search(r"count='(-?\d+)'", attrs)
                        out.append('  '*(depth+1) + 'call ' + ids.get(m2.group(1),'?') + ' count=' + (cnt.group(1) if cnt else '?') + (' virtual' if 'virtual' in attrs else '') + (' inline' if "inline='1'" in attrs else ''))
                    elif tag in ('inline_fail',):
                        out.append('  '*(depth+1) + ' FAIL ' + attrs.strip())
                    elif tag=='uncommon_trap' and 'reason' in attrs:
                        r=re.search(r"reason='([^']*)'",attrs); b=re.search(r"bci='(\d+)'",attrs)
                        out.append('  '*(depth+1) + ' trap ' + r.group(1) + ' bci=' + (b.group(1) if b else '?'))
                    elif tag=='predicted_call':
                        out.append('  '*(depth+1) + ' predicted ' + attrs.strip())
    return out
print('\n'.join(parse(sys.argv[1])))
