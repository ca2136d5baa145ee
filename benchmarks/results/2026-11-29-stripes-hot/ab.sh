#!/bin/bash
# usage: ab.sh tag name:jar name:jar ...   runs RecordBenchmark bound+labelled at 1 and 2 threads, jars back to back
tag=$1; shift
pat='RecordBenchmark\.(telemetryBound|telemetryLabeled)$'
cd /tmp/ab
for t in 1 2; do for v in "$@"; do
  name=${v%%:*}; jar=${v#*:}
  echo "== $tag $name t$t $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  java -jar $jar "$pat" -t $t -f 2 -wi 3 -w 1 -i 5 -r 1 -prof gc -rf csv -rff $tag-$name-t$t.csv > $tag-$name-t$t.txt 2>&1
  grep -E "^RecordBenchmark\.[a-zA-Z0-9]+ |gc.alloc.rate.norm " $tag-$name-t$t.txt
done; done
echo DONE
