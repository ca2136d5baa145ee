package dev.telemetry.examples.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the tiny modular application under {@code src/test/modulepath/app} against the
 * telemetry modules and runs it with {@code java --module-path … -m app/app.Main}, nothing added
 * by hand: a module whose descriptor misses a {@code requires} (or a jar without a module name)
 * fails here with a resolution error or a {@code NoClassDefFoundError}.
 */
class ModulePathTest {
  /** The modules the application needs, and theirs; found on this test's class path by name. */
  private static final Set<String> MODULES = Set.of("dev.telemetry.core", "dev.telemetry.servlet",
      "dev.telemetry.datasource", "dev.telemetry.jvm", "org.slf4j", "com.github.benmanes.caffeine",
      "jakarta.servlet");

  @Test
  void startsTelemetryAndRecordsOnTheModulePath(@TempDir Path dir) throws Exception {
    String modulePath = modulePath();
    Path classes = dir.resolve("app");
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/test/modulepath/app"))) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> arguments = new ArrayList<>(List.of("--module-path", modulePath, "-d", classes.toString()));
    arguments.addAll(sources);
    assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac").isZero();

    Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", classes + File.pathSeparator + modulePath, "-m", "app/app.Main")
        .redirectErrorStream(true).start();
    assertThat(java.waitFor(60, TimeUnit.SECONDS)).as("the application finished").isTrue();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(java.exitValue()).as(output).isZero();
    assertThat(output).as(output).doesNotContain("NoClassDefFoundError")
        .contains("http_server_requests_total=1 db_query_duration_seconds=1 process_memory_utilization_ratio=1");
  }

  /** The class path entries holding {@link #MODULES}, as a module path. */
  private static String modulePath() throws IOException {
    Map<String, String> found = new LinkedHashMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!Files.exists(path)) {
        continue;
      }
      try {
        for (ModuleReference module : ModuleFinder.of(path).findAll()) {
          String name = module.descriptor().name();
          if (MODULES.contains(name)) {
            found.putIfAbsent(name, entry);
          }
        }
      } catch (FindException notAModule) {
        // test classes, jars whose names make no module name: not needed
      }
    }
    assertThat(found.keySet()).as("modules on the class path").containsExactlyInAnyOrderElementsOf(MODULES);
    return String.join(File.pathSeparator, found.values());
  }
}
