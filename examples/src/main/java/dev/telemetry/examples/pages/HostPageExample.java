package dev.telemetry.examples.pages;

import dev.telemetry.Telemetry;
import dev.telemetry.pages.PageProvider;
import dev.telemetry.pages.PageSection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A host-defined page: typed sections computed by the host, cached for the page's TTL, served
 * at {@code /api/v1/pages/orders}. A section that throws leaves the others standing and names
 * itself in the page's {@code errors}.
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

  /** The payload of the totals section: a record, serialized in snake_case by the HTTP adapter. */
  public record OrderTotals(long placed, long refunded, double refundRate) {}

  /** One row of the top-products section. */
  public record ProductRow(String sku, long sold) {}

  private HostPageExample() {}

  /** The page, to register with {@code Telemetry.builder().page(...)}. */
  public static PageProvider ordersPage(OrderBook book) {
    return PageProvider.of("orders", Duration.ofSeconds(30),
        PageSection.of("totals", () -> new OrderTotals(book.placed.get(), book.refunded.get(),
            book.placed.get() == 0 ? 0 : book.refunded.get() / (double) book.placed.get())),
        PageSection.of("top_products", () -> List.of(new ProductRow("sku-1", 42), new ProductRow("sku-2", 17))),
        PageSection.of("warehouse", () -> {
          throw new IllegalStateException("warehouse API unreachable");
        }));
  }

  public static Telemetry telemetryWithPage(OrderBook book) {
    return Telemetry.builder().service("shop").page(ordersPage(book)).build();
  }
}
