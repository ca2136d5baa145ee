#!/usr/bin/env bash
# usage: [FIRST=n] jmh-ab.sh pairs jarA jarB : per pair, for 1 then 2 threads, one JMH fork of each jar,
# the jars' order reversed every pair; CSV per run in ./jmh/, text appended to jmh-ab.txt
pairs=$1; shift
mkdir -p jmh
pattern='RecordBenchmark\.(telemetryLabeled|otelExplicitBuckets3Attributes|micrometerTimerPercentileHistogram)$'
for p in $(seq ${FIRST:-1} $((${FIRST:-1} + pairs - 1))); do
  for t in 1 2; do
    for j in "$@"; do
      name=$(basename $j .jar)
      echo "== pair $p $name t=$t load=$(cut -d' ' -f1 /proc/loadavg)" >> jmh-ab.txt
      java -Djmh.ignoreLock=true -jar $j "$pattern" -t $t -f 1 -wi 3 -w 1 -i 4 -r 1 -prof gc -rf csv -rff jmh/p$p-t$t-$name.csv >> jmh-ab.txt 2>&1
    done
  done
  set -- $(for j in "$@"; do echo $j; done | tac)
done
