package dev.telemetry.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * A small value computed by one node and shared through the store with every node that uses it,
 * under a lease: the node that wrote it holds {@code name} until {@code leaseUntil}, and no other
 * node may replace it before then (ADR 0058: one summary per cluster). Written with {@link
 * TelemetryStore#writeShared}, read with {@link TelemetryStore#readShared}.
 *
 * @param name what is shared (e.g. {@code summary})
 * @param holder the node that computed and wrote it
 * @param writtenAt when it was written, by the holder's clock (kept to the millisecond)
 * @param leaseUntil until when the holder keeps it; after that any node may take it over (kept to
 *     the millisecond)
 * @param payload the value, opaque to the store (a copy is kept; at most {@value #MAX_PAYLOAD_BYTES} bytes)
 */
public record SharedValue(String name, String holder, Instant writtenAt, Instant leaseUntil, byte[] payload) {
  /** The largest payload a store must keep. */
  public static final int MAX_PAYLOAD_BYTES = 1 << 20;

  public SharedValue {
    requireNonNull(name, "name");
    requireNonNull(holder, "holder");
    requireNonNull(writtenAt, "writtenAt");
    requireNonNull(leaseUntil, "leaseUntil");
    requireNonNull(payload, "payload");
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("payload must be at most " + MAX_PAYLOAD_BYTES + " bytes, was "
          + payload.length);
    }
    payload = payload.clone();
    writtenAt = writtenAt.truncatedTo(ChronoUnit.MILLIS);
    leaseUntil = leaseUntil.truncatedTo(ChronoUnit.MILLIS);
  }

  /** A copy of the payload. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** Whether {@code node} may write over this value at {@code now}: it holds it, or the lease has ended. */
  public boolean replaceableBy(String node, Instant now) {
    return holder.equals(node) || !leaseUntil.isAfter(now);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SharedValue v && name.equals(v.name) && holder.equals(v.holder)
        && writtenAt.equals(v.writtenAt) && leaseUntil.equals(v.leaseUntil) && Arrays.equals(payload, v.payload);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + holder.hashCode()) + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "SharedValue[" + name + ", holder=" + holder + ", writtenAt=" + writtenAt + ", leaseUntil=" + leaseUntil
        + ", " + payload.length + " bytes]";
  }
}
