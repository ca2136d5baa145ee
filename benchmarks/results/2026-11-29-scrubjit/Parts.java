package dev.telemetry.redaction;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
public class Parts {
  public static void main(String[] a) {
    String[] texts = {
      "2026-11-23T10:15:30Z INFO request completed method=GET route=/api/v1/users/{id} status=200 duration=250ms cache=miss attempt=1 version=1.2.3 node=web-3 region=eu-west pool=main active=12 idle=4 waiting=0 msg=ok",
      "\tat org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod.invokeAndHandle(ServletInvocableHandlerMethod.java:118)",
      "SELECT o.id, o.customer_id, o.total_cents, o.created_at FROM orders o WHERE o.status = ? AND o.created_at > ? ORDER BY o.created_at DESC LIMIT 50"};
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    RedactionPolicy policy = RedactionPolicy.defaults();
    CredentialPairs pairs = new CredentialPairs(ForbiddenFieldNames.defaults());
    java.util.List<ScrubStep> steps = BuiltInScrubRules.inOrder(ForbiddenFieldNames.defaults(), true, true);
    for (String t : texts) {
      long full = best(mx, () -> policy.scrub(t).length());
      long feat = best(mx, () -> TextFeatures.of(t).longestWordRun);
      long pair = best(mx, () -> pairs.apply(t).length());
      TextFeatures f0 = TextFeatures.of(t);
      long trig = best(mx, () -> { int n = 0; for (ScrubStep s : steps) if (s.isTriggeredBy(f0, t)) n++; return n; });
      System.out.printf("%-12s full %5d features %5d pairs %5d triggers %5d%n", t.substring(0, 10).trim(), full, feat, pair, trig);
    }
  }
  static long best(ThreadMXBean mx, java.util.function.IntSupplier r) {
    long best = Long.MAX_VALUE; int sink = 0;
    for (int rep = 0; rep < 15; rep++) {
      long c0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 20000; i++) sink += r.getAsInt();
      best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) / 20000);
    }
    if (sink == 42) System.out.print("");
    return best;
  }
}
