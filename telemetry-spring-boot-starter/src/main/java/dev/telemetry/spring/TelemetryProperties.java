package dev.telemetry.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code telemetry.*} properties. Every one has a working default: with none set the
 * application gets an SQLite store under its working directory and a dashboard at
 * {@code /admin/telemetry} that refuses every request until {@code telemetry.dashboard.token} is
 * set.
 *
 * <pre>
 * telemetry.dashboard.token=${TELEMETRY_TOKEN}
 * telemetry.store=postgres:jdbc:postgresql://db:5432/app?user=app
 * </pre>
 */
@ConfigurationProperties(prefix = "telemetry")
public class TelemetryProperties {
  /** The store's default: an SQLite file relative to the working directory. */
  public static final String DEFAULT_STORE = "sqlite:telemetry-data/telemetry.db";

  /** Whether the starter configures anything at all. */
  private boolean enabled = true;

  /**
   * Where telemetry is kept: {@code memory} (lost on restart), {@code sqlite:PATH} (a file,
   * relative to the working directory unless absolute), {@code postgres:JDBC_URL} (e.g.
   * {@code postgres:jdbc:postgresql://db:5432/app?user=app}, shared by every node), or
   * {@code datasource} (the application's own PostgreSQL or SQLite DataSource, in tables prefixed
   * {@code telemetry_}).
   */
  private String store = DEFAULT_STORE;

  /** The application's name on the dashboard. Default: spring.application.name, else "application". */
  private String service;

  /** Deployment environment shown on the dashboard. Default: production. */
  private String environment;

  /** This process's name among the nodes sharing a store. Default: the HOSTNAME variable, else "local". */
  private String node;

  /** How often metrics are snapshotted and flushed: 1 s to 60 s, dividing a minute evenly. */
  private Duration flushInterval = Duration.ofSeconds(60);

  /** How long data is kept: 1 hour to 30 days. */
  private Duration retention = Duration.ofDays(30);

  private final Dashboard dashboard = new Dashboard();

  private final Http http = new Http();

  private final Jvm jvm = new Jvm();

  private final Datasource datasource = new Datasource();

  private final Logback logback = new Logback();

  private final Log4j2 log4j2 = new Log4j2();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getStore() {
    return store;
  }

  public void setStore(String store) {
    this.store = store;
  }

  public String getService() {
    return service;
  }

  public void setService(String service) {
    this.service = service;
  }

  public String getEnvironment() {
    return environment;
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public Duration getFlushInterval() {
    return flushInterval;
  }

  public void setFlushInterval(Duration flushInterval) {
    this.flushInterval = flushInterval;
  }

  public Duration getRetention() {
    return retention;
  }

  public void setRetention(Duration retention) {
    this.retention = retention;
  }

  public Dashboard getDashboard() {
    return dashboard;
  }

  public Http getHttp() {
    return http;
  }

  public Jvm getJvm() {
    return jvm;
  }

  public Datasource getDatasource() {
    return datasource;
  }

  public Logback getLogback() {
    return logback;
  }

  public Log4j2 getLog4j2() {
    return log4j2;
  }

  /** The dashboard on the application's own server. */
  public static class Dashboard {
    /** Whether the dashboard is mounted on the application's server. */
    private boolean enabled = true;

    /** Where the dashboard is mounted (its API lives under PATH/api/v1). */
    private String path = "/admin/telemetry";

    /**
     * Bearer token (at least 16 characters) that API requests must send as
     * {@code Authorization: Bearer TOKEN}. Without a token, and without an Authorizer bean, the
     * dashboard refuses every request (403).
     */
    private String token;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public String getToken() {
      return token;
    }

    public void setToken(String token) {
      this.token = token;
    }
  }

  /** Capture of the application's own HTTP server requests. */
  public static class Http {
    /** Whether server requests are recorded by route template (latency, traffic, errors). */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** JVM and process gauges. */
  public static class Jvm {
    /**
     * Whether heap, non-heap, GC, threads, CPU, file descriptors and uptime are sampled at every
     * flush; heap used / max is the memory saturation signal (process_memory_utilization_ratio).
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The application's own DataSource beans. */
  public static class Datasource {
    /**
     * Whether the application's statements are timed into db_query_duration_seconds (by operation
     * and SQLState class) and HikariCP pools report their saturation (db_pool_utilization_ratio).
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The application's Logback logging. */
  public static class Logback {
    /**
     * Whether WARN and ERROR events, with the trace id of the request that logged them, become the
     * dashboard's logs (an appender on the root logger).
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The application's Log4j2 logging (spring-boot-starter-log4j2 in place of Logback). */
  public static class Log4j2 {
    /**
     * Whether WARN, ERROR and FATAL events, with the trace id of the request that logged them,
     * become the dashboard's logs (an appender on the root logger while the context lives).
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
