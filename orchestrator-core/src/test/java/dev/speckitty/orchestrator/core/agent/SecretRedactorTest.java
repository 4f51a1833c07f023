package dev.speckitty.orchestrator.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "key sk-ant-api03-abcdefghijklmnopqrstuvwx end            | key [REDACTED] end",
        "OPENAI sk-proj-AbCdEfGhIjKlMnOpQrSt1234                 | OPENAI [REDACTED]",
        "push with ghp_0123456789abcdefghijABCDEFGHIJ0123 ok      | push with [REDACTED] ok",
        "pat github_pat_11ABCDEFG0123456789_abcdefghijklmnop      | pat [REDACTED]",
        "aws AKIAIOSFODNN7EXAMPLE here                             | aws [REDACTED] here",
        "slack xoxb-123456789012-abcdefghijkl                      | slack [REDACTED]",
        "google AIzaSyA1234567890abcdefghijklmnopqrstuv            | google [REDACTED]",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig     | Authorization: Bearer [REDACTED]",
        "GITHUB_TOKEN=abc123def456ghi                              | GITHUB_TOKEN=[REDACTED]",
        "{\"api_key\": \"zzzzzzzzzz\"}                             | {\"api_key\": \"[REDACTED]\"}",
        "password: hunter2hunter2                                  | password: [REDACTED]",
    })
    void masksKnownShapes(String input, String expected) {
        assertThat(SecretRedactor.standard().redact(input)).isEqualTo(expected);
    }

    @Test
    void leavesOrdinaryOutputAlone() {
        String usage = "SPEC_KITTY_USAGE: {\"input_tokens\": 1200, \"output_tokens\": 300, \"cost_usd\": 0.0123}";
        String json = "{\"usage\":{\"input_tokens\":38,\"cache_read_input_tokens\":250000,\"output_tokens\":4100}}";

        assertThat(SecretRedactor.standard().redact(usage)).isEqualTo(usage);
        assertThat(SecretRedactor.standard().redact(json)).isEqualTo(json);
        assertThat(SecretRedactor.standard().redact("task-1 sk-short ok")).isEqualTo("task-1 sk-short ok");
        assertThat(SecretRedactor.standard().redact(null)).isNull();
    }

    @Test
    void masksValuesOfSecretNamedEnvironmentVariables() {
        SecretRedactor r = SecretRedactor.forEnvironment(Map.of(
                "MY_SERVICE_TOKEN", "opaque-value-42!",
                "DB_PASSWORD", "correct horse battery",
                "PATH", "/usr/bin:/bin",
                "SHORT_KEY", "abc"));

        assertThat(r.redact("connecting with opaque-value-42! and correct horse battery via /usr/bin:/bin abc"))
                .isEqualTo("connecting with [REDACTED] and [REDACTED] via /usr/bin:/bin abc");
    }

    @Test
    void longerLiteralsAreMaskedWhole() {
        SecretRedactor r = SecretRedactor.standard().withLiterals(List.of("secret-one", "secret-one-and-more"));

        assertThat(r.redact("x secret-one-and-more y secret-one")).isEqualTo("x [REDACTED] y [REDACTED]");
    }

    @Test
    void secretNames() {
        assertThat(SecretRedactor.isSecretName("ANTHROPIC_API_KEY")).isTrue();
        assertThat(SecretRedactor.isSecretName("gh_token")).isTrue();
        assertThat(SecretRedactor.isSecretName("AWS_SECRET_ACCESS_KEY")).isTrue();
        assertThat(SecretRedactor.isSecretName("PGPASSWORD")).isTrue();
        assertThat(SecretRedactor.isSecretName("HOME")).isFalse();
    }
}
