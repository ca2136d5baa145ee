package dev.telemetry.redaction;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash of identifiers: HMAC-SHA256 over the UTF-8 bytes of the id, keyed with the salt,
 * output as the lowercase hex of the first 16 bytes (32 characters, 128 bits — enough that
 * distinct ids collide with negligible probability in any count of subjects).
 *
 * <p>A keyed hash, unlike a plain hash, cannot be reversed by hashing every candidate id
 * (every user id, every IPv4 address) without the salt. {@link Mac} is not thread-safe, so
 * each thread keeps its own instance: no lock, and no key setup per call.
 */
final class Pseudonymizer {

  static final int MIN_SALT_BYTES = 16;
  private static final int OUTPUT_BYTES = 16;
  private static final String ALGORITHM = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();

  private final ThreadLocal<Mac> macs;

  Pseudonymizer(byte[] salt) {
    SecretKeySpec key = new SecretKeySpec(salt.clone(), ALGORITHM);
    newMac(key); // fail at build time, not on the first call, if the JDK lacks HmacSHA256
    this.macs = ThreadLocal.withInitial(() -> newMac(key));
  }

  String pseudonymize(String id) {
    byte[] digest = macs.get().doFinal(id.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(digest, 0, OUTPUT_BYTES);
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
    }
  }
}
