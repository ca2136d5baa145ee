#!/bin/bash
# usage: ab.sh outdir threads forks jar...
out=$1; t=$2; f=$3; shift 3
mkdir -p $out
for jar in "$@"; do
  n=$(basename $jar .jar)
  echo "== $n t=$t start $(date -u +%T) $(uptime | sed 's/.*load/load/')" | tee -a $out/summary.txt
  java -jar $jar 'RecordBenchmark\.(telemetryBound|telemetryLabeled|otelExponential3Attributes|micrometerTimerPercentileHistogram)$' \
    -t $t -f $f -wi 3 -w 1 -i 3 -r 1 -prof gc > $out/$n-t$t.txt 2>&1
  echo "== $n t=$t end $(date -u +%T) $(uptime | sed 's/.*load/load/')" | tee -a $out/summary.txt
  grep -E "^RecordBenchmark\.[a-zA-Z0-9]+ +avgt|gc.alloc.rate.norm" $out/$n-t$t.txt | tee -a $out/summary.txt
done
