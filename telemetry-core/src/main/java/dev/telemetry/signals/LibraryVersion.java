package dev.telemetry.signals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library version from the jar's manifest or Maven metadata; {@code unknown} when run from classes. */
final class LibraryVersion {
  private static final String POM_PROPERTIES = "/META-INF/maven/dev.telemetry/telemetry-core/pom.properties";
  static final String VALUE = find();

  private LibraryVersion() {}

  private static String find() {
    String fromManifest = LibraryVersion.class.getPackage().getImplementationVersion();
    if (fromManifest != null) {
      return fromManifest;
    }
    try (InputStream in = LibraryVersion.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException | IllegalArgumentException e) {
      // fall through: the version is informative only
    }
    return "unknown";
  }
}
