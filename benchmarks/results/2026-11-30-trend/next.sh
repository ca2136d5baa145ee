#!/bin/sh
# waits for the running sqlite probe, then memory (2 rounds) and postgres (1 round)
while kill -0 25849 2>/dev/null; do sleep 5; done
./ab-probe.sh memory 2 200 > probe-memory.txt 2>&1
./ab-probe.sh postgres 1 100 > probe-postgres.txt 2>&1
echo done > probe.done
