#!/bin/bash
# The record and memory sections of benchmarks/run.sh quick, run from a copied jar.
out=/tmp/rec-jars/quick; jar=/tmp/rec-jars/head.jar
opts=(-f 1 -wi 2 -w 1 -i 3 -r 1)
for t in 1 2; do
  echo "record t=$t start $(date -u +%T) $(uptime | sed 's/.*load/load/')" >> $out/load.txt
  java -jar $jar 'RecordBenchmark' -t $t "${opts[@]}" -prof gc -rf csv -rff $out/record-t$t.csv > $out/record-t$t.txt 2>&1
  echo "record t=$t end $(date -u +%T) $(uptime | sed 's/.*load/load/')" >> $out/load.txt
done
echo "memory start $(date -u +%T) $(uptime | sed 's/.*load/load/')" >> $out/load.txt
for dist in typical wide; do
  for threads in 1 8 32; do
    java -Xmx2g -XX:ActiveProcessorCount=16 -cp "$jar" dev.telemetry.benchmarks.record.SeriesMemory "$threads" "$dist" 100 2>/dev/null >> $out/memory.txt
  done
done
echo "memory end $(date -u +%T) $(uptime | sed 's/.*load/load/')" >> $out/load.txt
