#!/bin/sh
# Alternating JVMs, ScaleSimulation at 1 and 50 nodes into the database tel_merge:
# sh ab-scale.sh base cand cand base
cd "$(dirname "$0")"
n=0
for which in "$@"; do
  n=$((n + 1))
  java -cp /tmp/merge-$which.jar dev.telemetry.benchmarks.jdbc.ScaleSimulation \
    'jdbc:postgresql://127.0.0.1:5432/tel_merge?user=postgres' 1,50 > "scale-$n-$which.txt" 2>/dev/null
done
