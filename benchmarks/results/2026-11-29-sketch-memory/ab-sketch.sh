#!/usr/bin/env bash
# SketchBenchmark's LatencySketch rows, main's core (base) vs this branch's (new), interleaved.
# Both runs use this branch's benchmark classes; "base" puts main's telemetry-core jar first on the
# class path, so its LatencySketch shadows the one shaded into benchmarks.jar.
out=/work/wt-sketchmem/benchmarks/results/2026-11-29-sketch-memory
pattern='SketchBenchmark\.(record|recordWide|merge|mergeWide|quantiles|encode|decode)LatencySketch$'
for v in base new new base; do
  cp=/tmp/sketchmem-jars/new.jar
  [ $v = base ] && cp=/tmp/sketchmem-jars/base-core.jar:$cp
  n=$((n+1))
  echo "== $v run $n load=$(cut -d' ' -f1 /proc/loadavg)"
  java -Djmh.ignoreLock=true -cp $cp org.openjdk.jmh.Main "$pattern" -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc \
    -rf csv -rff $out/sketch-$n-$v.csv > $out/sketch-$n-$v.txt 2>&1
done
echo finished
