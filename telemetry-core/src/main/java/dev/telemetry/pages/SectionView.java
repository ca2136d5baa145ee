package dev.telemetry.pages;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a page section shows: one of six typed views that the web page renders generically. A
 * host builds them from its own data; the HTTP adapter serializes each with a {@code kind}.
 *
 * <pre>{@code
 * PageSection.of("totals", "Totals", () -> SectionView.stats(
 *     Stat.of("Orders (24 h)", orders.count(), ""), Stat.of("Refund rate", refunds.rate() * 100, "%")));
 * PageSection.of("top_products", "Top products", () -> Table.builder()
 *     .text("sku", "SKU").number("sold", "Sold", "")
 *     .row("sku-1", 42).row("sku-2", 17).build());
 * }</pre>
 *
 * <p>Every view is an immutable record, bounded (at most {@value #MAX_ITEMS} rows, bars, items,
 * points per series or cards) and validated when it is built, naming the rule it breaks.
 */
public sealed interface SectionView
    permits SectionView.Stats, SectionView.Table, SectionView.TimeSeries, SectionView.Breakdown,
        SectionView.StatusList, SectionView.Text {

  /** The most rows, bars, items, cards or points per series one view may hold. */
  int MAX_ITEMS = 1000;

  /** The view's kind as the web page knows it: {@code stats}, {@code table}, … */
  String kind();

  /** Stat cards. */
  static Stats stats(Stat... stats) {
    return new Stats(List.of(stats));
  }

  /** Plain text (no markup is interpreted). */
  static Text text(String text) {
    return new Text(text);
  }

  /**
   * A row of stat cards.
   *
   * @param stats the cards, in order
   */
  record Stats(List<Stat> stats) implements SectionView {
    public Stats {
      stats = bounded(stats, "stats");
    }

    @Override
    public String kind() {
      return "stats";
    }
  }

  /**
   * One stat card.
   *
   * @param label what it counts
   * @param value the number, {@code null} when there is none yet
   * @param unit shown after the value ({@code ms}, {@code %}, or empty)
   * @param status a colour: {@code green}, {@code yellow}, {@code red} or {@code unknown} (no colour)
   * @param hint a short line under the value, may be empty
   */
  record Stat(String label, Double value, String unit, String status, String hint) {
    static final Set<String> STATUSES = Set.of("green", "yellow", "red", "unknown");

    public Stat {
      requireNonNull(label, "label");
      unit = unit == null ? "" : unit;
      status = oneOf(status == null ? "unknown" : status, STATUSES, "status");
      hint = hint == null ? "" : hint;
    }

    /** A card without colour or hint. */
    public static Stat of(String label, Number value, String unit) {
      return new Stat(label, value == null ? null : value.doubleValue(), unit, "unknown", "");
    }

    /** The same card coloured {@code status}. */
    public Stat withStatus(String status) {
      return new Stat(label, value, unit, status, hint);
    }

    /** The same card with a hint under the value. */
    public Stat withHint(String hint) {
      return new Stat(label, value, unit, status, hint);
    }
  }

  /**
   * A table. Cells are strings, numbers, booleans, {@link Instant}s or {@code null}, one per
   * column.
   *
   * @param columns the columns, in order
   * @param rows the rows, each as long as {@code columns}
   */
  record Table(List<Column> columns, List<List<Object>> rows) implements SectionView {
    public Table {
      columns = List.copyOf(columns);
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("a table needs at least one column");
      }
      List<List<Object>> copy = new ArrayList<>(rows.size());
      for (List<Object> row : rows) {
        if (row.size() != columns.size()) {
          throw new IllegalArgumentException("a table row must have " + columns.size() + " cells, has " + row.size());
        }
        for (Object cell : row) {
          if (!(cell == null || cell instanceof String || cell instanceof Number || cell instanceof Boolean
              || cell instanceof Instant)) {
            throw new IllegalArgumentException("a table cell must be text, a number, a boolean, an instant or null, was "
                + cell.getClass().getSimpleName());
          }
        }
        copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
      }
      rows = bounded(copy, "rows");
    }

    @Override
    public String kind() {
      return "table";
    }

    /** Columns first, then rows. */
    public static Builder builder() {
      return new Builder();
    }

    /** Builds a table column by column, then row by row. */
    public static final class Builder {
      private final List<Column> columns = new ArrayList<>();
      private final List<List<Object>> rows = new ArrayList<>();

      private Builder() {}

      /** A text column. */
      public Builder text(String key, String label) {
        return column(new Column(key, label, ColumnType.TEXT, ""));
      }

      /** A number column, right-aligned, {@code unit} shown in its header. */
      public Builder number(String key, String label, String unit) {
        return column(new Column(key, label, ColumnType.NUMBER, unit));
      }

      /** A column of any type. */
      public Builder column(Column column) {
        columns.add(requireNonNull(column, "column"));
        return this;
      }

      /** A row: one cell per column. */
      public Builder row(Object... cells) {
        rows.add(Arrays.asList(cells));
        return this;
      }

      public Table build() {
        return new Table(columns, rows);
      }
    }
  }

  /**
   * A table column.
   *
   * @param key a snake_case key, unique in the table
   * @param label the header
   * @param type how cells are shown (and sorted)
   * @param unit shown after numbers, may be empty
   */
  record Column(String key, String label, ColumnType type, String unit) {
    public Column {
      requireNonNull(key, "key");
      requireNonNull(label, "label");
      requireNonNull(type, "type");
      unit = unit == null ? "" : unit;
    }
  }

  /** How a column's cells are shown. */
  enum ColumnType {
    /** Text, left-aligned. */
    TEXT,
    /** A number, right-aligned, its unit shown in the column header. */
    NUMBER,
    /** A fraction 0–1 shown as a percentage. */
    PERCENT,
    /** An instant, shown in UTC. */
    TIME,
    /** A status word ({@code healthy}, {@code stale}, {@code red} …), shown with its colour. */
    STATUS,
    /** The id of a drill-down page under this page ({@code /pages/{page}/{detail}}), shown as a link. */
    DETAIL
  }

  /**
   * Time series on one chart, sharing one unit.
   *
   * @param unit the values' unit, may be empty
   * @param series at most 10 series
   */
  record TimeSeries(String unit, List<Series> series) implements SectionView {
    public TimeSeries {
      unit = unit == null ? "" : unit;
      series = List.copyOf(series);
      if (series.size() > 10) {
        throw new IllegalArgumentException("a time series view holds at most 10 series, has " + series.size());
      }
    }

    @Override
    public String kind() {
      return "time_series";
    }
  }

  /**
   * One line of a chart.
   *
   * @param name the legend
   * @param points oldest first; a {@code null} value is a gap
   */
  record Series(String name, List<Point> points) {
    public Series {
      requireNonNull(name, "name");
      points = bounded(points, "points");
    }
  }

  /** A point of a series; {@code value} {@code null} is a gap. */
  record Point(Instant ts, Double value) {
    public Point {
      requireNonNull(ts, "ts");
    }
  }

  /**
   * A breakdown shown as horizontal bars, largest first as given.
   *
   * @param unit the values' unit, may be empty
   * @param bars the bars, in display order
   */
  record Breakdown(String unit, List<Bar> bars) implements SectionView {
    public Breakdown {
      unit = unit == null ? "" : unit;
      bars = bounded(bars, "bars");
    }

    @Override
    public String kind() {
      return "breakdown";
    }
  }

  /**
   * One bar.
   *
   * @param label what it counts ({@code ""} is shown as "(none)")
   * @param value its value
   * @param percent its share 0–100, or {@code null}
   */
  record Bar(String label, double value, Double percent) {
    public Bar {
      requireNonNull(label, "label");
    }
  }

  /**
   * A list of named things with a status each (services, jobs, keys).
   *
   * @param items in display order
   */
  record StatusList(List<StatusItem> items) implements SectionView {
    public StatusList {
      items = bounded(items, "items");
    }

    @Override
    public String kind() {
      return "status_list";
    }
  }

  /**
   * One status line.
   *
   * @param name what it is
   * @param status one of {@code healthy}, {@code degraded}, {@code down}, {@code unavailable},
   *     {@code fresh}, {@code stale}, {@code dead}, {@code green}, {@code yellow}, {@code red},
   *     {@code unknown}
   * @param detail a short explanation, may be empty
   * @param at when it was last seen or checked, or {@code null}
   */
  record StatusItem(String name, String status, String detail, Instant at) {
    static final Set<String> STATUSES = Set.of("healthy", "degraded", "down", "unavailable", "fresh", "stale", "dead",
        "green", "yellow", "red", "unknown");

    public StatusItem {
      requireNonNull(name, "name");
      status = oneOf(status, STATUSES, "status");
      detail = detail == null ? "" : detail;
    }
  }

  /**
   * Plain text, at most 4,000 characters; shown as text, never as markup.
   *
   * @param text the text
   */
  record Text(String text) implements SectionView {
    /** The longest text a view holds. */
    public static final int MAX_LENGTH = 4000;

    public Text {
      requireNonNull(text, "text");
      if (text.length() > MAX_LENGTH) {
        throw new IllegalArgumentException("a text view holds at most " + MAX_LENGTH + " characters, has "
            + text.length());
      }
    }

    @Override
    public String kind() {
      return "text";
    }
  }

  private static <T> List<T> bounded(List<T> list, String what) {
    List<T> copy = List.copyOf(list);
    if (copy.size() > MAX_ITEMS) {
      throw new IllegalArgumentException("a view holds at most " + MAX_ITEMS + " " + what + ", has " + copy.size());
    }
    return copy;
  }

  private static String oneOf(String value, Set<String> allowed, String what) {
    requireNonNull(value, what);
    String lower = value.toLowerCase(Locale.ROOT);
    if (!allowed.contains(lower)) {
      throw new IllegalArgumentException(what + " must be one of " + new TreeSet<>(allowed) + ", was '"
          + value + "'");
    }
    return lower;
  }
}
