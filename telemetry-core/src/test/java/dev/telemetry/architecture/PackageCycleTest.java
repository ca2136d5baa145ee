package dev.telemetry.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package graph of core, read by {@code jdeps} from the compiled classes, has no cycle:
 * dependencies inside core run one way ({@code docs/decisions/0011-package-graph.md}).
 */
class PackageCycleTest {
  @TempDir Path copy;

  @Test
  void corePackagesDependOnEachOtherOneWayOnly() throws IOException {
    Map<String, Set<String>> graph = packageGraph(copyOfClassesWithoutModuleInfo());
    assertThat(graph).as("jdeps found core's packages").containsKeys("dev.telemetry", "dev.telemetry.store");
    assertThat(cycles(graph)).as("package cycles in telemetry-core").isEmpty();
  }

  @Test
  void coreNeedsNoJdbcJsonOrOpenTelemetry() throws IOException {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    String out = run(jdeps, "-verbose:package", "-filter:none", copyOfClassesWithoutModuleInfo().toString());
    assertThat(out).doesNotContain("-> java.sql", "-> javax.sql", "-> com.fasterxml", "-> io.opentelemetry",
        "-> io.micrometer");
  }

  @Test
  void theCycleFinderFindsACycle() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", Set.of("b"));
    graph.put("b", Set.of("c"));
    graph.put("c", Set.of("a"));
    graph.put("d", Set.of("a"));
    assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c", "a"));
  }

  private Path copyOfClassesWithoutModuleInfo() throws IOException {
    Path classes = Paths.get(PackageCycleTest.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .getParent().resolve("classes");
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = copy.resolve(classes.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class")) {
          Files.copy(f, target);
        }
      }
    }
    return copy;
  }

  private static Map<String, Set<String>> packageGraph(Path classes) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    String out = run(jdeps, "-verbose:package", "-filter:none", classes.toString());
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String line : out.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length >= 3 && parts[1].equals("->") && parts[0].startsWith("dev.telemetry")
          && parts[2].startsWith("dev.telemetry") && !parts[0].equals(parts[2])) {
        graph.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[2]);
      }
    }
    return graph;
  }

  private static String run(ToolProvider tool, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      int rc = tool.run(ps, ps, args);
      assertThat(rc).as("jdeps exit code; output:%n%s", out).isZero();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Every cycle reachable by depth-first search, each as the path that closes it. */
  static List<List<String>> cycles(Map<String, Set<String>> graph) {
    List<List<String>> found = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (String start : graph.keySet()) {
      visit(start, graph, new ArrayList<>(), done, found);
    }
    return found;
  }

  private static void visit(String node, Map<String, Set<String>> graph, List<String> path, Set<String> done,
      List<List<String>> found) {
    int at = path.indexOf(node);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
      cycle.add(node);
      found.add(cycle);
      return;
    }
    if (done.contains(node)) {
      return;
    }
    path.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      visit(next, graph, path, done, found);
    }
    path.remove(path.size() - 1);
    done.add(node);
  }
}
