package dev.telemetry.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForbiddenFieldNamesTest {

  private final RedactionPolicy policy = RedactionPolicy.defaults();

  @ParameterizedTest
  @ValueSource(strings = {
      "Authorization", "authorization", "Proxy-Authorization",
      "X-Api-Key", "x_api_key", "apiKey", "api_key", "APIKEY", "x-apikey", "ApiKey",
      "password", "PASSWORD", "db.password", "passwd", "pwd", "user_password_hash",
      "secret", "client_secret", "clientSecret", "aws_secret_access_key",
      "token", "access_token", "accessToken", "refresh_token", "id_token", "X-Auth-Token",
      "csrfToken", "x-amz-security-token",
      "cookie", "Cookie", "Set-Cookie", "set_cookie", "cookies",
      "session", "session_id", "sessionId", "SESSIONID", "JSESSIONID",
      "email", "e-mail", "E_Mail", "userEmail", "email_address",
      "ip", "IP", "client_ip", "clientIP", "ip_address", "IPAddress", "ipv6", "clientIPv4Addr", "remote_addr",
      "remoteAddress", "x-forwarded-for", "X-Real-IP", "client.address",
      "user_id", "userId", "userID", "USER_ID", "userid", "enduser.id", "username",
      "phone", "phone_number", "phoneNumber", "ssn", "credit_card", "creditCardNumber",
      "card_number", "cardNumber", "cvv", "private_key", "privateKey", "credentials",
      "token_count_value"})
  void forbidsSensitiveNamesWhateverTheirCaseAndSeparators(String name) {
    assertThat(policy.isForbiddenField(name)).as(name).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "zip", "zip_code", "ship_to", "shipping", "description", "skip", "tip", "ipc", "recipe",
      "tokens_total", "input_tokens", "tokenizer", "token_count", "token_type",
      "password_length", "session_count", "session_duration_ms", "ip_version",
      "route", "http.route", "status", "method", "duration_ms", "service", "network",
      "template", "tier", "outcome", "cache_key", "idempotency_key", "keyboard", "passage",
      "sessions_total", "emailed", "trace_id", "span_id", "mail_server", "", "---"})
  void allowsNamesThatOnlyResembleSensitiveOnes(String name) {
    assertThat(policy.isForbiddenField(name)).as(name).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tenantSecretRef", "TENANT-SECRET-REF", "tenant.secret.ref",
      "x_tenant_secret_ref", "token_count"})
  void forbidsNamesAddedByTheHostWithTheSameWordMatching(String name) {
    RedactionPolicy custom = RedactionPolicy.builder()
        .forbidFields("tenant_secret_ref", "token count")
        .build();

    assertThat(custom.isForbiddenField(name)).as(name).isTrue();
    assertThat(custom.isForbiddenField("tenant_ref")).isFalse();
    assertThat(custom.isForbiddenField("password")).as("defaults stay").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Api-Key", "x_api_key", "apiKey", "API key"})
  void splitsNamesIntoLowercaseWords(String name) {
    assertThat(FieldNameWords.split(name)).containsSubsequence("api", "key")
        .allMatch(word -> word.equals(word.toLowerCase(Locale.ROOT)));
  }

  @Test
  void splitsAcronymsAndKeepsDigitsInsideWords() {
    assertThat(FieldNameWords.split("IPAddress")).containsExactly("ip", "address");
    assertThat(FieldNameWords.split("v2Token")).containsExactly("v2", "token");
    assertThat(FieldNameWords.split("sha256_sum")).containsExactly("sha256", "sum");
  }

  @Test
  void acceptsNonAsciiNamesAddedByTheHostAndForbidsThemAsKeys() {
    RedactionPolicy host = RedactionPolicy.builder().forbidFields("пароль").build();

    assertThat(host.isForbiddenField("Пароль")).isTrue();
    assertThat(host.isForbiddenField("имя")).isFalse();
  }
}
