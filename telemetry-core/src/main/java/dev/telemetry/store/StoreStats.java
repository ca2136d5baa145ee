package dev.telemetry.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a store holds and how big it is, as far as it can tell ({@link TelemetryStore#stats()}).
 * Every number a store cannot give is {@code null}.
 *
 * @param store what kind of store answered ({@code in-memory}, {@code sqlite}, {@code postgresql},
 *     {@code unknown})
 * @param databaseBytes size of the whole database (SQLite: the file; PostgreSQL: {@code
 *     pg_database_size}), or {@code null}
 * @param reclaimableBytes space inside the database held by deleted rows and not yet given back
 *     (SQLite: free pages), or {@code null}
 * @param tables one entry per table (or row kind) the store owns
 */
public record StoreStats(String store, Long databaseBytes, Long reclaimableBytes, List<TableStats> tables) {
  /** A store that cannot say anything about itself. */
  public static final StoreStats UNKNOWN = new StoreStats("unknown", null, null, List.of());

  public StoreStats {
    Objects.requireNonNull(store, "store");
    tables = List.copyOf(tables);
  }

  /** The oldest row time across tables, or {@code null}. */
  public Instant oldestRow() {
    return tables.stream().map(TableStats::oldest).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
  }

  /** The newest row time across tables, or {@code null}. */
  public Instant newestRow() {
    return tables.stream().map(TableStats::newest).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
  }

  /** Rows across tables that could count theirs. */
  public long totalRows() {
    return tables.stream().map(TableStats::rows).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
  }

  /**
   * One table of a store.
   *
   * @param name the table name (SQL stores) or row kind (in-memory)
   * @param rows rows it holds, or {@code null}
   * @param bytes bytes it takes with its indexes, or {@code null} when the database cannot say
   * @param oldest time of its oldest row (bucket start for samples), or {@code null}
   * @param newest time of its newest row, or {@code null}
   */
  public record TableStats(String name, Long rows, Long bytes, Instant oldest, Instant newest) {
    public TableStats {
      Objects.requireNonNull(name, "name");
    }
  }
}
