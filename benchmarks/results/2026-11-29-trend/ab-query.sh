#!/bin/sh
# Interleaved A/B: main's benchmarks jar (base) and this branch's, QueryBenchmark trends per store.
# usage: ab-query.sh STORE ROUNDS
export TELEMETRY_BENCH_POSTGRES_URL='jdbc:postgresql://127.0.0.1:5432/tel_trend?user=postgres'
for r in $(seq 1 "$2"); do
  for jar in base new; do
    echo "== $jar round $r store $1 $(uptime | sed 's/.*load/load/')"
    java -jar /tmp/trend-$jar.jar 'QueryBenchmark.trends' -p store="$1" -f 1 -wi 2 -w 2 -i 3 -r 2 -bm avgt -tu ms 2>&1 \
      | grep -E '^(Benchmark|d\.t\.b|dev\.telemetry.*QueryBenchmark)|QueryBenchmark\.trends.*avgt'
  done
done
