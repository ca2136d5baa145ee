#!/bin/bash
# usage: pairs.sh tag rounds name:jar name:jar   bound, 2 threads, -f 1, alternating order each round
tag=$1; rounds=$2; a=$3; b=$4
cd /tmp/ab
for r in $(seq 1 $rounds); do
  if [ $((r % 2)) -eq 1 ]; then order="$a $b"; else order="$b $a"; fi
  for v in $order; do
    name=${v%%:*}; jar=${v#*:}
    java -jar $jar 'RecordBenchmark\.telemetryBound$' -t 2 -f 1 -wi 3 -w 1 -i 5 -r 1 > $tag-r$r-$name.txt 2>&1
    echo "$tag round $r $name $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg) $(grep -E '^RecordBenchmark' $tag-r$r-$name.txt | awk '{print $4, $5, $6}')"
  done
done
echo DONE
