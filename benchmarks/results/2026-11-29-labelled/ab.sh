#!/usr/bin/env bash
# usage: ab.sh threads pairs jarA jarB ...  : alternates jars, prints per-run min/median
t=$1; pairs=$2; shift 2
for p in $(seq 1 $pairs); do
  for j in "$@"; do
    echo "== $(basename $j) t=$t load=$(cut -d' ' -f1 /proc/loadavg)"
    java -cp $j:/tmp/labelled-probe RecPathProbe $t 10 2>&1 | grep -v SLF4J | sed 's/^thread \([0-9]\) \([a-z]*\) .*| /  t\1 \2 /'
  done
  set -- $(for j in "$@"; do echo $j; done | tac)   # reverse order each pair
done
