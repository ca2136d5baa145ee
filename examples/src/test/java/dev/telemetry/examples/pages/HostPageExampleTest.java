package dev.telemetry.examples.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.pages.PageResult;
import org.junit.jupiter.api.Test;

class HostPageExampleTest {
  @Test
  void servesTypedSectionsAndNamesTheFailingOne() {
    HostPageExample.OrderBook book = new HostPageExample.OrderBook();
    book.place();
    book.place();
    book.refund();
    try (Telemetry telemetry = HostPageExample.telemetryWithPage(book)) {
      PageResult page = telemetry.pages().page("orders");

      assertThat(page.sections().get("totals")).isEqualTo(new HostPageExample.OrderTotals(2, 1, 0.5));
      assertThat(page.sections()).containsKey("top_products").doesNotContainKey("warehouse");
      assertThat(page.errors()).singleElement().satisfies(e -> assertThat(e.toString()).contains("warehouse"));
    }
  }
}
