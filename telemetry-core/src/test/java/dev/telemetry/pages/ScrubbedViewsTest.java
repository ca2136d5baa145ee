package dev.telemetry.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.pages.SectionView.Bar;
import dev.telemetry.pages.SectionView.Breakdown;
import dev.telemetry.pages.SectionView.Point;
import dev.telemetry.pages.SectionView.Series;
import dev.telemetry.pages.SectionView.Stat;
import dev.telemetry.pages.SectionView.StatusItem;
import dev.telemetry.pages.SectionView.StatusList;
import dev.telemetry.pages.SectionView.Text;
import dev.telemetry.pages.SectionView.TimeSeries;
import dev.telemetry.redaction.RedactionPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScrubbedViewsTest {
  private static final String EMAIL = "carol@example.com";
  private static final String HIDDEN = "[REDACTED:email]";
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
  private final RedactionPolicy policy = RedactionPolicy.defaults();

  @Test
  void scrubsTheTextOfEveryKindAndKeepsNumbersInstantsAndStatuses() {
    assertThat(ScrubbedViews.scrub(SectionView.stats(new Stat("by " + EMAIL, 2.0, "", "red", EMAIL)), policy))
        .isEqualTo(SectionView.stats(new Stat("by " + HIDDEN, 2.0, "", "red", HIDDEN)));
    assertThat(ScrubbedViews.scrub(new TimeSeries("", List.of(new Series(EMAIL, List.of(new Point(T, 1.0))))), policy))
        .isEqualTo(new TimeSeries("", List.of(new Series(HIDDEN, List.of(new Point(T, 1.0))))));
    assertThat(ScrubbedViews.scrub(new Breakdown("", List.of(new Bar(EMAIL, 3, 50.0))), policy))
        .isEqualTo(new Breakdown("", List.of(new Bar(HIDDEN, 3, 50.0))));
    assertThat(ScrubbedViews.scrub(new StatusList(List.of(new StatusItem("db", "down", "user " + EMAIL, T))), policy))
        .isEqualTo(new StatusList(List.of(new StatusItem("db", "down", "user " + HIDDEN, T))));
    assertThat(ScrubbedViews.scrub(SectionView.Table.builder().text("who", EMAIL).row(EMAIL).row((Object) null)
        .build(), policy)).isEqualTo(SectionView.Table.builder().text("who", HIDDEN).row(HIDDEN).row((Object) null)
        .build());
  }

  @Test
  void aTextThatGrowsWhenScrubbedIsCutToTheLimit() {
    String text = "a@b.io ".repeat(Text.MAX_LENGTH / 7);
    SectionView scrubbed = ScrubbedViews.scrub(SectionView.text(text), policy);
    assertThat(((Text) scrubbed).text()).hasSize(Text.MAX_LENGTH).startsWith(HIDDEN).doesNotContain("a@b.io");
  }
}
