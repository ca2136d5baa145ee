#!/usr/bin/env bash
# Interleaved A/B of the record path: main's jar (base) and this branch's (new), same JMH settings.
out=/work/wt-sketchmem/benchmarks/results/2026-11-29-sketch-memory
for t in 1 2; do
  for order in "base new" "new base"; do
    for v in $order; do
      echo "== $v t=$t load=$(cut -d' ' -f1 /proc/loadavg)"
      java -Djmh.ignoreLock=true -jar /tmp/sketchmem-jars/$v.jar 'RecordBenchmark\.(telemetryBound|telemetryLabeled)$' \
        -t $t -f 2 -wi 3 -w 1 -i 5 -r 1 -prof gc -rf csv -rff $out/record-$v-t$t-$(echo $order|tr -d ' ').csv \
        > $out/record-$v-t$t-$(echo $order|tr -d ' ').txt 2>&1
    done
  done
done
echo finished
