package dev.telemetry.redaction;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.*;
/**
 * The ScrubBenchmark lines timed in thread CPU time (ThreadMXBean), best of 15 batches of 20,000
 * scrubs: on a machine loaded by other builds the wall clock is shared, CPU time much less so.
 * Not part of the build; run against a core's classes:
 *   javac -d out -cp telemetry-core/target/classes ScrubCpuTime.java
 *   java -cp out:telemetry-core/target/classes dev.telemetry.redaction.ScrubCpuTime [steps]
 * With an argument it also times each step alone on the first round's input.
 * B/op is the thread's allocation counter over the last batch, the counter JMH's -prof gc reads.
 */
public class ScrubCpuTime {
  static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  static final com.sun.management.ThreadMXBean ALLOC = (com.sun.management.ThreadMXBean) MX;
  public static void main(String[] a) {
    String[] texts = {
      "2026-11-23T10:15:30Z INFO request completed method=GET route=/api/v1/users/{id} status=200 duration=250ms cache=miss attempt=1 version=1.2.3 node=web-3 region=eu-west pool=main active=12 idle=4 waiting=0 msg=ok",
      "\tat org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod.invokeAndHandle(ServletInvocableHandlerMethod.java:118)",
      "SELECT o.id, o.customer_id, o.total_cents, o.created_at FROM orders o WHERE o.status = ? AND o.created_at > ? ORDER BY o.created_at DESC LIMIT 50",
      "2026-11-23T10:15:30Z WARN login failed for bob@example.com from 10.0.0.7 password=hunter2 Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlF card 4111 1111 1111 1111 via postgres://admin:s3cr3t@db.internal/app",
      "config dump: cache:password=Tr0ub4dor peer:2600:1f18:4a3:6a00::a149 key glpat-xYz12AbCdEfGhIjKlMnO to jürgen.weiß41@münchen.de"};
    String[] names = {"benignLine", "benignStackFrame", "benignSql", "lineWithSecrets", "harmlessWordBeforeSecret"};
    RedactionPolicy policy = RedactionPolicy.defaults();
    List<ScrubStep> steps = BuiltInScrubRules.inOrder(ForbiddenFieldNames.defaults(), true, true);
    boolean perStep = a.length > 0;
    for (int t = 0; t < texts.length; t++) {
      String text = texts[t];
      long best = Long.MAX_VALUE;
      long bytes = 0;
      int n = 20000;
      for (int rep = 0; rep < 15; rep++) {
        long a0 = ALLOC.getCurrentThreadAllocatedBytes();
        long c0 = MX.getCurrentThreadCpuTime();
        int sink = 0;
        for (int i = 0; i < n; i++) sink += policy.scrub(text).length();
        long c1 = MX.getCurrentThreadCpuTime();
        bytes = (ALLOC.getCurrentThreadAllocatedBytes() - a0) / n;
        best = Math.min(best, (c1 - c0) / n);
        if (sink == 42) System.out.print("");
      }
      System.out.printf("%-26s %8d ns/op (thread CPU time, best of 15 x %d) %6d B/op%n", names[t], best, n, bytes);
      if (!perStep) continue;
      // per step, on the first round's input
      String s = text;
      List<String> inputs = new ArrayList<>();
      for (ScrubStep step : steps) { inputs.add(s); if (step.isTriggeredBy(TextFeatures.of(s))) s = step.apply(s); }
      for (int k = 0; k < steps.size(); k++) {
        ScrubStep step = steps.get(k); String in = inputs.get(k);
        long b = Long.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
          long c0 = MX.getCurrentThreadCpuTime();
          int sink = 0;
          for (int i = 0; i < 5000; i++) { TextFeatures f = TextFeatures.of(in); if (step.isTriggeredBy(f)) sink += step.apply(in).length(); }
          b = Math.min(b, (MX.getCurrentThreadCpuTime() - c0) / 5000);
          if (sink == 42) System.out.print("");
        }
        System.out.printf("    %2d %-44s %6d%n", k, step instanceof ScrubRule r ? r.kind() + ":" + r.pattern().pattern().substring(0, Math.min(30, r.pattern().pattern().length())) : step.getClass().getSimpleName(), b);
      }
    }
  }
}
