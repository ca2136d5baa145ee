/**
 * telemetry core: contracts, redaction, sketches, recording, the storage SPI and in-memory store,
 * queries, signals, health and pages. Only these packages are API; {@code dev.telemetry.internal.*}
 * is not exported.
 */
module dev.telemetry.core {
  requires org.slf4j;
  requires com.github.benmanes.caffeine;

  exports dev.telemetry;
  exports dev.telemetry.contract;
  exports dev.telemetry.events;
  exports dev.telemetry.health;
  exports dev.telemetry.pages;
  exports dev.telemetry.query;
  exports dev.telemetry.redaction;
  exports dev.telemetry.rollup;
  exports dev.telemetry.signals;
  exports dev.telemetry.sketch;
  exports dev.telemetry.status;
  exports dev.telemetry.store;
}
