package dev.telemetry.examples.webflux;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** The shop's annotated routes: a lookup, a handler that throws, and one whose Mono fails. */
@RestController
class ReactiveShopController {
  private static final Map<Long, String> PRODUCTS = Map.of(1L, "teapot", 2L, "kettle", 3L, "mug");

  @GetMapping("/products/{id}")
  Mono<Map<String, Object>> product(@PathVariable long id) {
    String name = PRODUCTS.get(id);
    return name == null ? Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no product " + id))
        : Mono.just(Map.of("id", id, "name", name));
  }

  /** Throws while the handler is invoked, before any Mono exists. */
  @GetMapping("/orders/{id}/invoice")
  Mono<String> invoice(@PathVariable long id) {
    throw new IllegalStateException("the invoice service is down");
  }

  /** Returns a Mono that signals an error. */
  @GetMapping("/payments/{id}")
  Mono<String> payment(@PathVariable long id) {
    return Mono.error(new PaymentGatewayException("the payment gateway timed out"));
  }

  /** What the payment gateway's client signals when the gateway fails. */
  static final class PaymentGatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PaymentGatewayException(String message) {
      super(message);
    }
  }
}
