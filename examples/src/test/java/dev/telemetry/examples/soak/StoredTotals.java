package dev.telemetry.examples.soak;

import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Page;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.TelemetryStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one node left in a store over a time window, read back through the storage SPI: per label
 * set, the sum of the request counter's deltas and of the latency histogram's counts over every
 * minute sample, plus the soak's log and event rows.
 *
 * @param counterPerLabelSet counter total per label set, in {@link WriterLoad#LABEL_SETS} order
 * @param histogramPerLabelSet histogram count per label set, same order
 * @param otherSeries samples of either metric under a label set the writers never used
 * @param minuteSamples minute samples of the two metrics
 */
record StoredTotals(long[] counterPerLabelSet, long[] histogramPerLabelSet, long otherSeries, long minuteSamples,
    long logs, long events) {

  static StoredTotals read(TelemetryStore store, String node, Instant from, Instant to) {
    int sets = WriterLoad.LABEL_SETS.size();
    long[] counter = new long[sets];
    long[] histogram = new long[sets];
    long other = 0;
    long samples = 0;
    for (String metric : List.of(StandardMetrics.HTTP_SERVER_REQUESTS, StandardMetrics.HTTP_SERVER_DURATION)) {
      boolean isCounter = metric.equals(StandardMetrics.HTTP_SERVER_REQUESTS);
      for (MetricSample s : store.readSamples(new SampleQuery(metric, Resolution.MINUTE, from, to, Map.of(), node))) {
        samples++;
        int set = WriterLoad.LABEL_SETS.indexOf(s.labels());
        if (set < 0) {
          other++;
        } else if (isCounter) {
          // Counter deltas of 1 sum exactly in a double up to 2^53.
          counter[set] += exactLong(s.sum());
        } else {
          histogram[set] += s.count();
        }
      }
    }
    return new StoredTotals(counter, histogram, other, samples, countLogs(store, from, to),
        store.readEvents(new EventQuery(WriterLoad.EVENT_TYPE, from, to, EventQuery.MAX_LIMIT)).size());
  }

  private static long countLogs(TelemetryStore store, Instant from, Instant to) {
    LogQuery query = new LogQuery(from, to, Set.of(), WriterLoad.LOG_DOMAIN, null, null, null, null,
        Page.MAX_LIMIT);
    long n = 0;
    while (true) {
      Page<LogEvent> page = store.readLogs(query);
      n += page.items().size();
      if (page.nextCursor() == null) {
        return n;
      }
      query = query.withCursor(page.nextCursor());
    }
  }

  private static long exactLong(double sum) {
    long asLong = (long) sum;
    if (asLong != sum) {
      throw new AssertionError("a counter delta of increments by 1 is not a whole number: " + sum);
    }
    return asLong;
  }

  long counterTotal() {
    return sumOf(counterPerLabelSet);
  }

  long histogramTotal() {
    return sumOf(histogramPerLabelSet);
  }

  static long sumOf(long[] values) {
    long sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum;
  }
}
