package dev.telemetry.examples.log4j2;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A checkout whose payment always fails, and says so in the log. */
@RestController
class CheckoutController {
  private static final Logger LOG = LogManager.getLogger("shop.checkout");

  @GetMapping("/checkout")
  ResponseEntity<String> checkout() {
    LOG.error("checkout failed", new IllegalStateException("the payment gateway timed out"));
    return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body("{\"error\":\"payment failed\"}");
  }
}
