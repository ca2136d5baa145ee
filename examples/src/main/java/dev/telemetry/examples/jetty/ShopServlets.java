package dev.telemetry.examples.jetty;

import dev.telemetry.servlet.TelemetryFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The shop's own servlets. Each request may ask for {@code ?ms=} milliseconds of work, spent
 * through {@link PlainJettyApp.Work}, so a caller knows every request's latency.
 * <ul>
 *   <li>{@code GET /orders/{id}}: reads the order (404 when absent); its router names the matched
 *       route in a request attribute, as web frameworks do.
 *   <li>{@code POST /checkout[?fail=1]}: stores an order; with {@code fail=1} the payment fails:
 *       an ERROR is logged (with the W3C {@code traceparent}'s ids in the MDC) and the exception
 *       is thrown to the container.
 *   <li>{@code GET /catalog/...}: a static page (its route comes from the path).
 * </ul>
 */
final class ShopServlets {
  private static final Logger CHECKOUT_LOG = LoggerFactory.getLogger("shop.checkout");

  private ShopServlets() {}

  static void register(ServletContextHandler context, DataSource database, PlainJettyApp.Work work) {
    context.addServlet(new ServletHolder(new Orders(database, work)), "/orders/*");
    context.addServlet(new ServletHolder(new Checkout(database, work)), "/checkout");
    context.addServlet(new ServletHolder(new Catalog(work)), "/catalog/*");
  }

  private static void spend(HttpServletRequest request, PlainJettyApp.Work work) throws IOException {
    String millis = request.getParameter("ms");
    if (millis == null) {
      return;
    }
    try {
      work.spend(Duration.ofNanos(Math.round(Double.parseDouble(millis) * 1e6)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static final class Orders extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient DataSource database;
    private final transient PlainJettyApp.Work work;

    Orders(DataSource database, PlainJettyApp.Work work) {
      this.database = database;
      this.work = work;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      request.setAttribute(TelemetryFilter.ROUTE_ATTRIBUTE, "/orders/{id}");
      spend(request, work);
      String id = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
      try (Connection connection = database.getConnection();
          PreparedStatement select = connection.prepareStatement("select item from orders where id = ?")) {
        select.setInt(1, Integer.parseInt(id));
        try (ResultSet row = select.executeQuery()) {
          if (!row.next()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
          }
          response.setContentType("text/plain");
          response.getWriter().write(row.getString(1));
        }
      } catch (NumberFormatException e) {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      } catch (SQLException e) {
        throw new IOException(e);
      }
    }
  }

  private static final class Checkout extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient DataSource database;
    private final transient PlainJettyApp.Work work;

    Checkout(DataSource database, PlainJettyApp.Work work) {
      this.database = database;
      this.work = work;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      spend(request, work);
      String[] traceparent = String.valueOf(request.getHeader("traceparent")).split("-");
      if (traceparent.length == 4) {
        MDC.put("trace_id", traceparent[1]);
        MDC.put("span_id", traceparent[2]);
      }
      try {
        if (request.getParameter("fail") != null) {
          IllegalStateException declined = new IllegalStateException("payment provider declined the card");
          CHECKOUT_LOG.error("checkout failed", declined);
          throw declined;
        }
        try (Connection connection = database.getConnection();
            PreparedStatement insert = connection.prepareStatement(
                "insert into orders (id, item) select coalesce(max(id), 0) + 1, ? from orders")) {
          insert.setString(1, "checkout");
          insert.executeUpdate();
        } catch (SQLException e) {
          throw new IOException(e);
        }
        response.setStatus(HttpServletResponse.SC_CREATED);
      } finally {
        MDC.remove("trace_id");
        MDC.remove("span_id");
      }
    }
  }

  private static final class Catalog extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient PlainJettyApp.Work work;

    Catalog(PlainJettyApp.Work work) {
      this.work = work;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      spend(request, work);
      response.setContentType("text/plain");
      response.getWriter().write("catalog");
    }
  }
}
