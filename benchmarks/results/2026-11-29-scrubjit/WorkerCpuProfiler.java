import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/** Thread CPU time of the JMH worker threads per measured operation: robust against other load. */
public class WorkerCpuProfiler implements InternalProfiler {
  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private long before;

  private long workerCpu() {
    long sum = 0;
    for (ThreadInfo info : mx.dumpAllThreads(false, false)) {
      if (info.getThreadName().contains("jmh-worker")) {
        long t = mx.getThreadCpuTime(info.getThreadId());
        if (t > 0) sum += t;
      }
    }
    return sum;
  }

  @Override public String getDescription() { return "worker thread CPU time per op"; }

  @Override public void beforeIteration(BenchmarkParams b, IterationParams i) { before = workerCpu(); }

  @Override public Collection<? extends Result> afterIteration(BenchmarkParams b, IterationParams i, IterationResult r) {
    long cpu = workerCpu() - before;
    long ops = r.getMetadata().getMeasuredOps();
    List<Result> out = new ArrayList<>();
    out.add(new ScalarResult("cpu.ns/op", ops == 0 ? Double.NaN : (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
    return out;
  }
}
