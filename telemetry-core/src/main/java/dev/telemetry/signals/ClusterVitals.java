package dev.telemetry.signals;

import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.status.SectionError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a summary that is the same on every node: the last hour of the four signs across
 * all nodes, the nodes seen, and the sections whose reads failed. One node computes it and shares
 * it through the store under a lease (ADR 0058); every node adds what is its own (its start-up
 * minute's coverage, thresholds, health matrix, error feed, server metadata).
 *
 * <p>The payload carries the per-minute sketches themselves, not their percentiles, so a node
 * building its summary from it gets the answer it would have computed from the store, also for a
 * window that leaves out its own start-up minute.
 */
final class ClusterVitals {
  /** Bumped when the payload changes; a node that reads another version computes for itself. */
  private static final int FORMAT = 1;

  final Instant from;
  /** Minutes that hold latency, traffic or error data (the coverage of minutes before start-up). */
  final boolean[] data;
  /** {@code null} where the contract has no such metric or the section failed. */
  final HourOfMinutes latency;
  final HourOfMinutes traffic;
  final HourOfMinutes errors;
  final HourOfMinutes saturation;
  /** Every node seen in the hour, sorted. */
  final List<String> nodes;
  /** The sections whose reads failed, in section order. */
  final List<SectionError> failures;

  ClusterVitals(Instant from, boolean[] data, HourOfMinutes latency, HourOfMinutes traffic, HourOfMinutes errors,
      HourOfMinutes saturation, List<String> nodes, List<SectionError> failures) {
    this.from = from;
    this.data = data;
    this.latency = latency;
    this.traffic = traffic;
    this.errors = errors;
    this.saturation = saturation;
    this.nodes = List.copyOf(nodes);
    this.failures = List.copyOf(failures);
  }

  /** The failure of {@code section}, if its reads failed. */
  SectionError failure(String section) {
    for (SectionError e : failures) {
      if (e.section().equals(section)) {
        return e;
      }
    }
    return null;
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT);
      out.writeLong(from.getEpochSecond());
      out.writeInt(from.getNano());
      writeFlags(out, data);
      for (HourOfMinutes h : new HourOfMinutes[] {latency, traffic, errors, saturation}) {
        writeHour(out, h);
      }
      out.writeInt(nodes.size());
      for (String n : nodes) {
        out.writeUTF(n);
      }
      out.writeInt(failures.size());
      for (SectionError e : failures) {
        out.writeUTF(e.section());
        out.writeUTF(e.message());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    return bytes.toByteArray();
  }

  /**
   * Reads what {@link #encode()} wrote.
   *
   * @throws IllegalArgumentException if the bytes are truncated, corrupt or of another format
   */
  static ClusterVitals decode(byte[] payload) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      int format = in.readInt();
      if (format != FORMAT) {
        throw new IllegalArgumentException("shared summary format " + format + ", expected " + FORMAT);
      }
      Instant from = Instant.ofEpochSecond(in.readLong(), in.readInt());
      boolean[] data = readFlags(in);
      HourOfMinutes[] hours = new HourOfMinutes[4];
      for (int i = 0; i < hours.length; i++) {
        hours[i] = readHour(in, from);
      }
      List<String> nodes = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        nodes.add(in.readUTF());
      }
      List<SectionError> failures = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        failures.add(new SectionError(in.readUTF(), in.readUTF()));
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException("shared summary has " + in.available() + " trailing bytes");
      }
      return new ClusterVitals(from, data, hours[0], hours[1], hours[2], hours[3], nodes, failures);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("unreadable shared summary: " + e, e);
    }
  }

  private static void writeHour(DataOutputStream out, HourOfMinutes h) throws IOException {
    out.writeBoolean(h != null);
    if (h == null) {
      return;
    }
    writeFlags(out, h.present);
    for (int i = 0; i < HourOfMinutes.MINUTES; i++) {
      out.writeDouble(h.totals[i]);
      out.writeDouble(h.highest[i]);
      out.writeBoolean(h.highestSource[i] != null);
      if (h.highestSource[i] != null) {
        out.writeUTF(h.highestSource[i]);
      }
      byte[] sketch = h.sketches[i] == null ? null : h.sketches[i].toBytes();
      out.writeInt(sketch == null ? -1 : sketch.length);
      if (sketch != null) {
        out.write(sketch);
      }
    }
  }

  private static HourOfMinutes readHour(DataInputStream in, Instant from) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    HourOfMinutes h = HourOfMinutes.empty(from);
    boolean[] present = readFlags(in);
    System.arraycopy(present, 0, h.present, 0, HourOfMinutes.MINUTES);
    for (int i = 0; i < HourOfMinutes.MINUTES; i++) {
      h.totals[i] = in.readDouble();
      h.highest[i] = in.readDouble();
      h.highestSource[i] = in.readBoolean() ? in.readUTF() : null;
      int length = in.readInt();
      if (length >= 0) {
        h.sketches[i] = LatencySketch.fromBytes(in.readNBytes(length));
      }
    }
    return h;
  }

  private static void writeFlags(DataOutputStream out, boolean[] flags) throws IOException {
    long bits = 0;
    for (int i = 0; i < HourOfMinutes.MINUTES; i++) {
      bits |= flags[i] ? 1L << i : 0;
    }
    out.writeLong(bits);
  }

  private static boolean[] readFlags(DataInputStream in) throws IOException {
    long bits = in.readLong();
    boolean[] flags = new boolean[HourOfMinutes.MINUTES];
    for (int i = 0; i < HourOfMinutes.MINUTES; i++) {
      flags[i] = (bits & 1L << i) != 0;
    }
    return flags;
  }
}
