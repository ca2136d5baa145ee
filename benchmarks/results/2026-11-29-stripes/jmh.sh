#!/bin/bash
# usage: jmh.sh tag pattern
tag=$1; pat=$2
for t in 1 2; do for v in before:/tmp/stripes-baseline-benchmarks.jar after:/tmp/stripes-final.jar; do
  name=${v%%:*}; jar=${v#*:}
  echo "== $name t$t"
  java -jar $jar "$pat" -t $t -f 2 -wi 3 -w 1 -i 5 -r 1 -prof gc -rf csv -rff jmh-$tag-$name-t$t.csv > jmh-$tag-$name-t$t.txt 2>&1
  grep -E "^RecordBenchmark\.[a-zA-Z0-9]+ |gc.alloc.rate.norm " jmh-$tag-$name-t$t.txt
done; done
