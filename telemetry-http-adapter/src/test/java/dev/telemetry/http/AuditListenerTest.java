package dev.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class AuditListenerTest {

  /** Keeps what is logged, every level enabled. */
  static final class KeepingLogger extends LegacyAbstractLogger {
    final List<String> lines = new ArrayList<>();

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
        Throwable t) {
      lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, args));
    }

    @Override public boolean isTraceEnabled() { return true; }
    @Override public boolean isDebugEnabled() { return true; }
    @Override public boolean isInfoEnabled() { return true; }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public boolean isErrorEnabled() { return true; }
  }

  @Test
  void viewsAreLoggedAtDebugAndExportsAtInfo() {
    KeepingLogger log = new KeepingLogger();
    AuditListener listener = AuditListener.logging(log);
    Instant at = Instant.parse("2026-11-29T12:00:00Z");

    listener.record(new AuditEntry(at, "ops", AuditEntry.VIEW, "/api/v1/summary", ""));
    listener.record(new AuditEntry(at, "ops", AuditEntry.EXPORT, "/api/v1/export", "kind=logs rows=10"));

    assertThat(log.lines).containsExactly(
        "DEBUG ops view /api/v1/summary ",
        "INFO ops export /api/v1/export kind=logs rows=10");
  }

  @Test
  void actionsOtherThanViewsStayAtInfo() {
    KeepingLogger log = new KeepingLogger();
    AuditListener.logging(log).record(new AuditEntry(Instant.EPOCH, "ops", "delete", "/api/v1/x", "d"));

    assertThat(log.lines).containsExactly("INFO ops delete /api/v1/x d");
  }
}
