package dev.telemetry.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The one JSON configuration of the API: snake_case names, instants as UTC ISO-8601 strings,
 * durations as milliseconds, enums in lower case, NaN and infinities as {@code null}.
 */
final class Json {
  static final ObjectMapper MAPPER = build();

  private Json() {}

  private static ObjectMapper build() {
    SimpleModule module = new SimpleModule("telemetry-http");
    module.addSerializer(Instant.class, new JsonSerializer<>() {
      @Override
      public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeString(value.toString());
      }
    });
    module.addSerializer(Duration.class, new JsonSerializer<>() {
      @Override
      public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeNumber(value.toMillis());
      }
    });
    @SuppressWarnings({"rawtypes", "unchecked"})
    Class<Enum<?>> enumType = (Class) Enum.class;
    module.addSerializer(enumType, new JsonSerializer<Enum<?>>() {
      @Override
      public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeString(value.name().toLowerCase(Locale.ROOT));
      }
    });
    JsonSerializer<Double> finiteOrNull = new JsonSerializer<>() {
      @Override
      public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        if (value.isNaN() || value.isInfinite()) {
          gen.writeNull();
        } else {
          gen.writeNumber(value);
        }
      }
    };
    module.addSerializer(Double.class, finiteOrNull);
    module.addSerializer(double.class, finiteOrNull);
    ObjectMapper mapper = new ObjectMapper();
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    mapper.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    mapper.registerModule(module);
    return mapper;
  }
}
