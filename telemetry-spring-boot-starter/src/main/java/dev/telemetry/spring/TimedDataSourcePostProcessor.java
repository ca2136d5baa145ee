package dev.telemetry.spring;

import dev.telemetry.datasource.TimedDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Wraps every {@link DataSource} bean of the application with {@link TimedDataSourceProxies#timed}. */
final class TimedDataSourcePostProcessor implements BeanPostProcessor {
  private final ObjectProvider<TimedDataSource> timing;

  TimedDataSourcePostProcessor(ObjectProvider<TimedDataSource> timing) {
    this.timing = timing;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource && !TimedDataSourceProxies.isTimed(bean)) {
      return TimedDataSourceProxies.timed(dataSource, timing);
    }
    return bean;
  }
}
