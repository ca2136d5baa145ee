#!/bin/sh
# Alternating JVMs, bound record at 1 thread: sh ab-record.sh base cand cand base
cd "$(dirname "$0")"
n=0
for which in "$@"; do
  n=$((n + 1))
  uptime > "record-$n-$which.load"
  java -Djmh.ignoreLock=true -jar /tmp/merge-$which.jar 'RecordBenchmark.telemetryBound' \
    -t 1 -f 2 -wi 3 -w 1 -i 5 -r 1 -prof gc > "record-$n-$which.txt" 2>&1
  uptime >> "record-$n-$which.load"
done
