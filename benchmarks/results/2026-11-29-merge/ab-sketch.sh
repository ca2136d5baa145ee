#!/bin/sh
# Alternating JVMs: base (main's jar, /tmp/merge-base.jar) and candidate (/tmp/merge-cand.jar).
# Usage: sh ab-sketch.sh ORDER...   e.g. sh ab-sketch.sh base cand cand base
cd "$(dirname "$0")"
n=0
for which in "$@"; do
  n=$((n + 1))
  uptime > "sketch-$n-$which.load"
  java -Djmh.ignoreLock=true -jar /tmp/merge-$which.jar 'SketchBenchmark.(merge|quantiles|decode|encode|record)' \
    -f 2 -wi 3 -w 1 -i 5 -r 1 -prof gc > "sketch-$n-$which.txt" 2>&1
  uptime >> "sketch-$n-$which.load"
done
