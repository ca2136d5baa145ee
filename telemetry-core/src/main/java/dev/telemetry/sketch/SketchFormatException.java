package dev.telemetry.sketch;

/**
 * Thrown by {@link LatencySketch#fromBytes(byte[])} when the bytes are not a sketch it can read:
 * truncated, corrupted (checksum mismatch), of another format or of an unknown version.
 */
final class SketchFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception whose message says what is wrong with the input. */
    public SketchFormatException(String message) {
        super(message);
    }
}
