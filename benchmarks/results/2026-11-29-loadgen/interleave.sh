#!/usr/bin/env bash
# A/B/C on the same machine at the same time: the old JDK-HttpClient generator (main at 1b67722,
# compiled against the same jar), the new NIO generator with 1 and 2 selector threads, and wrk;
# one JVM/process pair per run, the variants alternating, REPS repetitions, 3 rounds of 10 s per mode.
# Usage: [VARIANTS="old new1 wrk new2"] interleave.sh JAR OLD_CLASSES OUTDIR [REPS=3]
set -uo pipefail
jar=$1; old=$2; out=$3; reps=${4:-3}
here=$(cd "$(dirname "$0")/../../wrk" && pwd)
for rep in $(seq 1 "$reps"); do
  for v in ${VARIANTS:-old new1 wrk new2}; do
    f="$out/$v-rep$rep.txt"
    echo "== $v rep $rep $(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$f"
    case $v in
      old)  java -cp "$old:$jar" dev.telemetry.benchmarks.http.SummaryLoadGenerator 50 10 3 2>/dev/null ;;
      new1) java -cp "$jar" dev.telemetry.benchmarks.http.SummaryLoadGenerator 50 10 3 1 2>/dev/null ;;
      new2) java -cp "$jar" dev.telemetry.benchmarks.http.SummaryLoadGenerator 50 10 3 2 2>/dev/null ;;
      new)  java -cp "$jar" dev.telemetry.benchmarks.http.SummaryLoadGenerator 50 10 3 2>/dev/null ;;
      wrk)  "$here/summary-load.sh" "$jar" 10 3 ;;
    esac >>"$f"
  done
done
