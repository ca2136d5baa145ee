package kit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs {@link SqliteConformance} with the JUnit Platform launcher and prints the counts and failures. */
public final class Main {
  public static void main(String[] args) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(SqliteConformance.class)).build(), listener);
    TestExecutionSummary summary = listener.getSummary();
    System.out.println("conformance found=" + summary.getTestsFoundCount() + " succeeded="
        + summary.getTestsSucceededCount() + " failed=" + summary.getTotalFailureCount());
    summary.printFailuresTo(new PrintWriter(System.out, true), 10);
  }
}
