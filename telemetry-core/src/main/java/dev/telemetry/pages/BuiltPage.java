package dev.telemetry.pages;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** What {@link PageProvider.Builder} makes. */
record BuiltPage(String id, String title, Duration ttl, List<PageSection> sections,
    Function<String, Optional<List<PageSection>>> details) implements PageProvider {
  @Override
  public boolean hasDetails() {
    return details != null;
  }

  @Override
  public Optional<List<PageSection>> detail(String detailId) {
    return details == null ? Optional.empty() : details.apply(detailId);
  }
}
