package dev.telemetry.jdbc;

import java.io.File;

/**
 * The class path for a child JVM running one of these tests' {@code main} classes. Surefire runs
 * the tests patched into this module, so the module and its dependencies are on {@code
 * jdk.module.path}, not {@code java.class.path}: the child gets both, on its class path.
 */
final class ChildClassPath {
  private ChildClassPath() {}

  static String get() {
    String classPath = System.getProperty("java.class.path");
    String modulePath = System.getProperty("jdk.module.path");
    return modulePath == null || modulePath.isEmpty() ? classPath : classPath + File.pathSeparator + modulePath;
  }
}
