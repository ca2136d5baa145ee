package dev.telemetry.http;

import dev.telemetry.query.TelemetryQueries.StoreStatus;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.status.Threshold;
import dev.telemetry.status.Thresholds;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /store}: the store's size and tables, the last retention run and the rollup watermarks
 * ({@link TelemetryQueries#storeStatus()}), with the size budget the health probe checks. Reading
 * it counts rows, so it is a view for people, not something to poll every second.
 */
final class StoreEndpoint {
  private final TelemetryQueries queries;
  private final Thresholds thresholds;

  StoreEndpoint(TelemetryQueries queries, Thresholds thresholds) {
    this.queries = queries;
    this.thresholds = thresholds;
  }

  Endpoint endpoint() {
    return Endpoint.view("/store", Set.of(), this::store);
  }

  private void store(Exchange ex, QueryParams p) throws IOException {
    StoreStatus status = queries.storeStatus();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("checked_at", status.checkedAt());
    body.put("store", status.stats().store());
    body.put("database_bytes", status.stats().databaseBytes());
    body.put("reclaimable_bytes", status.stats().reclaimableBytes());
    body.put("total_rows", status.stats().totalRows());
    body.put("oldest_row", status.stats().oldestRow());
    body.put("newest_row", status.stats().newestRow());
    body.put("tables", status.stats().tables());
    body.put("last_retention_run", status.lastRetentionRun());
    body.put("hour_rollup_through", status.hourRollupThrough());
    body.put("day_rollup_through", status.dayRollupThrough());
    Threshold budget = thresholds.find(Thresholds.STORE_SIZE_MB).orElse(null);
    if (budget != null) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("yellow_mb", budget.warn());
      b.put("red_mb", budget.crit());
      b.put("status", status.stats().databaseBytes() == null ? null
          : budget.status(status.stats().databaseBytes() / (1024.0 * 1024.0)));
      body.put("size_budget", b);
    }
    ex.json(200, body);
  }
}
