package dev.telemetry.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core's public API stays small ({@code docs/decisions/0011-package-graph.md}): the share of source
 * files in the packages {@code module-info} exports to everyone that declare a top-level public
 * type may not grow past {@link #MAX_PUBLIC_SHARE}. Packages exported only to named sibling modules
 * ({@code exports … to …}) and packages not exported are the engine and do not count.
 */
class PublicSurfaceTest {
  /**
   * The most of core's exported files that may be public: the target, reached (75 / 150,
   * ADR 0011). Never raise it; a new public type pays for itself by making another package-private.
   */
  static final double MAX_PUBLIC_SHARE = 0.50;

  private static final Path SOURCES = Paths.get("src", "main", "java");
  private static final Pattern UNQUALIFIED_EXPORT = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;");
  private static final Pattern TOP_LEVEL_PUBLIC = Pattern.compile(
      "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*"
          + "(?:class|interface|enum|record|@interface)\\s");

  @Test
  void theShareOfPublicFilesInCoresExportedPackagesDoesNotGrow() throws IOException {
    Map<String, int[]> counts = new TreeMap<>();
    for (String pkg : unqualifiedExports()) {
      counts.put(pkg, count(SOURCES.resolve(pkg.replace('.', '/'))));
    }
    int publicFiles = counts.values().stream().mapToInt(c -> c[0]).sum();
    int allFiles = counts.values().stream().mapToInt(c -> c[1]).sum();
    StringBuilder table = new StringBuilder();
    counts.forEach((pkg, c) -> table.append(String.format("%-28s %3d / %3d%n", pkg, c[0], c[1])));
    table.append(String.format("%-28s %3d / %3d (%.0f %%)%n", "total", publicFiles, allFiles,
        100.0 * publicFiles / allFiles));
    System.out.print("telemetry-core public surface (public files / files):\n" + table);

    assertThat(counts).as("module-info exports the API packages").containsKeys("dev.telemetry", "dev.telemetry.store");
    assertThat((double) publicFiles / allFiles)
        .as("share of public files in core's exported packages:%n%s", table)
        .isLessThanOrEqualTo(MAX_PUBLIC_SHARE);
  }

  @Test
  void countsTopLevelPublicTypesOnly() {
    assertThat(TOP_LEVEL_PUBLIC.matcher("/** x */\npublic final class Telemetry {\n").find()).isTrue();
    assertThat(TOP_LEVEL_PUBLIC.matcher("public record Page<T>(List<T> items) {}\n").find()).isTrue();
    assertThat(TOP_LEVEL_PUBLIC.matcher("public sealed interface Shape permits A {}\n").find()).isTrue();
    assertThat(TOP_LEVEL_PUBLIC.matcher("final class ReadSide {\n  public record Nested() {}\n}\n").find())
        .isFalse();
    assertThat(TOP_LEVEL_PUBLIC.matcher("record Window(Instant from) {\n  public static Window of() {}\n}\n")
        .find()).isFalse();
  }

  @Test
  void readsOnlyUnqualifiedExports() {
    Matcher m = UNQUALIFIED_EXPORT.matcher("module m {\n  exports a.b;\n  exports a.c to x.y, x.z;\n}\n");
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo("a.b");
    assertThat(m.find()).isFalse();
  }

  private static List<String> unqualifiedExports() throws IOException {
    String moduleInfo = Files.readString(SOURCES.resolve("module-info.java"));
    return UNQUALIFIED_EXPORT.matcher(moduleInfo).results().map(r -> r.group(1)).toList();
  }

  /** {public files, files} of one package directory, package-info left out. */
  private static int[] count(Path dir) throws IOException {
    int[] c = new int[2];
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".java") || name.equals("package-info.java")) {
          continue;
        }
        c[1]++;
        if (TOP_LEVEL_PUBLIC.matcher(Files.readString(f)).find()) {
          c[0]++;
        }
      }
    }
    return c;
  }
}
