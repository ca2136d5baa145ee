package dev.telemetry.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A DataSource that forwards to another and records what went through it: the connections handed
 * out and, per SQL statement prepared or executed, its text and whether the connection was
 * read-only at that moment. Tests prove with it which DataSource a store used for what.
 */
final class RecordingDataSource {
  /** One statement: its SQL and whether its connection was read-only. */
  record Use(String sql, boolean readOnly) {
    boolean isSelect() {
      String s = sql.stripLeading().toUpperCase(Locale.ROOT);
      return s.startsWith("SELECT") || s.startsWith("WITH");
    }
  }

  private final DataSource target;
  private final DataSource proxy;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Use> uses = new CopyOnWriteArrayList<>();

  RecordingDataSource(DataSource target) {
    this.target = target;
    this.proxy = proxy(DataSource.class, (p, m, args) -> {
      Object result = invoke(target, m, args);
      if (m.getName().equals("getConnection")) {
        connections.incrementAndGet();
        return connection((Connection) result);
      }
      return result;
    });
  }

  DataSource dataSource() {
    return proxy;
  }

  int connections() {
    return connections.get();
  }

  List<Use> uses() {
    return List.copyOf(uses);
  }

  /** Forgets what was recorded so far. */
  void reset() {
    connections.set(0);
    uses.clear();
  }

  private Connection connection(Connection c) {
    return proxy(Connection.class, (p, m, args) -> {
      if (args != null && args.length > 0 && args[0] instanceof String sql && m.getName().startsWith("prepare")) {
        uses.add(new Use(sql, c.isReadOnly()));
      }
      Object result = invoke(c, m, args);
      if (result instanceof Statement s && m.getName().equals("createStatement")) {
        return statement(s, c);
      }
      return result;
    });
  }

  private Statement statement(Statement s, Connection c) {
    return proxy(Statement.class, (p, m, args) -> {
      if (args != null && args.length > 0 && args[0] instanceof String sql
          && (m.getName().startsWith("execute") || m.getName().equals("addBatch"))) {
        uses.add(new Use(sql, c.isReadOnly()));
      }
      return invoke(s, m, args);
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
