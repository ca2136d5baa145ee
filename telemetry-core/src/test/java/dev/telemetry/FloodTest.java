package dev.telemetry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs are bounded in bytes, not only in count: one thread hands in distinct 1 MB texts at full
 * speed in a child JVM with a 64 MB heap (before the fix a 512 MB heap ran out within seconds: the
 * buffers held the raw texts). The child must finish, its heap after GC must stay near where it
 * started, and every record must be accounted for as stored or dropped.
 */
class FloodTest {
  static final String HEAP = "-Xmx64m";

  @ParameterizedTest
  @ValueSource(strings = {"log", "attribute", "span", "event"})
  void distinctOneMegabyteTextsAtFullSpeedNeverExhaustASmallHeap(String kind) throws Exception {
    Map<String, Long> out = runChild(kind, "PT2S");

    assertThat(out.get("offered")).isGreaterThan(100);
    assertThat(out.get("stored") + out.get("droppedDiscrete") + out.get("droppedRows"))
        .as("every record stored or counted as dropped").isEqualTo(out.get("offered"));
    assertThat(out.get("heapPeakAfterGc") - out.get("heapBefore"))
        .as("heap after GC grew by at most 24 MiB during the flood").isLessThan(24L << 20);
  }

  /** Runs {@link FloodChild} with {@value #HEAP}; its {@code key=value} lines. */
  static Map<String, Long> runChild(String kind, String duration) throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    String classPath = System.getProperty("java.class.path");
    String modulePath = System.getProperty("jdk.module.path");
    if (modulePath != null && !modulePath.isEmpty()) {
      classPath = classPath + File.pathSeparator + modulePath;
    }
    List<String> command = new ArrayList<>(List.of(java.toString(), HEAP, "-XX:+UseSerialGC", "-cp", classPath,
        FloodChild.class.getName(), kind, duration));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = child.getInputStream().readAllBytes();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = new String(output, UTF_8);
    assertThat(child.exitValue()).as("child output:%n%s", text).isZero();
    Map<String, Long> values = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(eq + 1).trim().matches("-?\\d+")) {
        values.put(line.substring(0, eq).trim(), Long.parseLong(line.substring(eq + 1).trim()));
      }
    }
    return values;
  }
}
