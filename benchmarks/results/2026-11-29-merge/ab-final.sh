#!/bin/sh
# The final commit's jar (/tmp/merge-final.jar) against main's (/tmp/merge-base.jar), alternating:
# merge rows only, then the bound record; sh ab-final.sh base final final base
cd "$(dirname "$0")"
n=0
for which in "$@"; do
  n=$((n + 1))
  uptime > "final-merge-$n-$which.load"
  java -Djmh.ignoreLock=true -jar /tmp/merge-$which.jar 'SketchBenchmark.merge' \
    -f 2 -wi 3 -w 1 -i 5 -r 1 -prof gc > "final-merge-$n-$which.txt" 2>&1
  java -Djmh.ignoreLock=true -jar /tmp/merge-$which.jar 'RecordBenchmark.telemetryBound|SketchBenchmark.recordLatencySketch' \
    -t 1 -f 2 -wi 3 -w 1 -i 5 -r 1 -prof gc > "final-record-$n-$which.txt" 2>&1
  uptime >> "final-merge-$n-$which.load"
done
