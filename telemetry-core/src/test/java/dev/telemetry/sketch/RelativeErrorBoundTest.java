package dev.telemetry.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The stated bound is the layout's bound, it is reached, and every mention in the repository says the same. */
class RelativeErrorBoundTest {
  /** A percentage written as 0.54 or 0.55 followed by a percent sign: the two rounded bounds once quoted. */
  private static final Pattern ROUNDED_BOUND = Pattern.compile("0[.,]5[45] ?%");

  @Test
  void theBoundIsTheLayoutsHalfBucketWidthRoundedTo0point5415Percent() {
    double gamma = Math.pow(2, 1.0 / 64);
    assertThat(LatencySketch.RELATIVE_ERROR_BOUND).isEqualTo((gamma - 1) / (gamma + 1));
    assertThat(Math.round(LatencySketch.RELATIVE_ERROR_BOUND * 1e6) / 1e4).isEqualTo(0.5415);
  }

  @Test
  void aValueAtABucketsLowerEdgeIsEstimatedWithTheFullBoundSo0point54PercentWouldUnderstateIt() {
    double worst = 0;
    for (int index = -640; index < 640; index += 7) {
      double value = Math.nextUp(ExponentialBuckets.lowerBoundary(index));
      LatencySketch sketch = new LatencySketch();
      sketch.record(value / 4); // neighbours below and above, so the estimate is not clamped to [min, max]
      sketch.record(value);
      sketch.record(value * 4);
      double estimate = sketch.quantile(0.5);
      worst = Math.max(worst, Math.abs(estimate - value) / value);
    }
    assertThat(worst).isGreaterThan(0.0054).isLessThanOrEqualTo(LatencySketch.RELATIVE_ERROR_BOUND + 1e-12);
  }

  @Test
  void sourcesAndDocsQuoteOneBound() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> texts;
    try (Stream<Path> files = Stream.concat(
        Stream.of(root.resolve("CHANGELOG.md"), root.resolve("README.md")),
        Stream.of("docs", "telemetry-core/src/main", "telemetry-otel-bridge/src/main").map(root::resolve)
            .filter(Files::isDirectory).flatMap(RelativeErrorBoundTest::walk))) {
      texts = files.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".java")).toList();
    }
    assertThat(texts).isNotEmpty();
    for (Path p : texts) {
      assertThat(ROUNDED_BOUND.matcher(Files.readString(p)).find()).as("a rounded bound quoted in %s", p).isFalse();
    }
  }

  private static Stream<Path> walk(Path dir) {
    try {
      return Files.walk(dir).filter(Files::isRegularFile).toList().stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
