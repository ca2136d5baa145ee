package dev.telemetry.examples.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.pages.PageRegistry.PageResult;
import dev.telemetry.pages.PageRegistry.SectionResult;
import dev.telemetry.pages.SectionView;
import org.junit.jupiter.api.Test;

class HostPageExampleTest {
  @Test
  void servesTypedSectionsNamesTheFailingOneAndGatesTheRefundRate() {
    HostPageExample.OrderBook book = new HostPageExample.OrderBook();
    book.place();
    book.place();
    book.refund();
    try (Telemetry telemetry = HostPageExample.telemetryWithPage(book)) {
      PageResult page = telemetry.pages().page("orders");

      assertThat(page.view("totals")).contains(SectionView.stats(SectionView.Stat.of("Placed", 2, ""),
          SectionView.Stat.of("Refunded", 1, "")));
      assertThat(page.section("refund_rate").orElseThrow().collecting())
          .isEqualTo(new SectionResult.Collecting(2, 10, "orders"));
      assertThat(page.section("top_products").orElseThrow().kind()).isEqualTo("table");
      assertThat(page.section("warehouse").orElseThrow().error())
          .isEqualTo("IllegalStateException: warehouse API unreachable");
      assertThat(page.errors()).singleElement().satisfies(e -> assertThat(e.section()).isEqualTo("warehouse"));
    }
  }
}
