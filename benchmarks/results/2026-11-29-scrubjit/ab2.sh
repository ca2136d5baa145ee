#!/bin/bash
# Secret rows with a longer warm-up (10 iterations): under this load C2 finishes their
# regex-heavy methods late. Alternating candidate/base, 5 forks each.
OUT=$1
PROF=/tmp/sj/prof
run() {
  echo "== $1 start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUT/runs.log
  java -cp $2:$PROF org.openjdk.jmh.Main 'ScrubBenchmark.(lineWithSecrets|harmlessWordBeforeSecret)' -f 5 -wi 10 -w 1 -i 5 -r 1 \
    -prof WorkerCpuProfiler -prof gc > $OUT/$1.txt 2>&1
  echo "== $1 end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUT/runs.log
}
run cand-1 /tmp/scrubjit-cand.jar
run base-1 /tmp/scrubjit-base.jar
run base-2 /tmp/scrubjit-base.jar
run cand-2 /tmp/scrubjit-cand.jar
echo done >> $OUT/runs.log
