package dev.telemetry.benchmarks.redaction;

import dev.telemetry.redaction.RedactionPolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What scrubbing costs a typical log line: a benign 200-character line, which the one-pass
 * prefilter should let through without running a regular expression, against lines carrying
 * secrets, which run the triggered patterns to a fixed point.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScrubBenchmark {

  private static final String BENIGN = "2026-11-23T10:15:30Z INFO request completed method=GET "
      + "route=/api/v1/users/{id} status=200 duration=250ms cache=miss attempt=1 version=1.2.3 "
      + "node=web-3 region=eu-west pool=main active=12 idle=4 waiting=0 msg=ok";

  private static final String WITH_SECRETS = "2026-11-23T10:15:30Z WARN login failed for "
      + "bob@example.com from 10.0.0.7 password=hunter2 Authorization: Bearer "
      + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlF "
      + "card 4111 1111 1111 1111 via postgres://admin:s3cr3t@db.internal/app";

  private final RedactionPolicy policy = RedactionPolicy.defaults();

  @Benchmark
  public String benignLine() {
    return policy.scrub(BENIGN);
  }

  @Benchmark
  public String lineWithSecrets() {
    return policy.scrub(WITH_SECRETS);
  }
}
