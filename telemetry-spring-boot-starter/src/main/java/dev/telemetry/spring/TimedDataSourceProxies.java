package dev.telemetry.spring;

import dev.telemetry.datasource.TimedDataSource;
import java.lang.reflect.Method;
import java.sql.Connection;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopConfigException;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

/**
 * The application's {@link DataSource} beans with their statements timed by telemetry-datasource's
 * {@link TimedDataSource}, as Spring AOP proxies that stay assignable to the bean's own class
 * ({@code HikariDataSource} injects as before) and to every interface it implements. Only {@code
 * getConnection} is intercepted: the connection comes from the timed view; every other call, {@code
 * unwrap} and {@code close} included, reaches the original.
 *
 * <p>The timing is resolved on the first connection, not when the bean is wrapped: the
 * {@code Telemetry} bean may itself need the application's DataSource (its store, with {@code
 * telemetry.store=datasource}), and takes the original through {@link #untimed}, so the library's
 * own statements are never timed. A connection asked for while the timing cannot be resolved yet
 * (the Telemetry bean is still being created) is handed out untimed.
 */
final class TimedDataSourceProxies {
  private TimedDataSourceProxies() {}

  /** A proxy of {@code target} whose connections are timed by the {@code timing} bean. */
  static DataSource timed(DataSource target, ObjectProvider<TimedDataSource> timing) {
    ProxyFactory factory = new ProxyFactory(target);
    factory.setInterfaces(ClassUtils.getAllInterfaces(target));
    factory.addAdvice(new TimingInterceptor(target, timing));
    ClassLoader loader = target.getClass().getClassLoader();
    try {
      // a subclass, so that the bean stays assignable to its class (HikariDataSource)
      factory.setProxyTargetClass(true);
      return (DataSource) factory.getProxy(loader);
    } catch (AopConfigException | IllegalArgumentException | LinkageError e) {
      // a final class (or one CGLIB cannot subclass): its interfaces only
      factory.setProxyTargetClass(false);
      return (DataSource) factory.getProxy(loader);
    }
  }

  /** The original behind a proxy of {@link #timed}, else {@code dataSource} itself. */
  static DataSource untimed(DataSource dataSource) {
    TimingInterceptor timing = interceptor(dataSource);
    return timing == null ? dataSource : timing.target;
  }

  static boolean isTimed(Object bean) {
    return interceptor(bean) != null;
  }

  private static TimingInterceptor interceptor(Object bean) {
    if (bean instanceof Advised advised) {
      for (Advisor advisor : advised.getAdvisors()) {
        if (advisor.getAdvice() instanceof TimingInterceptor timing) {
          return timing;
        }
      }
    }
    return null;
  }

  /** Hands out connections from the timed view of the original. */
  private static final class TimingInterceptor implements MethodInterceptor {
    private final DataSource target;
    private final ObjectProvider<TimedDataSource> timing;
    private volatile DataSource timedView;

    TimingInterceptor(DataSource target, ObjectProvider<TimedDataSource> timing) {
      this.target = target;
      this.timing = timing;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
      Method method = invocation.getMethod();
      if (!method.getName().equals("getConnection") || method.getReturnType() != Connection.class) {
        return invocation.proceed();
      }
      DataSource view = timedView();
      if (view == null) {
        return invocation.proceed();
      }
      Object[] arguments = invocation.getArguments();
      return arguments.length == 2 ? view.getConnection((String) arguments[0], (String) arguments[1])
          : view.getConnection();
    }

    private DataSource timedView() {
      DataSource view = timedView;
      if (view == null) {
        try {
          view = timing.getObject().wrap(target);
          timedView = view;
        } catch (RuntimeException notYet) {
          // the timing (and so the Telemetry bean) is being created on this thread: untimed this once
          return null;
        }
      }
      return view;
    }
  }
}
