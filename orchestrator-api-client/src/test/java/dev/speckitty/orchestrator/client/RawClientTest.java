package dev.speckitty.orchestrator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.error.ClientSideException;
import dev.speckitty.orchestrator.client.error.NoEnvelopeException;
import dev.speckitty.orchestrator.client.spi.TransportOption;
import dev.speckitty.orchestrator.client.support.CannedTransport;
import dev.speckitty.orchestrator.client.support.Contract;
import dev.speckitty.orchestrator.client.support.Envelopes;
import dev.speckitty.orchestrator.client.support.Results;
import dev.speckitty.orchestrator.client.support.Transcript;
import dev.speckitty.orchestrator.client.transport.ProcessTransport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** raw(): any command and options, the envelope returned as sent whatever success says. */
class RawClientTest {

    @Test
    void anyCommandAndOptionsReachTheTransportUntranslatedWithoutAHandshake() {
        CannedTransport t = CannedTransport.succeeding("1.0.0", "{\"feature_slug\": \"f\", \"n\": null}");
        try (OrchestratorClient c = OrchestratorClient.builder().transport(t).build()) {
            RawEnvelope e = c.raw().execute("feature-state", TransportOption.of("feature", "f"),
                    TransportOption.flag("json"), TransportOption.of("future-option", "--x y"));
            assertThat(e.success()).isTrue();
            assertThat(e.errorCode()).isEmpty();
            assertThat(e.command()).isEqualTo("orchestrator-api.feature-state");
            assertThat(e.contractVersion()).isEqualTo("1.0.0");
            assertThat(e.correlationId()).isEqualTo(Envelopes.CORRELATION);
            assertThat(e.timestamp()).isEqualTo(Envelopes.TIMESTAMP);
            assertThat(e.data()).containsEntry("feature_slug", "f").containsEntry("n", null);
            assertThat(e.dataJson()).isEqualTo("{\"feature_slug\":\"f\",\"n\":null}");
            assertThat(e.exitCode()).isZero();
        }
        assertThat(t.commands()).containsExactly("feature-state");
        assertThat(ProcessTransport.builder().build().argv(t.last())).containsExactly("spec-kitty", "orchestrator-api",
                "feature-state", "--feature=f", "--json", "--future-option=--x y");
    }

    @Test
    void failureEnvelopesAreReturnedNotThrown() {
        String env = Envelopes.failure("1.3.0", "start-implementation", "WP_ALREADY_CLAIMED",
                "{\"mission_slug\": \"m\", \"mission_number\": null, \"claimed_by\": \"a\", \"requesting_actor\": \"b\","
                        + " \"message\": \"WP WP01 is already claimed\"}");
        CannedTransport t = CannedTransport.always(1, "noise\n" + env + "\n", "warn\n");
        try (OrchestratorClient c = OrchestratorClient.builder().transport(t).assumeContractVersion("1.3.0").build()) {
            RawEnvelope e = c.raw().execute("start-implementation", List.of(TransportOption.of("mission", "m")));
            assertThat(e.success()).isFalse();
            assertThat(e.errorCode()).contains("WP_ALREADY_CLAIMED");
            assertThat(e.exitCode()).isEqualTo(1);
            assertThat(e.stderr()).isEqualTo("warn\n");
            assertThat(e.data()).containsEntry("claimed_by", "a").containsEntry("mission_number", null)
                    .containsKey("message");
            assertThat(Results.json(e.dataJson())).isEqualTo(Results.json(env).get("data"));
        }
    }

    @Test
    void everyTranscriptWithAnEnvelopeDecodesRaw() {
        int n = 0;
        for (var path : Contract.transcripts()) {
            if (path.getFileName().toString().equals("README.md")) {
                continue;
            }
            Transcript tr = Transcript.parse(path);
            CannedTransport t = CannedTransport.always(tr.exitCode, tr.stdout, tr.stderr);
            try (OrchestratorClient c = OrchestratorClient.builder().transport(t).build()) {
                List<TransportOption> options = tr.options.stream()
                        .map(o -> o.value == null ? TransportOption.flag(o.name) : TransportOption.of(o.name, o.value))
                        .collect(java.util.stream.Collectors.toList());
                if (tr.stdout.isBlank()) {
                    assertThatThrownBy(() -> c.raw().execute(tr.command, options))
                            .isInstanceOf(NoEnvelopeException.class).isInstanceOf(ClientSideException.class);
                    continue;
                }
                RawEnvelope e = c.raw().execute(tr.command, options);
                var env = TranscriptDecodingTest.lastJsonLine(tr.stdout);
                assertThat(e.success()).as(tr.file).isEqualTo(env.get("success").asBoolean());
                assertThat(Results.json(e.dataJson())).as(tr.file).isEqualTo(env.get("data"));
                assertThat(e.exitCode()).isEqualTo(tr.exitCode);
                assertThat(e.stderr()).isEqualTo(tr.stderr);
                assertThat(t.last().options()).isEqualTo(options);
                n++;
            }
        }
        assertThat(n).isGreaterThan(80);
    }

    @Test
    void nestedNullsSurviveInData() {
        CannedTransport t = CannedTransport.succeeding("1.3.0", "{\"a\": [null, {\"b\": null}], \"c\": 1.5}");
        try (OrchestratorClient c = OrchestratorClient.builder().transport(t).build()) {
            Map<String, Object> data = c.raw().execute("mission-state").data();
            assertThat((List<?>) data.get("a")).hasSize(2).first().isNull();
            assertThat(data).containsEntry("c", 1.5);
        }
    }
}
