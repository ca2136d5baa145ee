package dev.telemetry.datasource;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * JDK dynamic proxies over {@link DataSource}, {@link Connection} and the three statement
 * interfaces: every {@code execute…} call is timed, everything else is handed to the driver's
 * object unchanged (its exceptions included). A proxy allocates its argument array per call, like
 * the driver does many times over; nothing here is on the library's record path.
 */
final class JdbcProxies {
  private JdbcProxies() {}

  static DataSource dataSource(DataSource target, StatementTimer timer) {
    return proxy(DataSource.class, new DataSourceHandler(target, timer));
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  /** Calls {@code method} on {@code target}, throwing what it throws rather than a reflection wrapper. */
  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The answer for {@code equals}, {@code hashCode}, {@code toString}, or {@code null} for other methods. */
  private static Object identity(Object proxy, Object target, Method method, Object[] args) {
    if (method.getDeclaringClass() != Object.class) {
      return null;
    }
    return switch (method.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      default -> "timed " + target;
    };
  }

  private static final class DataSourceHandler implements InvocationHandler {
    private final DataSource target;
    private final StatementTimer timer;

    DataSourceHandler(DataSource target, StatementTimer timer) {
      this.target = target;
      this.timer = timer;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      Object identity = identity(proxy, target, method, args);
      if (identity != null) {
        return identity;
      }
      Object result = call(target, method, args);
      if (method.getName().equals("getConnection") && result instanceof Connection connection) {
        return proxy(Connection.class, new ConnectionHandler(connection, timer));
      }
      return result;
    }
  }

  private static final class ConnectionHandler implements InvocationHandler {
    private final Connection target;
    private final StatementTimer timer;

    ConnectionHandler(Connection target, StatementTimer timer) {
      this.target = target;
      this.timer = timer;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      Object identity = identity(proxy, target, method, args);
      if (identity != null) {
        return identity;
      }
      Object result = call(target, method, args);
      String name = method.getName();
      Connection self = (Connection) proxy;
      if (result instanceof CallableStatement statement && name.equals("prepareCall")) {
        return proxy(CallableStatement.class, new StatementHandler(statement, self, timer, sqlOperation(args)));
      }
      if (result instanceof PreparedStatement statement && name.equals("prepareStatement")) {
        return proxy(PreparedStatement.class, new StatementHandler(statement, self, timer, sqlOperation(args)));
      }
      if (result instanceof Statement statement && name.equals("createStatement")) {
        return proxy(Statement.class, new StatementHandler(statement, self, timer, null));
      }
      return result;
    }

    private static String sqlOperation(Object[] args) {
      return args != null && args.length > 0 && args[0] instanceof String sql ? SqlOperation.of(sql)
          : SqlOperation.OTHER;
    }
  }

  private static final class StatementHandler implements InvocationHandler {
    private final Statement target;
    private final Connection connection;
    private final StatementTimer timer;
    /** The prepared statement's operation; null for a plain statement, whose SQL comes with each call. */
    private final String preparedOperation;
    /** The operation of the last SQL added to a plain statement's batch. */
    private volatile String batchOperation = SqlOperation.OTHER;

    StatementHandler(Statement target, Connection connection, StatementTimer timer, String preparedOperation) {
      this.target = target;
      this.connection = connection;
      this.timer = timer;
      this.preparedOperation = preparedOperation;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      Object identity = identity(proxy, target, method, args);
      if (identity != null) {
        return identity;
      }
      String name = method.getName();
      if (name.startsWith("execute")) {
        return timed(method, args, operation(name, args));
      }
      if (name.equals("getConnection")) {
        return connection;
      }
      if (name.equals("addBatch") && args != null && args.length == 1 && args[0] instanceof String sql) {
        batchOperation = SqlOperation.of(sql);
      }
      return call(target, method, args);
    }

    private String operation(String name, Object[] args) {
      if (args != null && args.length > 0 && args[0] instanceof String sql) {
        return SqlOperation.of(sql);
      }
      if (preparedOperation != null) {
        return preparedOperation;
      }
      return name.contains("Batch") ? batchOperation : SqlOperation.OTHER;
    }

    private Object timed(Method method, Object[] args, String operation) throws Throwable {
      long start = timer.start();
      Object result;
      try {
        result = call(target, method, args);
      } catch (Throwable failure) {
        timer.stop(operation, failure, start);
        throw failure;
      }
      timer.stop(operation, null, start);
      return result;
    }
  }
}
