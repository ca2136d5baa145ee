package dev.telemetry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a test's {@code main} in a child JVM (own heap, serial GC) and reads its {@code key=value} lines. */
final class ChildJvm {
  private ChildJvm() {}

  static Map<String, Long> run(Class<?> main, String heap, String... args) throws Exception {
    String classPath = System.getProperty("java.class.path");
    String modulePath = System.getProperty("jdk.module.path");
    if (modulePath != null && !modulePath.isEmpty()) {
      classPath = classPath + File.pathSeparator + modulePath;
    }
    List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
        .toString(), heap, "-XX:+UseSerialGC", "-cp", classPath, main.getName()));
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = child.getInputStream().readAllBytes();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = new String(output, UTF_8);
    assertThat(child.exitValue()).as("child output:%n%s", text).isZero();
    Map<String, Long> values = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(eq + 1).trim().matches("-?\\d+")) {
        values.put(line.substring(0, eq).trim(), Long.parseLong(line.substring(eq + 1).trim()));
      }
    }
    System.out.println(main.getSimpleName() + " " + String.join(" ", args) + ": " + values);
    return values;
  }
}
