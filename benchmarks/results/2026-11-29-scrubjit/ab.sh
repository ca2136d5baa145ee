#!/bin/bash
# Alternating A/B: base jar and candidate jar, 5 forks each, worker-thread CPU time per op
# (WorkerCpuProfiler) next to wall clock and -prof gc.
OUT=$1; shift
BASE=/tmp/scrubjit-base.jar
CAND=/tmp/scrubjit-cand.jar
PROF=/tmp/sj/prof
run() { # name jar
  echo "== $1 start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUT/runs.log
  java -cp $2:$PROF org.openjdk.jmh.Main 'ScrubBenchmark' -f 5 -wi 3 -w 1 -i 5 -r 1 \
    -prof WorkerCpuProfiler -prof gc > $OUT/$1.txt 2>&1
  echo "== $1 end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUT/runs.log
}
run base-1 $BASE
run cand-1 $CAND
run cand-2 $CAND
run base-2 $BASE
echo done >> $OUT/runs.log
