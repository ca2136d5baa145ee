package dev.telemetry.spring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the trace id of a request's W3C {@code traceparent} header into the MDC ({@value #TRACE_ID})
 * while the request is served, so what the application logs can be found by the caller's trace on
 * the dashboard. For applications without a tracer: the starter registers it only when Micrometer
 * Tracing is absent, and it leaves a trace id already in the MDC alone. A header that is not a
 * valid {@code traceparent} (version {@code 00}, 32 lowercase hex digits not all zero) is ignored.
 */
final class TraceparentMdcFilter extends OncePerRequestFilter {
  /** The MDC key Micrometer Tracing uses too, so log patterns written for it ({@code %X{traceId}}) work. */
  static final String TRACE_ID = "traceId";
  private static final int LENGTH = 55;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String traceId = MDC.get(TRACE_ID) == null ? traceId(request.getHeader("traceparent")) : null;
    if (traceId == null) {
      chain.doFilter(request, response);
      return;
    }
    MDC.put(TRACE_ID, traceId);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(TRACE_ID);
    }
  }

  /** The trace id of a {@code 00-<trace id>-<parent id>-<flags>} header, or null. */
  static String traceId(String traceparent) {
    if (traceparent == null || traceparent.length() != LENGTH || !traceparent.startsWith("00-")
        || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
      return null;
    }
    String traceId = traceparent.substring(3, 35);
    boolean nonZero = false;
    for (int i = 0; i < traceId.length(); i++) {
      char c = traceId.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return null;
      }
      nonZero |= c != '0';
    }
    return nonZero ? traceId : null;
  }
}
