package dev.telemetry.examples.demo;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar telemetry-demo.jar [--help]}: starts the demo host and prints the dashboard URL and token. */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] argv) throws Exception {
    DemoArguments args;
    try {
      args = DemoArguments.parse(Arrays.asList(argv));
    } catch (DemoArguments.BadArguments e) {
      System.err.println("telemetry-demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (args.help()) {
      System.out.println(DemoArguments.USAGE);
      return;
    }
    Demo demo = Demo.start(args, System.out);
    System.out.println();
    System.out.println("  Dashboard: " + demo.dashboardUrl());
    System.out.println("  Token:     " + demo.token());
    System.out.println("  Store:     " + args.store());
    System.out.println("  API:       curl -H 'Authorization: Bearer " + demo.token() + "' "
        + demo.dashboardUrl() + "api/v1/summary");
    System.out.println();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      demo.close();
      stopped.countDown();
    }, "demo-shutdown"));
    stopped.await();
  }
}
