package dev.telemetry.examples.log4j2;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring MVC shop that logs through Log4j2 ({@code spring-boot-starter-log4j2}, Logback
 * excluded). Its only telemetry is the {@code telemetry-spring-boot-starter} dependency and
 * {@code telemetry.dashboard.token}; its WARN and ERROR logs appear on the dashboard with the trace
 * id of the request that logged them.
 */
@SpringBootApplication
public class Log4j2ShopApplication {
  public static void main(String[] args) {
    SpringApplication.run(Log4j2ShopApplication.class, args);
  }
}
