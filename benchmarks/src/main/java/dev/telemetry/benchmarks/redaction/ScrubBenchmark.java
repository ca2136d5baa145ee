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
 * What scrubbing costs a typical log line: benign lines (key=value logging, a stack frame, an
 * SQL statement), which the one-pass prefilters should let through without a regular
 * expression or an allocation, against lines carrying secrets, which run the triggered steps
 * to a fixed point. Target (issue 13): a benign line at most 1 µs and 256 B, a line with
 * secrets at most 10 µs.
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

  private static final String STACK_FRAME = "\tat org.springframework.web.servlet.mvc.method."
      + "annotation.ServletInvocableHandlerMethod.invokeAndHandle(ServletInvocableHandlerMethod"
      + ".java:118)";

  private static final String SQL = "SELECT o.id, o.customer_id, o.total_cents, o.created_at "
      + "FROM orders o WHERE o.status = ? AND o.created_at > ? ORDER BY o.created_at DESC LIMIT 50";

  private static final String WITH_SECRETS = "2026-11-23T10:15:30Z WARN login failed for "
      + "bob@example.com from 10.0.0.7 password=hunter2 Authorization: Bearer "
      + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlF "
      + "card 4111 1111 1111 1111 via postgres://admin:s3cr3t@db.internal/app";

  private static final String HARMLESS_WORD_BEFORE_SECRET = "config dump: cache:password=Tr0ub4dor "
      + "peer:2600:1f18:4a3:6a00::a149 key glpat-xYz12AbCdEfGhIjKlMnO to jürgen.weiß41@münchen.de";

  private final RedactionPolicy policy = RedactionPolicy.defaults();

  @Benchmark
  public String benignLine() {
    return policy.scrub(BENIGN);
  }

  @Benchmark
  public String benignStackFrame() {
    return policy.scrub(STACK_FRAME);
  }

  @Benchmark
  public String benignSql() {
    return policy.scrub(SQL);
  }

  @Benchmark
  public String lineWithSecrets() {
    return policy.scrub(WITH_SECRETS);
  }

  @Benchmark
  public String harmlessWordBeforeSecret() {
    return policy.scrub(HARMLESS_WORD_BEFORE_SECRET);
  }
}
