package dev.telemetry.http;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The dashboard as a Jakarta Servlet 6 servlet. Map it at the dashboard's mount plus {@code /*};
 * the mount is matched against the request path without the context path.
 *
 * <pre>{@code
 * TelemetryDashboard dashboard = TelemetryDashboard.builder(telemetry).authorizer(auth).build();
 * context.addServlet(new ServletHolder(new DashboardServlet(dashboard)), dashboard.mount() + "/*");
 * }</pre>
 *
 * <p>The live feed holds a container thread per open stream (bounded by the dashboard's
 * subscriber limit); size the container's pool accordingly.
 */
public final class DashboardServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient TelemetryDashboard dashboard;

  public DashboardServlet(TelemetryDashboard dashboard) {
    this.dashboard = requireNonNull(dashboard, "dashboard");
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null) {
      resp.setStatus(413);
      resp.setContentType(Exchange.JSON);
      resp.setHeader("Cache-Control", "no-store");
      resp.getOutputStream().write(("{\"error\":{\"code\":\"body_not_allowed\",\"message\":\"the API is read-only"
          + " and accepts no request body\",\"param\":null}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return;
    }
    String path = req.getRequestURI().substring(req.getContextPath().length());
    DashboardRequest request = DashboardRequest.of(req.getMethod(), path, req.getQueryString(), req::getHeader);
    dashboard.handle(request, new DashboardResponse() {
      @Override
      public void status(int code) {
        resp.setStatus(code);
      }

      @Override
      public void header(String name, String value) {
        resp.setHeader(name, value);
      }

      @Override
      public OutputStream body() throws IOException {
        resp.flushBuffer();
        return resp.getOutputStream();
      }
    });
  }
}
