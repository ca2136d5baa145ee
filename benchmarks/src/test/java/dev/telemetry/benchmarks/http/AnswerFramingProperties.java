package dev.telemetry.benchmarks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * However an answer arrives in pieces, the framing says "complete" exactly at its last byte, with
 * its status, its {@code ETag} and whether the server closes; and it refuses what it cannot frame.
 */
class AnswerFramingProperties {

  @Property(tries = 300)
  void completesExactlyAtTheLastByteOfTheAnswer(
      @ForAll("statuses") int status,
      @ForAll @IntRange(max = 40_000) int bodyLength,
      @ForAll boolean upperCaseNames,
      @ForAll @Size(max = 5) List<@StringLength(min = 1, max = 30) @AlphaChars String> extra,
      @ForAll @StringLength(min = 1, max = 20) @AlphaChars String etag,
      @ForAll boolean close,
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 5000) Integer> pieces) throws Exception {
    boolean bodiless = status == 304 || status == 204;
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Whatever\r\n");
    for (int i = 0; i < extra.size(); i++) {
      head.append("X-Extra-").append(i).append(": ").append(extra.get(i)).append("\r\n");
    }
    head.append(name("ETag", upperCaseNames)).append(":  \"").append(etag).append("\" \r\n");
    if (!bodiless) {
      head.append(name("Content-Length", upperCaseNames)).append(": ").append(bodyLength).append("\r\n");
    }
    if (close) {
      head.append(name("Connection", upperCaseNames)).append(": close\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] answer = new byte[headBytes.length + (bodiless ? 0 : bodyLength)];
    System.arraycopy(headBytes, 0, answer, 0, headBytes.length);
    for (int i = headBytes.length; i < answer.length; i++) {
      answer[i] = (byte) (i % 251); // includes \r and \n: a body is never parsed
    }

    AnswerFraming framing = new AnswerFraming();
    for (int round = 0; round < 2; round++) { // the same answer twice: the ETag is new only the first time
      framing.expectAnswer();
      int at = 0;
      int piece = 0;
      boolean complete = false;
      while (at < answer.length) {
        ByteBuffer buffer = framing.buffer();
        int n = Math.min(Math.min(pieces.get(piece++ % pieces.size()), buffer.remaining()), answer.length - at);
        buffer.put(answer, at, n);
        at += n;
        complete = framing.advance(n);
        assertThat(complete).as("complete after %d of %d bytes", at, answer.length).isEqualTo(at == answer.length);
      }
      assertThat(complete).isTrue();
      assertThat(framing.status()).isEqualTo(status);
      assertThat(framing.serverCloses()).isEqualTo(close);
      assertThat(framing.lastEtag()).isEqualTo("\"" + etag + "\"");
      assertThat(framing.etagChanged()).isEqualTo(round == 0);
    }
  }

  @Provide
  Arbitrary<Integer> statuses() {
    return Arbitraries.of(200, 204, 304, 401, 404, 500, 503);
  }

  private static String name(String name, boolean upper) {
    return upper ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
  }

  @Property(tries = 50)
  void refusesBytesBeyondContentLength(@ForAll @IntRange(max = 1000) int bodyLength,
      @ForAll @IntRange(min = 1, max = 100) int surplus) {
    byte[] answer = ("HTTP/1.1 200 OK\r\nContent-Length: " + bodyLength + "\r\n\r\n" + "x".repeat(bodyLength + surplus))
        .getBytes(StandardCharsets.ISO_8859_1);
    AnswerFraming framing = new AnswerFraming();
    framing.expectAnswer();
    framing.buffer().put(answer);
    assertThatThrownBy(() -> framing.advance(answer.length)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Content-Length");
  }

  @Property(tries = 10)
  void refusesWhatItCannotFrame(@ForAll("unframeable") String answer) {
    AnswerFraming framing = new AnswerFraming();
    framing.expectAnswer();
    byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
    framing.buffer().put(bytes);
    assertThatThrownBy(() -> framing.advance(bytes.length)).isInstanceOf(ProtocolException.class);
  }

  @Provide
  Arbitrary<String> unframeable() {
    return Arbitraries.of(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\n",
        "SSH-2.0-OpenSSH\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n",
        "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n");
  }

  @Property(tries = 5)
  void refusesAHeadLargerThanItsBuffer(@ForAll @IntRange(min = 0, max = 100) int slack) {
    AnswerFraming framing = new AnswerFraming();
    framing.expectAnswer();
    byte[] start = "HTTP/1.1 200 OK\r\nX-Long: ".getBytes(StandardCharsets.ISO_8859_1);
    framing.buffer().put(start);
    assertThatThrownBy(() -> {
      assertThat(framing.advance(start.length)).isFalse();
      int n = framing.buffer().remaining() - slack;
      framing.buffer().put(new byte[n]);
      assertThat(framing.advance(n)).isFalse();
      n = framing.buffer().remaining();
      framing.buffer().put(new byte[n]);
      framing.advance(n);
    }).isInstanceOf(ProtocolException.class).hasMessageContaining("head over");
  }
}
