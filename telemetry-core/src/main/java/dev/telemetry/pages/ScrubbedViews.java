package dev.telemetry.pages;

import dev.telemetry.pages.SectionView.Bar;
import dev.telemetry.pages.SectionView.Breakdown;
import dev.telemetry.pages.SectionView.Column;
import dev.telemetry.pages.SectionView.Series;
import dev.telemetry.pages.SectionView.Stat;
import dev.telemetry.pages.SectionView.StatusItem;
import dev.telemetry.pages.SectionView.StatusList;
import dev.telemetry.pages.SectionView.Stats;
import dev.telemetry.pages.SectionView.Table;
import dev.telemetry.pages.SectionView.Text;
import dev.telemetry.pages.SectionView.TimeSeries;
import dev.telemetry.redaction.RedactionPolicy;


/**
 * Host views pass the library's one scrub gate before they are cached and served (DESIGN §3:
 * every string that can be served): each label, cell, name, detail and text. Numbers, instants
 * and the closed vocabularies (statuses, column types) are left alone.
 */
final class ScrubbedViews {
  private ScrubbedViews() {}

  static SectionView scrub(SectionView view, RedactionPolicy policy) {
    if (view instanceof Stats s) {
      return new Stats(s.stats().stream().map(st -> new Stat(policy.scrub(st.label()), st.value(),
          policy.scrub(st.unit()), st.status(), policy.scrub(st.hint()))).toList());
    }
    if (view instanceof Table t) {
      return new Table(
          t.columns().stream().map(c -> new Column(c.key(), policy.scrub(c.label()), c.type(), policy.scrub(c.unit())))
              .toList(),
          t.rows().stream().map(row -> row.stream().map(cell -> cell instanceof String text ? policy.scrub(text) : cell)
              .toList()).toList());
    }
    if (view instanceof TimeSeries ts) {
      return new TimeSeries(policy.scrub(ts.unit()), ts.series().stream()
          .map(s -> new Series(policy.scrub(s.name()), s.points())).toList());
    }
    if (view instanceof Breakdown b) {
      return new Breakdown(policy.scrub(b.unit()), b.bars().stream()
          .map(bar -> new Bar(policy.scrub(bar.label()), bar.value(), bar.percent())).toList());
    }
    if (view instanceof StatusList l) {
      return new StatusList(l.items().stream()
          .map(i -> new StatusItem(policy.scrub(i.name()), i.status(), policy.scrub(i.detail()), i.at())).toList());
    }
    String text = policy.scrub(((Text) view).text()); // a placeholder may be longer than what it hides
    return new Text(text.length() > Text.MAX_LENGTH ? text.substring(0, Text.MAX_LENGTH) : text);
  }
}
