package dev.telemetry.examples.webflux;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A Spring WebFlux shop on Netty, with annotated and functional routes and no servlet API on the
 * class path. Its only telemetry is the {@code telemetry-spring-boot-starter} dependency and
 * {@code telemetry.dashboard.token} in {@code application.properties}; the dashboard is at
 * {@code /admin/telemetry} on the application's own server.
 */
@SpringBootApplication
public class ReactiveShopApplication {
  public static void main(String[] args) {
    SpringApplication.run(ReactiveShopApplication.class, args);
  }

  /** A functional route: its pattern names it on the dashboard as an annotated one would. */
  @Bean
  RouterFunction<ServerResponse> stockRoutes() {
    return route().GET("/stock/{sku}", request -> ServerResponse.ok()
        .bodyValue("{\"sku\":\"" + request.pathVariable("sku").replaceAll("[^A-Za-z0-9-]", "") + "\",\"units\":7}"))
        .build();
  }
}
