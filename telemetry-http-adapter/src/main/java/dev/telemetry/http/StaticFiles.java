package dev.telemetry.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The web dashboard's files, loaded from this jar once at start. Only the exact paths of the
 * table below exist: there is no directory listing and no file-system or classpath lookup from a
 * request path, so {@code ../} or encoded variants can only ever be a 404.
 */
final class StaticFiles {
  /** The page's policy: only this origin's scripts, styles and API; never framed. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
      + "frame-ancestors 'none'";

  private static final String OWN = "dev/telemetry/http/dashboard/";
  private final Map<String, Asset> assets = new LinkedHashMap<>();

  private record Asset(byte[] bytes, String contentType) {}

  StaticFiles() {
    String uplot = OWN + "uplot/"; // copied from the uPlot WebJar at build time
    add("/", OWN + "index.html", "text/html; charset=utf-8");
    add("/assets/app.js", OWN + "app.js", "text/javascript; charset=utf-8");
    add("/assets/app.css", OWN + "app.css", "text/css; charset=utf-8");
    add("/assets/pages.js", OWN + "pages.js", "text/javascript; charset=utf-8");
    add("/assets/pages.css", OWN + "pages.css", "text/css; charset=utf-8");
    add("/assets/uplot.js", uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
    add("/assets/uplot.css", uplot + "uPlot.min.css", "text/css; charset=utf-8");
  }

  static String buildProperty(String name) {
    try (InputStream in = StaticFiles.class.getResourceAsStream("build.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty(name);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("telemetry-http-adapter: build.properties is missing from the jar", e);
    }
  }

  private void add(String path, String resource, String contentType) {
    // through the class, not its loader: on the module path a loader finds nothing in a package of
    // a named module that is not open, and dev.telemetry.http.dashboard is not
    try (InputStream in = StaticFiles.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("telemetry-http-adapter: dashboard file " + resource
            + " is missing from the jar");
      }
      assets.put(path, new Asset(in.readAllBytes(), contentType));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Set<String> paths() {
    return Collections.unmodifiableSet(assets.keySet());
  }

  boolean exists(String path) {
    return assets.containsKey(path);
  }

  /** Serves {@code path} (below the mount); the caller checked {@link #exists}. */
  void serve(Exchange ex, String path, boolean head) throws IOException {
    Asset a = assets.get(path);
    Map<String, String> headers = new LinkedHashMap<>(securityHeaders());
    headers.put("Content-Type", a.contentType);
    headers.put("Cache-Control", "no-cache");
    headers.put("Content-Length", Integer.toString(a.bytes.length));
    try (OutputStream out = ex.raw(200, headers)) {
      if (!head) {
        out.write(a.bytes);
      }
    }
  }

  static Map<String, String> securityHeaders() {
    return Map.of(
        "X-Content-Type-Options", "nosniff",
        "Content-Security-Policy", CONTENT_SECURITY_POLICY,
        "Referrer-Policy", "no-referrer",
        "X-Frame-Options", "DENY");
  }
}
