package dev.telemetry.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.List;

/** Hand-built metric points with exact start times, for temporality and conversion tests. */
final class MetricPoints {
  static final Attributes EMAILS = Attributes.of(AttributeKey.stringKey("queue"), "emails");
  private static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.create("test");

  private MetricPoints() {}

  static MetricData counter(String name, AggregationTemporality temporality, long start, long end, long value) {
    return ImmutableMetricData.createLongSum(Resource.empty(), SCOPE, name, "", "1", ImmutableSumData.create(true,
        temporality, List.of(ImmutableLongPointData.create(start, end, EMAILS, value))));
  }

  static MetricData explicit(String name, String unit, AggregationTemporality temporality, long start, long end,
      List<Double> bounds, List<Long> counts, double sum, double min, double max) {
    return ImmutableMetricData.createDoubleHistogram(Resource.empty(), SCOPE, name, "", unit,
        ImmutableHistogramData.create(temporality, List.of(ImmutableHistogramPointData.create(start, end, EMAILS, sum,
            !Double.isNaN(min), min, !Double.isNaN(max), max, bounds, counts))));
  }

  static MetricData exponential(String name, String unit, AggregationTemporality temporality, long start, long end,
      int scale, int offset, List<Long> counts, long zeroCount, double sum, double min, double max) {
    return ImmutableMetricData.createExponentialHistogram(Resource.empty(), SCOPE, name, "", unit,
        ImmutableExponentialHistogramData.create(temporality, List.of(ImmutableExponentialHistogramPointData.create(
            scale, sum, zeroCount, !Double.isNaN(min), min, !Double.isNaN(max), max,
            ImmutableExponentialHistogramBuckets.create(scale, offset, counts),
            ImmutableExponentialHistogramBuckets.create(scale, 0, List.of()), start, end, EMAILS, List.of()))));
  }
}
