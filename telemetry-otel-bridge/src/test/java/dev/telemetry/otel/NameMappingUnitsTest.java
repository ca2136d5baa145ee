package dev.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Unit words and UCUM annotations name a contract suffix like the UCUM codes do. */
class NameMappingUnitsTest {
  private final NameMapping mapping = NameMapping.defaults();

  @Test
  void aUnitWordOrAnnotationAddsTheSuffixedName() {
    assertThat(mapping.candidates("queue.depth", "items", false)).containsExactly("queue_depth", "queue_depth_items");
    assertThat(mapping.candidates("queue.depth", "{items}", false))
        .containsExactly("queue_depth", "queue_depth_items");
    assertThat(mapping.candidates("jobs.processed", "{jobs}", true))
        .containsExactly("jobs_processed", "jobs_processed_total", "jobs_processed_jobs_total");
  }

  @Test
  void aNameThatAlreadyEndsInItsUnitIsNotSuffixedTwice() {
    assertThat(mapping.candidates("queue.depth.items", "items", false)).containsExactly("queue_depth_items");
  }

  @Test
  void unitsThatAreNotWordsAddNothing() {
    assertThat(mapping.candidates("queue.depth", "", false)).containsExactly("queue_depth");
    assertThat(mapping.candidates("queue.depth", "m/s", false)).containsExactly("queue_depth");
  }
}
