package dev.telemetry.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class TraceparentMdcFilterTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void readsTheTraceIdOfAValidTraceparentOnly() {
    assertThat(TraceparentMdcFilter.traceId("00-" + TRACE_ID + "-00f067aa0ba902b7-01")).isEqualTo(TRACE_ID);
    assertThat(TraceparentMdcFilter.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
    assertThat(TraceparentMdcFilter.traceId("01-" + TRACE_ID + "-00f067aa0ba902b7-01")).isNull();
    assertThat(TraceparentMdcFilter.traceId("00-" + TRACE_ID.toUpperCase() + "-00f067aa0ba902b7-01")).isNull();
    assertThat(TraceparentMdcFilter.traceId("00-" + TRACE_ID + "-00f067aa0ba902b7")).isNull();
    assertThat(TraceparentMdcFilter.traceId(null)).isNull();
  }

  @Test
  void putsTheTraceIdInTheMdcWhileTheRequestIsServedOnly() throws Exception {
    List<String> seen = new ArrayList<>();
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/checkout");
    request.addHeader("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");

    new TraceparentMdcFilter().doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
      @Override
      public void doFilter(ServletRequest req, ServletResponse res) {
        seen.add(MDC.get(TraceparentMdcFilter.TRACE_ID));
      }
    });

    assertThat(seen).containsExactly(TRACE_ID);
    assertThat(MDC.get(TraceparentMdcFilter.TRACE_ID)).isNull();
  }

  @Test
  void leavesATraceIdATracerPutInTheMdcAlone() throws Exception {
    List<String> seen = new ArrayList<>();
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/checkout");
    request.addHeader("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
    MDC.put(TraceparentMdcFilter.TRACE_ID, "from-the-tracer");
    try {
      new TraceparentMdcFilter().doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res) {
          seen.add(MDC.get(TraceparentMdcFilter.TRACE_ID));
        }
      });
      assertThat(seen).containsExactly("from-the-tracer");
      assertThat(MDC.get(TraceparentMdcFilter.TRACE_ID)).isEqualTo("from-the-tracer");
    } finally {
      MDC.remove(TraceparentMdcFilter.TRACE_ID);
    }
  }
}
