package dev.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CsvWriterTest {
  @Test
  void writesRfc4180Rows() throws Exception {
    StringWriter out = new StringWriter();
    CsvWriter csv = new CsvWriter(out);
    csv.row("a", "b,c", "say \"x\"", null, 3, 2.5, Double.NaN, true);
    csv.row("line\nbreak", "cr\rx");
    assertThat(out.toString()).isEqualTo("a,\"b,c\",\"say \"\"x\"\"\",,3,2.5,,true\r\n\"line\nbreak\",\"cr\rx\"\r\n");
  }

  @Test
  void neutralisesFormulaPrefixesInTextButNotNumbers() {
    assertThat(CsvWriter.cell("=1+1")).isEqualTo("'=1+1");
    assertThat(CsvWriter.cell("+1")).isEqualTo("'+1");
    assertThat(CsvWriter.cell("-1")).isEqualTo("'-1");
    assertThat(CsvWriter.cell("@A1")).isEqualTo("'@A1");
    assertThat(CsvWriter.cell("\tx")).isEqualTo("'\tx");
    assertThat(CsvWriter.cell("=HYPERLINK(\"a\",\"b\")")).isEqualTo("\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\"");
    assertThat(CsvWriter.cell(-1.5)).isEqualTo("-1.5");
    assertThat(CsvWriter.cell("plain")).isEqualTo("plain");
  }
}
