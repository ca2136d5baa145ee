#!/usr/bin/env bash
# usage: peer-ab.sh pairs jarA jarB : per pair, 1 then 2 threads, one PeerProbe JVM per jar
# (8 rounds; rounds 3-8 kept), the jars' order reversed every pair. Probe classes in /tmp/labelled-probe.
pairs=$1; shift
for p in $(seq 1 $pairs); do
  for t in 1 2; do
    for j in "$@"; do
      echo "== pair $p $(basename $j .jar) t=$t load=$(cut -d' ' -f1 /proc/loadavg)"
      java -cp $j:/tmp/labelled-probe PeerProbe $t 8 2>&1 | grep -v SLF4J
    done
  done
  set -- $(for j in "$@"; do echo $j; done | tac)
done
