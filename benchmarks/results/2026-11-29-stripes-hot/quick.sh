#!/bin/bash
# usage: quick.sh tag name:jar ...  bound only, 2 threads
tag=$1; shift
cd /tmp/ab
for v in "$@"; do
  name=${v%%:*}; jar=${v#*:}
  echo "== $tag $name t2 $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  java -jar $jar 'RecordBenchmark\.telemetryBound$' -t 2 -f 2 -wi 3 -w 1 -i 5 -r 1 -prof gc > $tag-$name-t2.txt 2>&1
  grep -E "^RecordBenchmark\.[a-zA-Z0-9]+ |gc.alloc.rate.norm " $tag-$name-t2.txt
done
echo DONE
