package dev.telemetry;

/**
 * Cache-line padding at the start of an object whose subclass fields are written (or read) on
 * every record: 72 bytes with the header, so the first subclass field is more than a cache line
 * away from the previous object's last bytes. The int fills the gap after the 12-byte header, so
 * no subclass field can be laid out there.
 */
@SuppressWarnings("unused")
abstract class LeadingPadding {
  int p00;
  long p01, p02, p03, p04, p05, p06, p07;
}
