/** JVM and process gauges from {@code java.lang.management}: {@link dev.telemetry.jvm.JvmMetrics}. */
module dev.telemetry.jvm {
  requires transitive dev.telemetry.core;
  requires java.management;
  // process and system CPU, open file descriptors: read when the JDK ships them, skipped otherwise
  requires static jdk.management;

  exports dev.telemetry.jvm;
}
