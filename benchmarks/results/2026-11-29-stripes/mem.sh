#!/bin/bash
# usage: mem.sh jar label
jar=$1; label=$2
for d in typical wide; do for t in 1 8 32 64; do
  echo -n "$label apc=16 " ; java -Xmx2g -XX:ActiveProcessorCount=16 -cp $jar dev.telemetry.benchmarks.record.SeriesMemory $t $d 100
done; done
echo -n "$label apc=default "; java -Xmx2g -cp $jar dev.telemetry.benchmarks.record.SeriesMemory 32 typical 100
