package dev.telemetry.examples.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the tiny modular applications under {@code src/test/modulepath} against the telemetry
 * modules and runs each with {@code java --module-path … -m}, nothing added by hand: a module whose
 * descriptor misses a {@code requires}, an {@code opens} Jackson needs, a {@code provides} for a
 * service or a resource it cannot reach (or a jar without a module name) fails here with a
 * resolution error, a {@code NoClassDefFoundError}, an error answer or a missing line.
 */
class ModulePathTest {
  /** What the dashboard needs at run time: the HTTP adapter and Jackson. */
  private static final Set<String> DASHBOARD = Set.of("dev.telemetry.http", "com.fasterxml.jackson.databind",
      "com.fasterxml.jackson.core", "com.fasterxml.jackson.annotation");
  private static final Set<String> CORE = Set.of("dev.telemetry.core", "org.slf4j", "com.github.benmanes.caffeine");
  /** What the SQLite store needs at run time: the store module, its pool and the driver. */
  private static final Set<String> SQLITE = Set.of("dev.telemetry.jdbc", "com.zaxxer.hikari",
      "org.xerial.sqlitejdbc");

  @Test
  void startsTelemetryAndServesTheDashboardOnTheModulePath(@TempDir Path dir) throws Exception {
    String output = run(dir, "app", "app/app.Main", union(CORE, DASHBOARD, Set.of("dev.telemetry.servlet",
        "dev.telemetry.datasource", "dev.telemetry.jvm", "jakarta.servlet")));

    assertThat(output).as(output)
        .contains("http_server_requests_total=1 db_query_duration_seconds=1 process_memory_utilization_ratio=1")
        .contains("/ 200 text/html", "/assets/uplot.js 200 text/javascript", "/api/v1/config 200 application/json",
            "/api/v1/summary 200 application/json");
  }

  @Test
  void storesInSqliteAndBridgesOpenTelemetryOnTheModulePath(@TempDir Path dir) throws Exception {
    String output = run(dir, "stores", "stores/stores.Main", union(CORE, DASHBOARD, SQLITE, Set.of(
        "dev.telemetry.otel", "io.opentelemetry.api", "io.opentelemetry.context", "io.opentelemetry.common",
        "io.opentelemetry.sdk", "io.opentelemetry.sdk.common", "io.opentelemetry.sdk.trace",
        "io.opentelemetry.sdk.metrics", "io.opentelemetry.sdk.logs", "io.opentelemetry.sdk.autoconfigure",
        "io.opentelemetry.sdk.autoconfigure.spi", "micrometer.core", "micrometer.commons",
        "micrometer.observation")), dir.resolve("telemetry.db").toString());

    assertThat(output).as(output)
        .contains("dialect=SQLITE traces=[/carts/{id}, /orders/{id}] http_server_requests_total=")
        .doesNotContain("http_server_requests_total=0")
        .contains("api/v1/summary 200 application/json", "api/v1/traces 200 application/json carts orders");
  }

  @Test
  void runsTheStorageConformanceKitOnTheModulePath(@TempDir Path dir) throws Exception {
    String output = run(dir, "kit", "kit/kit.Main", union(CORE, SQLITE, Set.of("dev.telemetry.testkit",
        "org.junit.jupiter.api", "org.junit.jupiter.engine", "org.junit.platform.commons",
        "org.junit.platform.engine", "org.junit.platform.launcher", "org.opentest4j", "org.assertj.core",
        "net.bytebuddy", "org.apiguardian.api", "org.jspecify")));

    assertThat(output).as(output).containsPattern("conformance found=[1-9][0-9]+ succeeded=[1-9][0-9]+ failed=0");
  }

  /**
   * Compiles {@code src/test/modulepath/NAME} against {@code modules} (found on this test's class
   * path by name), runs {@code module/mainClass} on the module path and returns its output after
   * checking it exited normally.
   */
  private static String run(Path dir, String name, String main, Set<String> modules, String... args)
      throws Exception {
    String modulePath = modulePath(modules);
    Path classes = dir.resolve(name);
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/test/modulepath", name))) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> arguments = new ArrayList<>(List.of("--module-path", modulePath, "-d", classes.toString()));
    arguments.addAll(sources);
    assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac").isZero();

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", classes + File.pathSeparator + modulePath, "-m", main));
    command.addAll(List.of(args));
    long started = System.nanoTime();
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    // read while it runs (a full pipe would stall it), and wait for it with a bound
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try {
        return java.getInputStream().readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    boolean finished = java.waitFor(180, TimeUnit.SECONDS);
    if (!finished) {
      java.destroyForcibly(); // closes its output, so the read ends
    }
    String output = new String(read.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    System.out.printf("%s ran in %d ms:%n%s%n", name, (System.nanoTime() - started) / 1_000_000, output);
    assertThat(finished).as("the application finished; output:%n%s", output).isTrue();

    assertThat(java.exitValue()).as(output).isZero();
    assertThat(output).as(output).doesNotContain("NoClassDefFoundError", "IllegalAccess", "InaccessibleObject");
    return output;
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return all;
  }

  /** The class path entries holding {@code modules}, as a module path. */
  private static String modulePath(Set<String> modules) throws IOException {
    Map<String, String> found = new LinkedHashMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!Files.exists(path)) {
        continue;
      }
      try {
        for (ModuleReference module : ModuleFinder.of(path).findAll()) {
          String name = module.descriptor().name();
          if (modules.contains(name)) {
            found.putIfAbsent(name, entry);
          }
        }
      } catch (FindException notAModule) {
        // test classes, jars whose names make no module name: not needed
      }
    }
    assertThat(found.keySet()).as("modules on the class path").containsExactlyInAnyOrderElementsOf(modules);
    return String.join(File.pathSeparator, found.values());
  }
}
