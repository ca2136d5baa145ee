#!/usr/bin/env bash
# Runs the JMH benchmarks and writes benchmarks/RESULTS.md.
#   benchmarks/run.sh quick   # smoke run, ~5 minutes: short iterations, one fork
#   benchmarks/run.sh full    # the run behind RESULTS.md: longer iterations, two forks
# Raw output (JMH text and CSV, and the non-JMH measurements' text) goes to
# benchmarks/results/<date>-<mode>/ (<date>-<mode>-$RUN_SUFFIX/ when RUN_SUFFIX is set, for a second run
# on one day); RESULTS.md opens with every target against this run.
set -euo pipefail
mode="${1:-quick}"
cd "$(dirname "$0")/.."

case "$mode" in
  quick) opts=(-f 1 -wi 2 -w 1 -i 3 -r 1) ;;
  full)  opts=(-f 2 -wi 3 -w 2 -i 5 -r 2) ;;
  *) echo "usage: benchmarks/run.sh [quick|full]" >&2; exit 2 ;;
esac

./mvnw -B -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
out="benchmarks/results/$(date -u +%F)-$mode${RUN_SUFFIX:+-$RUN_SUFFIX}"
mkdir -p "$out"
available="$(java -jar "$jar" -l)"

run() { # name pattern threads extra-args...
  local name="$1" pattern="$2" threads="$3"; shift 3
  if ! grep -qE "$pattern" <<<"$available"; then
    echo "== skip $name: no benchmark matches $pattern"
    return
  fi
  echo "== $name ($threads thread(s))"
  java -jar "$jar" "$pattern" -t "$threads" "${opts[@]}" "$@" -rf csv -rff "$out/$name-t$threads.csv" \
    | tee "$out/$name-t$threads.txt"
}

# The record path against its peers, sharing one instrument: 1 and 2 threads, with allocation.
run record 'RecordBenchmark' 1 -prof gc
run record 'RecordBenchmark' 2 -prof gc
# Heap per histogram series (10 histograms x 100 label sets) after 1, 8 and 32 writer threads,
# sized as on a 16-core machine (64 stripes at most); not JMH: used heap after GC.
echo "== memory"
for dist in typical wide; do
  for threads in 1 8 32; do
    java -Xmx2g -XX:ActiveProcessorCount=16 -cp "$jar" dev.telemetry.benchmarks.record.SeriesMemory \
      "$threads" "$dist" 100 2>/dev/null | tee -a "$out/memory.txt"
  done
done
# Sketch layout against DDSketch and HdrHistogram (single-threaded structures).
run sketch 'SketchBenchmark' 1 -prof gc
# Queries on 30 days of generated data: in-memory and SQLite always, PostgreSQL when reachable
# (TELEMETRY_BENCH_POSTGRES_URL, default the local test database).
stores="memory,sqlite"
if command -v pg_isready >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q; then
  stores="$stores,postgres"
fi
run query 'QueryBenchmark' 1 -p "store=$stores"
# N nodes flushing an hour into one PostgreSQL (not JMH): 1, 10 nodes quick; 1, 10, 50, 200 full.
if [[ "$stores" == *postgres* ]]; then
  scale_nodes=1,10
  [[ "$mode" == full ]] && scale_nodes=1,10,50,200
  echo "== scale ($scale_nodes nodes)"
  java -cp "$jar" dev.telemetry.benchmarks.jdbc.ScaleSimulation \
    "${TELEMETRY_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}" "$scale_nodes" \
    2>/dev/null | tee "$out/scale.txt"
fi
# The same charts over 1 and 30 days of history (not JMH): in-memory, SQLite, PostgreSQL when reachable.
echo "== history"
history_args=()
[[ "$stores" == *postgres* ]] && history_args=("${TELEMETRY_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}")
java -cp "$jar" dev.telemetry.benchmarks.jdbc.HistoryScaleMeasurement "${history_args[@]}" 2>/dev/null \
  | tee "$out/history.txt"
run summary 'SummaryBenchmark' 1
# /summary under 50 concurrent clients, the server in its own JVM (not JMH): 10 s rounds, 5 of them in full.
# The generator is a lean JVM client (ADR 0064): two NIO selector threads drive 50 keep-alive connections
# in a closed loop with pre-encoded requests, so it takes about a third of the CPU, not three quarters as
# the JDK HttpClient generator did; it prints non-2xx/304 answers, connection errors and timeouts.
echo "== summary-load"
load_rounds=2
[[ "$mode" == full ]] && load_rounds=5
java -cp "$jar" dev.telemetry.benchmarks.http.SummaryLoadGenerator 50 10 "$load_rounds" 2>/dev/null \
  | tee "$out/summary-load.txt"
# The same with wrk (2 threads, 50 connections, a Lua script per request), when installed: a second,
# independent client for the same server; both print their own CPU share.
if command -v wrk >/dev/null 2>&1; then
  echo "== summary-load-wrk"
  benchmarks/wrk/summary-load.sh "$jar" 10 "$load_rounds" | tee "$out/summary-load-wrk.txt"
else
  echo "== skip summary-load-wrk: wrk is not installed (apt-get install wrk)"
fi
run jdbc 'Jdbc.*Benchmark' 1
run otel 'Otel.*Benchmark|ExporterBenchmark' 1
run redaction 'ScrubBenchmark' 1 -prof gc

java -cp "$jar" dev.telemetry.benchmarks.ResultsReport "$out" "$mode" > benchmarks/RESULTS.md
echo "== wrote benchmarks/RESULTS.md from $out"
