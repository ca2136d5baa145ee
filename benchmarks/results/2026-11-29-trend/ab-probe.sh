#!/bin/sh
# Interleaved A/B with TrendProbe.java: main's jar (base) and this branch's (new), per store.
# usage: ab-probe.sh STORE ROUNDS CALLS
export TELEMETRY_BENCH_POSTGRES_URL='jdbc:postgresql://127.0.0.1:5432/tel_trend?user=postgres'
cd "$(dirname "$0")"
for r in $(seq 1 "$2"); do
  for jar in base new; do
    echo "== $jar round $r $(uptime | sed 's/.*load/load/')"
    java -Xmx3g -cp /tmp/trend-$jar.jar TrendProbe.java "$1" "$3" 2>&1 | grep -v SLF4J
  done
done
