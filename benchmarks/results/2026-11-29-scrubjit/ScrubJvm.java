import dev.telemetry.redaction.RedactionPolicy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
/** One line per JVM: thread CPU time per scrub, per 1-second-ish batch; prints median of the last 5 of 10 batches. */
public class ScrubJvm {
  public static void main(String[] a) {
    String text = switch (a[0]) {
      case "benignLine" -> "2026-11-23T10:15:30Z INFO request completed method=GET route=/api/v1/users/{id} status=200 duration=250ms cache=miss attempt=1 version=1.2.3 node=web-3 region=eu-west pool=main active=12 idle=4 waiting=0 msg=ok";
      case "benignStackFrame" -> "\tat org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod.invokeAndHandle(ServletInvocableHandlerMethod.java:118)";
      case "benignSql" -> "SELECT o.id, o.customer_id, o.total_cents, o.created_at FROM orders o WHERE o.status = ? AND o.created_at > ? ORDER BY o.created_at DESC LIMIT 50";
      case "lineWithSecrets" -> "2026-11-23T10:15:30Z WARN login failed for bob@example.com from 10.0.0.7 password=hunter2 Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlF card 4111 1111 1111 1111 via postgres://admin:s3cr3t@db.internal/app";
      default -> "config dump: cache:password=Tr0ub4dor peer:2600:1f18:4a3:6a00::a149 key glpat-xYz12AbCdEfGhIjKlMnO to jürgen.weiß41@münchen.de";
    };
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    RedactionPolicy policy = RedactionPolicy.defaults();
    int batches = a.length > 1 ? Integer.parseInt(a[1]) : 10;
    long cpuPerBatch = 400_000_000L;
    long[] ns = new long[batches];
    int sink = 0;
    for (int b = 0; b < batches; b++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long n = 0;
      long c1;
      do {
        for (int i = 0; i < 2000; i++) sink += policy.scrub(text).length();
        n += 2000;
        c1 = mx.getCurrentThreadCpuTime();
      } while (c1 - c0 < cpuPerBatch);
      ns[b] = (c1 - c0) / n;
    }
    long[] tail = Arrays.copyOfRange(ns, batches / 2, batches);
    Arrays.sort(tail);
    System.out.println(a[0] + " median_last_half=" + tail[tail.length / 2] + " all=" + Arrays.toString(ns) + (sink == 1 ? "" : ""));
  }
}
