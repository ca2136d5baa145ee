/**
 * The storage conformance kits every {@link dev.telemetry.store.TelemetryStore} runs, with a test
 * clock and store fixtures. A test-scope dependency: it brings JUnit Jupiter and AssertJ.
 */
module dev.telemetry.testkit {
  requires transitive dev.telemetry.core;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;

  exports dev.telemetry.testkit;
  // the kits' test methods are package-private: JUnit calls them by reflection, from the module
  // path (org.junit.platform.commons) or the class path
  opens dev.telemetry.testkit;
}
