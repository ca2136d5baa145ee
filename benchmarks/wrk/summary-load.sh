#!/usr/bin/env bash
# Usage: benchmarks/wrk/summary-load.sh JAR [seconds=10] [rounds=3] [extra server JVM flags...]
# Starts SummaryLoadServer from JAR in its own JVM, then per mode (plain, If-None-Match) one
# warm-up and ROUNDS timed rounds of wrk (2 threads, 50 connections); prints wrk's latency line,
# the server's CPU time per request (utime+stime from /proc over the round / requests), wrk's own
# share of the CPU time both processes used (as SummaryLoadGenerator prints its own) and the load.
set -euo pipefail
jar=$1; secs=${2:-10}; rounds=${3:-3}; shift $(( $# >= 3 ? 3 : $# ))
here=$(cd "$(dirname "$0")" && pwd)
fifo=$(mktemp -u); mkfifo "$fifo"; out=$(mktemp); wout=$(mktemp); wtime=$(mktemp)
java "$@" -cp "$jar" dev.telemetry.benchmarks.http.SummaryLoadServer <"$fifo" >"$out" 2>/dev/null &
pid=$!
exec 3>"$fifo"   # the server runs until this closes
trap 'exec 3>&-; wait $pid 2>/dev/null; rm -f "$fifo" "$out" "$wout" "$wtime"' EXIT
until grep -q '^READY ' "$out"; do sleep 0.2; done
url=$(sed -n 's/^READY //p' "$out")/summary
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' /proc/$pid/stat; }
echo "server pid $pid $url jar=$jar flags=$* $(uptime)"
for cond in 0 1; do
  mode=$([ $cond = 1 ] && echo If-None-Match || echo plain)
  COND=$cond wrk -t2 -c50 -d$((secs/2 > 3 ? secs/2 : 3))s -s "$here/summary.lua" "$url" >/dev/null
  for r in $(seq 1 "$rounds"); do
    c0=$(cpu)
    { TIMEFORMAT='%3U %3S'; time COND=$cond wrk -t2 -c50 -d${secs}s -s "$here/summary.lua" "$url" >"$wout"; } 2>"$wtime"
    c1=$(cpu)
    line=$(grep '^WRK' "$wout")
    n=$(sed -E 's/^WRK n=([0-9]+).*/\1/' <<<"$line")
    us=$(awk -v c=$((c1-c0)) -v t=$tick -v n=$n 'BEGIN{printf "%.1f", c/t*1e6/n}')
    share=$(tail -1 "$wtime" | awk -v c=$((c1-c0)) -v t=$tick '{w=$1+$2; printf "%.0f", 100*w/(w+c/t)}')
    echo "$mode round $r: $line server-cpu=${us}us/req generator-cpu-share=${share}% load=$(cut -d' ' -f1 /proc/loadavg)"
  done
done
