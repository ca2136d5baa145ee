/**
 * A store's conformance test on the module path: the storage kit from dev.telemetry.testkit run by
 * the JUnit Platform launcher against SQLite. Open, as a module whose tests JUnit reflects on must be.
 */
open module kit {
  requires dev.telemetry.testkit;
  requires dev.telemetry.jdbc;
  requires org.junit.platform.launcher;
}
