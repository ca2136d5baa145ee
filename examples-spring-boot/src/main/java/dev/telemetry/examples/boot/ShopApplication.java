package dev.telemetry.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A plain Spring Boot shop: a few REST routes over an embedded H2 database. Its only telemetry
 * is the {@code telemetry-spring-boot-starter} dependency and {@code telemetry.dashboard.token}
 * in {@code application.properties}; the dashboard is at {@code /admin/telemetry}.
 *
 * <pre>
 * ./mvnw -pl examples-spring-boot -am package -DskipTests
 * java -jar examples-spring-boot/target/examples-spring-boot-0.1.0-SNAPSHOT.jar
 * </pre>
 */
@SpringBootApplication
public class ShopApplication {
  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }
}
