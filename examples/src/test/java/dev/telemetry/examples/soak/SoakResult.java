package dev.telemetry.examples.soak;

import dev.telemetry.SelfMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Everything one {@link SoakRun} measured, filled in as the run goes. */
final class SoakResult {
  final String store;
  final Duration duration;
  long heapStart;
  long heapMiddle;
  long heapEnd;
  /** Histogram records per writer when the middle and the end were reached (published every 1024). */
  long[] recordsAtMiddle;
  long[] recordsAtEnd;
  long firstHalfNanos;
  long secondHalfNanos;
  /** What the writers recorded in all, per label set (histogram records = counter increments). */
  long[] writtenPerLabelSet;
  long logsWritten;
  long eventsWritten;
  List<Throwable> writerErrors;
  long requests;
  long readerErrors;
  long readerServerErrors;
  long readerExceptions;
  long summaryPlaceholders;
  List<String> firstReaderErrors;
  /** Sorted latencies in microseconds per endpoint. */
  Map<String, long[]> latencies;
  Map<String, String> healthAtEnd;
  long closeMillis;
  SelfMetrics selfMetrics;
  long auditEntries;
  StoredTotals stored;

  SoakResult(String store, Duration duration) {
    this.store = store;
    this.duration = duration;
  }

  void writersDone(List<WriterLoad> writers, List<Throwable> errors, long[] atMiddle, long[] atEnd,
      long firstHalfNanos, long secondHalfNanos) {
    this.recordsAtMiddle = atMiddle;
    this.recordsAtEnd = atEnd;
    this.firstHalfNanos = firstHalfNanos;
    this.secondHalfNanos = secondHalfNanos;
    this.writerErrors = errors;
    this.writtenPerLabelSet = new long[WriterLoad.LABEL_SETS.size()];
    for (WriterLoad w : writers) {
      long[] perSet = w.recordsPerLabelSet();
      for (int i = 0; i < perSet.length; i++) {
        writtenPerLabelSet[i] += perSet[i];
      }
      logsWritten += w.logs();
      eventsWritten += w.events();
    }
  }

  void readersDone(ReaderLoad readers, Map<String, long[]> latencies) {
    this.latencies = latencies;
    this.requests = latencies.values().stream().mapToLong(l -> l.length).sum();
    this.readerErrors = readers.errors();
    this.readerServerErrors = readers.serverErrors();
    this.readerExceptions = readers.exceptions();
    this.summaryPlaceholders = readers.placeholders();
    this.firstReaderErrors = readers.firstErrors();
  }

  long written() {
    return StoredTotals.sumOf(writtenPerLabelSet);
  }

  /** Histogram records per second of writer {@code i} over the first half, the second half and the whole run. */
  double firstHalfRate(int i) {
    return recordsAtMiddle[i] / seconds(firstHalfNanos);
  }

  double secondHalfRate(int i) {
    return (recordsAtEnd[i] - recordsAtMiddle[i]) / seconds(secondHalfNanos);
  }

  double overallRate(int i) {
    return recordsAtEnd[i] / seconds(firstHalfNanos + secondHalfNanos);
  }

  double totalFirstHalfRate() {
    return StoredTotals.sumOf(recordsAtMiddle) / seconds(firstHalfNanos);
  }

  double totalSecondHalfRate() {
    return (StoredTotals.sumOf(recordsAtEnd) - StoredTotals.sumOf(recordsAtMiddle)) / seconds(secondHalfNanos);
  }

  double elapsedSeconds() {
    return seconds(firstHalfNanos + secondHalfNanos);
  }

  private static double seconds(long nanos) {
    return Math.max(1, nanos) / 1e9;
  }
}
