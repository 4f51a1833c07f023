package dev.speckitty.orchestrator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.spi.OrchestratorTransport;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import dev.speckitty.orchestrator.client.support.CannedTransport;
import dev.speckitty.orchestrator.client.support.FakeHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Builder settings reach every request; versions compare numerically. */
class ClientBuilderTest {

    @Test
    void timeoutsAndProjectRootReachEveryRequest() {
        CannedTransport t = new CannedTransport(new FakeHost("1.3.0", false, false));
        try (OrchestratorClient c = OrchestratorClient.builder().transport(t).projectRoot(Path.of("/srv/./shop/"))
                .callTimeout(Duration.ofSeconds(7)).mergeTimeout(Duration.ofMinutes(3)).build()) {
            c.missionState("m");
            c.mergeMission(MergeMissionRequest.builder().mission("m").build());
            c.raw().execute("list-ready");
            c.raw().execute("merge-feature");
        }
        assertThat(t.requests()).extracting(TransportRequest::timeout).containsExactly(Duration.ofSeconds(7),
                Duration.ofSeconds(7), Duration.ofMinutes(3), Duration.ofSeconds(7), Duration.ofMinutes(3));
        assertThat(t.requests()).extracting(r -> r.projectRoot().orElseThrow()).containsOnly(Path.of("/srv/shop"));
    }

    @Test
    void defaultsAreDocumented() {
        CannedTransport t = new CannedTransport(new FakeHost("1.3.0", false, false));
        try (OrchestratorClient c = OrchestratorClient.builder().transport(t).build()) {
            c.missionState("m");
            c.mergeMission(MergeMissionRequest.builder().mission("m").build());
        }
        assertThat(t.requests().get(0).option("provider-version")).contains(OrchestratorClientBuilder.CLIENT_VERSION);
        assertThat(t.requests().get(1).timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(t.requests().get(2).timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(t.requests().get(1).projectRoot()).contains(Path.of("").toAbsolutePath());
    }

    @Test
    void closeClosesTheTransport() {
        AtomicBoolean closed = new AtomicBoolean();
        OrchestratorTransport t = new OrchestratorTransport() {
            @Override
            public TransportResponse execute(TransportRequest request) {
                throw new AssertionError("not called");
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        OrchestratorClient.builder().transport(t).build().close();
        assertThat(closed).isTrue();
    }

    @Test
    void invalidSettingsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> OrchestratorClient.builder().callTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callTimeout");
        assertThatThrownBy(() -> OrchestratorClient.builder().mergeTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mergeTimeout");
        assertThatThrownBy(() -> OrchestratorClient.builder().transport(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("transport");
        assertThatThrownBy(() -> OrchestratorClient.builder().assumeContractVersion("latest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latest");
    }

    @Test
    void contractVersionsCompareNumerically() {
        assertThat(ContractVersions.compare("1.10.0", "1.9.0")).isPositive();
        assertThat(ContractVersions.compare("1.3", "1.3.0")).isZero();
        assertThat(ContractVersions.compare("v1.2.0", "1.3.0")).isNegative();
        assertThat(ContractVersions.compare("1.3.0rc1", "1.3.0")).isZero();
        assertThat(ContractVersions.parse(" 2.0.7 ")).containsExactly(2, 0, 7);
        assertThat(ContractVersions.LATEST).isEqualTo(ContractVersions.V1_3_0);
        assertThatThrownBy(() -> ContractVersions.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContractVersions.parse("1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'1'");
    }
}
