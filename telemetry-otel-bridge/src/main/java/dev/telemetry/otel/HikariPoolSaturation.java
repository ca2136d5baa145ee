package dev.telemetry.otel;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.MetricUnit;
import dev.telemetry.contract.StandardMetrics;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * HikariCP pool saturation into the native store: registers gauge callbacks, sampled at each
 * flush, for {@link StandardMetrics#DB_POOL_UTILIZATION} (active / maximum pool size, label
 * {@code pool}) and, when declared ({@link #addMetrics}), active, idle, maximum connections and
 * threads awaiting a connection.
 *
 * <pre>{@code
 * HikariPoolSaturation.register(telemetry, dataSource);
 * }</pre>
 *
 * <p>Reads {@code HikariDataSource.getHikariPoolMXBean()} at every sample, so a pool started
 * lazily (after the first {@code getConnection()}) is picked up; before it starts, every value is
 * 0. HikariCP is an optional dependency of this module: only this class needs it.
 */
public final class HikariPoolSaturation {
  public static final String ACTIVE = "db_pool_active_connections";
  public static final String IDLE = "db_pool_idle_connections";
  public static final String MAX = "db_pool_max_connections";
  public static final String PENDING = "db_pool_pending_threads";
  public static final String POOL = "pool";

  private HikariPoolSaturation() {}

  /** Declares the four pool gauges (utilisation itself is {@link StandardMetrics#addSaturation}'s). */
  public static MetricContract.Builder addMetrics(MetricContract.Builder contract) {
    MetricUnit connections = MetricUnit.custom("connections");
    return contract
        .gauge(ACTIVE, m -> m.unit(connections).labels(POOL).description("Connections in use"))
        .gauge(IDLE, m -> m.unit(connections).labels(POOL).description("Idle connections"))
        .gauge(MAX, m -> m.unit(connections).labels(POOL).description("Maximum pool size"))
        .gauge(PENDING, m -> m.unit(MetricUnit.custom("threads")).labels(POOL)
            .description("Threads waiting for a connection"));
  }

  /** Registers the gauges the contract declares for {@code dataSource}, labelled with its pool name. */
  public static void register(Telemetry telemetry, HikariDataSource dataSource) {
    requireNonNull(dataSource, "dataSource");
    register(telemetry, dataSource.getPoolName(), dataSource::getHikariPoolMXBean, dataSource::getMaximumPoolSize);
  }

  /**
   * Registers the gauges for a pool seen through its MX bean ({@code null} while the pool is not
   * started) and its configured maximum size.
   */
  public static void register(Telemetry telemetry, String poolName, Supplier<HikariPoolMXBean> pool,
      IntSupplier maximumPoolSize) {
    requireNonNull(telemetry, "telemetry");
    requireNonNull(poolName, "poolName");
    requireNonNull(pool, "pool");
    requireNonNull(maximumPoolSize, "maximumPoolSize");
    gauge(telemetry, StandardMetrics.DB_POOL_UTILIZATION, poolName, () -> {
      HikariPoolMXBean bean = pool.get();
      int max = maximumPoolSize.getAsInt();
      return bean == null || max <= 0 ? 0 : Math.min(1.0, bean.getActiveConnections() / (double) max);
    });
    gauge(telemetry, ACTIVE, poolName, () -> read(pool, HikariPoolMXBean::getActiveConnections));
    gauge(telemetry, IDLE, poolName, () -> read(pool, HikariPoolMXBean::getIdleConnections));
    gauge(telemetry, MAX, poolName, () -> Math.max(0, maximumPoolSize.getAsInt()));
    gauge(telemetry, PENDING, poolName, () -> read(pool, HikariPoolMXBean::getThreadsAwaitingConnection));
  }

  private static double read(Supplier<HikariPoolMXBean> pool, ToIntFunction<HikariPoolMXBean> field) {
    HikariPoolMXBean bean = pool.get();
    return bean == null ? 0 : Math.max(0, field.applyAsInt(bean));
  }

  private static void gauge(Telemetry telemetry, String name, String poolName,
      java.util.function.DoubleSupplier value) {
    if (telemetry.contract().find(name).filter(d -> d.kind() == MetricKind.GAUGE).isPresent()) {
      telemetry.gauge(name).register(value, POOL, poolName);
    }
  }
}
