package dev.telemetry.examples.pages;

import dev.telemetry.Telemetry;
import dev.telemetry.pages.PageProvider;
import dev.telemetry.pages.PageSection;
import dev.telemetry.pages.SectionView;
import dev.telemetry.pages.SectionView.Stat;
import dev.telemetry.pages.SectionView.Table;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A host-defined page: typed sections computed by the host, cached for the page's TTL, served at
 * {@code /api/v1/pages/orders} and shown in the web page under "Orders" ({@code #page/orders}). A
 * section that throws leaves the others standing and shows its own error; a gated section says
 * "collecting data" until it has enough orders to mean something.
 */
public final class HostPageExample {
  /** The host's own data access (here: in-memory counters). */
  public static final class OrderBook {
    final AtomicLong placed = new AtomicLong();
    final AtomicLong refunded = new AtomicLong();

    public void place() {
      placed.incrementAndGet();
    }

    public void refund() {
      refunded.incrementAndGet();
    }
  }

  private HostPageExample() {}

  /** The page, to register with {@code Telemetry.builder().page(...)}. */
  public static PageProvider ordersPage(OrderBook book) {
    return PageProvider.builder("orders").title("Orders").ttl(Duration.ofSeconds(30))
        .section(PageSection.of("totals", "Totals", () -> SectionView.stats(
            Stat.of("Placed", book.placed.get(), ""), Stat.of("Refunded", book.refunded.get(), ""))))
        .section(PageSection.of("refund_rate", "Refund rate", () -> SectionView.stats(
            Stat.of("Refund rate", 100.0 * book.refunded.get() / book.placed.get(), "%")))
            .collectingUntil(10, "orders", book.placed::get))
        .section(PageSection.of("top_products", "Top products", () -> Table.builder()
            .text("sku", "SKU").number("sold", "Sold", "").row("sku-1", 42).row("sku-2", 17).build()))
        .section(PageSection.of("warehouse", "Warehouse", () -> {
          throw new IllegalStateException("warehouse API unreachable");
        }))
        .build();
  }

  public static Telemetry telemetryWithPage(OrderBook book) {
    return Telemetry.builder().service("shop").page(ordersPage(book)).build();
  }
}
