package dev.telemetry.examples.soak;

import dev.telemetry.SelfMetrics;
import java.util.Locale;
import java.util.Map;

/** The compact results table of one {@link SoakResult}. */
final class SoakReport {
  private static final double MIB = 1024 * 1024;

  private SoakReport() {}

  static String table(SoakResult r) {
    StringBuilder out = new StringBuilder();
    line(out, "=== soak: %s — %.1f s, %d writers at full rate, %d HTTP readers over loopback, flush 1 s ===",
        r.store, r.elapsedSeconds(), r.recordsAtEnd.length, SoakRun.READERS);

    line(out, "writer throughput (histogram records/s; each also makes one counter increment)");
    line(out, "  %-8s %14s %14s %14s %16s", "writer", "first half", "second half", "whole run", "records");
    for (int i = 0; i < r.recordsAtEnd.length; i++) {
      line(out, "  %-8d %,14.0f %,14.0f %,14.0f %,16d", i, r.firstHalfRate(i), r.secondHalfRate(i),
          r.overallRate(i), r.recordsAtEnd[i]);
    }
    line(out, "  %-8s %,14.0f %,14.0f %,14.0f %,16d", "all", r.totalFirstHalfRate(), r.totalSecondHalfRate(),
        StoredTotals.sumOf(r.recordsAtEnd) / r.elapsedSeconds(), r.written());

    line(out, "HTTP latency (ms), %d readers cycling over the endpoints", SoakRun.READERS);
    line(out, "  %-12s %8s %8s %8s %8s %8s %8s", "endpoint", "n", "req/s", "p50", "p95", "p99", "max");
    for (Map.Entry<String, long[]> e : r.latencies.entrySet()) {
      long[] us = e.getValue();
      if (us.length == 0) {
        line(out, "  %-12s %8d", e.getKey(), 0);
        continue;
      }
      line(out, "  %-12s %8d %8.1f %8.2f %8.2f %8.2f %8.2f", e.getKey(), us.length, us.length / r.elapsedSeconds(),
          quantile(us, 0.50), quantile(us, 0.95), quantile(us, 0.99), us[us.length - 1] / 1000.0);
    }
    line(out, "  requests %d, not-clean responses %d (5xx %d), client exceptions %d, audit entries %d,"
        + " summaries served before the first refresh %d", r.requests, r.readerErrors, r.readerServerErrors,
        r.readerExceptions, r.auditEntries, r.summaryPlaceholders);
    for (String error : r.firstReaderErrors) {
      line(out, "    ! %s", error);
    }

    line(out, "heap used after GC (MiB): start %.1f, middle %.1f, end %.1f (end - middle %+.1f)",
        r.heapStart / MIB, r.heapMiddle / MIB, r.heapEnd / MIB, (r.heapEnd - r.heapMiddle) / MIB);

    StoredTotals s = r.stored;
    line(out, "reconciliation after close(), read back through a fresh store");
    line(out, "  %-28s %16s %16s %16s", "label set", "recorded", "counter sum", "histogram count");
    for (int i = 0; i < r.writtenPerLabelSet.length; i++) {
      Map<String, String> l = WriterLoad.LABEL_SETS.get(i);
      line(out, "  %-28s %,16d %,16d %,16d", l.get("method") + " " + l.get("route") + " " + l.get("status"),
          r.writtenPerLabelSet[i], s.counterPerLabelSet()[i], s.histogramPerLabelSet()[i]);
    }
    line(out, "  %-28s %,16d %,16d %,16d   %s", "total", r.written(), s.counterTotal(), s.histogramTotal(),
        r.written() == s.counterTotal() && r.written() == s.histogramTotal() ? "EXACT" : "MISMATCH");
    line(out, "  logs %d recorded / %d stored; events %d / %d; %d minute samples; %d samples of other label sets",
        r.logsWritten, s.logs(), r.eventsWritten, s.events(), s.minuteSamples(), s.otherSeries());

    SelfMetrics m = r.selfMetrics;
    line(out, "self-metrics after close (took %d ms): written %d batches / %d rows, writeFailures %d,"
        + " droppedBatches %d, droppedRows %d, contendedDrops %d, internalErrors %d, flusherErrors %d,"
        + " droppedDiscrete %d, rejected %d, overflowed %d, flushes %d, max flush %.1f ms, queue %d",
        r.closeMillis, m.writtenBatches(), m.writtenRows(), m.writeFailures(), m.droppedBatches(), m.droppedRows(),
        m.contendedDrops(), m.internalErrors(), m.flusherErrors(), m.droppedDiscrete(), m.rejectedValues(),
        m.overflowedRecords(), m.flushes(), m.maxFlushNanos() / 1e6, m.queueDepth());
    line(out, "health at the end: %s", r.healthAtEnd);
    for (Throwable t : r.writerErrors) {
      line(out, "  ! writer threw %s", t);
    }
    return out.toString();
  }

  static double quantile(long[] sortedMicros, double q) {
    int index = Math.min(sortedMicros.length - 1, Math.max(0, (int) Math.ceil(q * sortedMicros.length) - 1));
    return sortedMicros[index] / 1000.0;
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
