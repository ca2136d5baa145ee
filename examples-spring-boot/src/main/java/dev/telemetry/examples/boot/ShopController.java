package dev.telemetry.examples.boot;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The shop's routes: a product lookup, an order insert, and a checkout whose payment provider is down. */
@RestController
class ShopController {
  /**
   * Named after the shop's domain, which the dashboard shows beside each log. (Not after this class:
   * the library ignores loggers under {@code dev.telemetry}, its own, which this example lives in.)
   */
  private static final Logger LOG = LoggerFactory.getLogger("shop.checkout");
  private final JdbcTemplate jdbc;

  ShopController(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @GetMapping("/products/{id}")
  Map<String, Object> product(@PathVariable long id) {
    List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, name, price FROM product WHERE id = ?", id);
    if (rows.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no product " + id);
    }
    return rows.get(0);
  }

  @PostMapping("/orders")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> order(@RequestParam long productId, @RequestParam int quantity) {
    jdbc.update("INSERT INTO purchase_order (product_id, quantity) VALUES (?, ?)", productId, quantity);
    return Map.of("productId", productId, "quantity", quantity);
  }

  @GetMapping("/checkout")
  String checkout() {
    IllegalStateException failure = new IllegalStateException("payment provider unavailable");
    LOG.error("checkout failed", failure);
    throw failure;
  }
}
