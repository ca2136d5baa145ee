#!/bin/bash
# probe.sh PORT: prints uptime, the summary's traffic sign and the Command center's "Traffic (1 min)"
T=newuser-demo-token-0123456789; B=http://127.0.0.1:$1/admin/telemetry/api/v1
S=$(curl -s -H "Authorization: Bearer $T" "$B/summary"); P=$(curl -s -H "Authorization: Bearer $T" "$B/pages/command-center")
python3 - "$S" "$P" <<'PY'
import json,sys
s=json.loads(sys.argv[1]); p=json.loads(sys.argv[2])
tr=[v for v in s["vital_signs"] if v["name"]=="traffic"][0]
def find(o):
  if isinstance(o,dict):
    if o.get("label")=="Traffic (1 min)": return o
    for v in o.values():
      r=find(v)
      if r: return r
  if isinstance(o,list):
    for v in o:
      r=find(v)
      if r: return r
w=find(p)
print("uptime", s["server"]["uptime_seconds"], "summary traffic", tr["value"], "window", tr.get("window_minutes"), "| widget", w and w.get("value"))
PY
