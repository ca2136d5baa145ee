package dev.telemetry.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.pages.SectionView.Bar;
import dev.telemetry.pages.SectionView.Breakdown;
import dev.telemetry.pages.SectionView.Point;
import dev.telemetry.pages.SectionView.Series;
import dev.telemetry.pages.SectionView.Stat;
import dev.telemetry.pages.SectionView.StatusItem;
import dev.telemetry.pages.SectionView.StatusList;
import dev.telemetry.pages.SectionView.Table;
import dev.telemetry.pages.SectionView.TimeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionViewTest {
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void eachViewNamesItsKind() {
    assertThat(List.of(SectionView.stats(), Table.builder().text("a", "A").build(), new TimeSeries("ms", List.of()),
        new Breakdown("", List.of()), new StatusList(List.of()), SectionView.text("x")))
        .extracting(SectionView::kind)
        .containsExactly("stats", "table", "time_series", "breakdown", "status_list", "text");
  }

  @Test
  void aTableIsBuiltColumnsFirstAndKeepsNullCells() {
    Table t = Table.builder().text("sku", "SKU").number("sold", "Sold", "pcs").row("sku-1", 42).row("sku-2", null)
        .build();
    assertThat(t.columns()).extracting(SectionView.Column::type)
        .containsExactly(SectionView.ColumnType.TEXT, SectionView.ColumnType.NUMBER);
    assertThat(t.rows()).containsExactly(List.of("sku-1", 42), java.util.Arrays.asList("sku-2", null));
  }

  @Test
  void aTableRefusesRaggedRowsUnknownCellTypesAndNoColumns() {
    assertThatThrownBy(() -> Table.builder().text("a", "A").row("x", "y").build())
        .hasMessage("a table row must have 1 cells, has 2");
    assertThatThrownBy(() -> Table.builder().text("a", "A").row(new Object()).build())
        .hasMessage("a table cell must be text, a number, a boolean, an instant or null, was Object");
    assertThatThrownBy(() -> Table.builder().build()).hasMessage("a table needs at least one column");
  }

  @Test
  void viewsAreBoundedAndImmutable() {
    List<Bar> bars = new ArrayList<>(Collections.nCopies(SectionView.MAX_ITEMS + 1, new Bar("a", 1, null)));
    assertThatThrownBy(() -> new Breakdown("", bars)).hasMessage("a view holds at most 1000 bars, has 1001");
    List<Series> many = Collections.nCopies(11, new Series("s", List.of()));
    assertThatThrownBy(() -> new TimeSeries("", many)).hasMessage("a time series view holds at most 10 series, has 11");
    assertThatThrownBy(() -> SectionView.text("x".repeat(4001)))
        .hasMessage("a text view holds at most 4000 characters, has 4001");
    List<Point> points = new ArrayList<>(List.of(new Point(T, 1.0)));
    Series s = new Series("s", points);
    points.clear();
    assertThat(s.points()).hasSize(1);
  }

  @Test
  void statusesAreOneOfTheKnownWordsInLowerCase() {
    assertThat(new StatusItem("db", "HEALTHY", null, null).status()).isEqualTo("healthy");
    assertThat(Stat.of("p95", 12, "ms").withStatus("Red").status()).isEqualTo("red");
    assertThat(Stat.of("n", null, null)).isEqualTo(new Stat("n", null, "", "unknown", ""));
    assertThatThrownBy(() -> new StatusItem("db", "purple", "", null)).hasMessageStartingWith("status must be one of [");
    assertThatThrownBy(() -> Stat.of("n", 1, "").withStatus("ok")).hasMessageContaining("was 'ok'");
  }
}
