package dev.telemetry.testkit;

import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.TelemetryStore;

/** The in-memory store passes the conformance kit. */
class InMemoryStoreConformanceTest extends TelemetryStoreConformanceKit {
  @Override
  protected TelemetryStore createStore() {
    return InMemoryStore.create();
  }
}
