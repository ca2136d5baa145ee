#!/bin/bash
cd /tmp/stripes
./jmh.sh final 'RecordBenchmark\.(telemetryBound|telemetryLabeled|otelExponential3Attributes|micrometerTimerPercentileHistogram|longAdderIncrement)$'
for v in before:/tmp/stripes-baseline-benchmarks.jar after:/tmp/stripes-final.jar; do
  name=${v%%:*}; jar=${v#*:}
  echo "== bimodal $name t2 f4"
  java -jar $jar 'RecordBenchmark.telemetryLabeled$' -t 2 -f 4 -wi 3 -w 1 -i 3 -r 1 -prof gc > bimodal-$name.txt 2>&1
  grep -E "^RecordBenchmark\.[a-zA-Z0-9]+ |# Fork|^Iteration" bimodal-$name.txt
done
for d in typical wide; do for t in 1 8 32; do
  for v in before:basecls:/tmp/stripes-baseline-benchmarks.jar after:/tmp/stripes-final.jar; do
    name=${v%%:*}; cp=${v#*:}
    echo -n "$name apc=16 "; java -Xmx2g -XX:ActiveProcessorCount=16 -cp $cp dev.telemetry.benchmarks.record.SeriesMemory $t $d 100 2>/dev/null
  done
done; done
for v in before:basecls:/tmp/stripes-baseline-benchmarks.jar after:/tmp/stripes-final.jar; do
  name=${v%%:*}; cp=${v#*:}
  echo -n "$name apc=default "; java -Xmx2g -cp $cp dev.telemetry.benchmarks.record.SeriesMemory 32 typical 100 2>/dev/null
done
echo DONE
