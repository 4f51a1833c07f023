package dev.speckitty.orchestrator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.error.UnsupportedByHostException;
import dev.speckitty.orchestrator.client.model.AcceptMissionRequest;
import dev.speckitty.orchestrator.client.model.DoneEvidence;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.model.MissionStateResult;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceRequest;
import dev.speckitty.orchestrator.client.model.ReviewResult;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.spi.TransportOption;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import dev.speckitty.orchestrator.client.support.Calls;
import dev.speckitty.orchestrator.client.support.CannedTransport;
import dev.speckitty.orchestrator.client.support.Envelopes;
import dev.speckitty.orchestrator.client.support.FakeHost;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Handshake, version gates and vocabulary detection against scripted hosts. */
class NegotiationTest {
    private static final String M = "034-my-feature";

    private static OrchestratorClient client(CannedTransport t) {
        return OrchestratorClient.builder().transport(t).providerVersion("0.4.2").build();
    }

    private static List<String> argvTail(TransportRequest r) {
        return r.options().stream().map(o -> o.value().map(v -> "--" + o.name() + "=" + v).orElse("--" + o.name()))
                .collect(Collectors.toList());
    }

    @Test
    void handshakeOnceWithProviderVersionThenCommands() {
        CannedTransport t = new CannedTransport(new FakeHost("1.3.0", false, false));
        try (OrchestratorClient c = client(t)) {
            c.missionState(M);
            c.listReady(M);
            assertThat(c.hostInfo().contractVersion()).isEqualTo("1.3.0");
            assertThat(c.hostInfo().minSupportedProviderVersion()).isEqualTo("0.1.0");
            assertThat(c.hostInfo().vocabulary()).isEqualTo(Vocabulary.MISSION);
            assertThat(c.hostInfo().isAtLeast("1.2.0")).isTrue();
        }
        assertThat(t.commands()).containsExactly("contract-version", "mission-state", "list-ready");
        assertThat(argvTail(t.requests().get(0))).containsExactly("--provider-version=0.4.2");
    }

    @Test
    void concurrentFirstCallsNegotiateExactlyOnce() throws Exception {
        CountDownLatch handshakeStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeHost host = new FakeHost("1.3.0", false, false);
        CannedTransport t = new CannedTransport(r -> {
            if (r.command().equals("contract-version")) {
                handshakeStarted.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return host.apply(r);
        });
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (OrchestratorClient c = client(t)) {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<MissionStateResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    return c.missionState(M);
                }));
            }
            assertThat(handshakeStarted.await(5, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<MissionStateResult> f : results) {
                assertThat(f.get(5, TimeUnit.SECONDS).identity().missionSlug()).isEqualTo(M);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(t.commands().stream().filter("contract-version"::equals).count()).isEqualTo(1);
        assertThat(t.commands().stream().filter("mission-state"::equals).count()).isEqualTo(threads);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.0.0", "3.1.4", "0.9.0", "banana", ""})
    void hostsOutsideContract1AreRefusedBeforeAnyCommand(String version) {
        CannedTransport t = new CannedTransport(r -> TransportResponse.of(0, Envelopes.success(version,
                "contract-version", "{\"api_version\": \"" + version + "\", \"min_supported_provider_version\": "
                        + "\"0.1.0\"}"), ""));
        try (OrchestratorClient c = client(t)) {
            assertThatThrownBy(() -> c.missionState(M)).isInstanceOf(UnsupportedByHostException.class)
                    .hasMessageContaining(">= 1.0.0 and < 2.0.0")
                    .hasMessageContaining(version)
                    .satisfies(e -> assertThat(((UnsupportedByHostException) e).feature()).isEqualTo("orchestrator-api"));
            assertThatThrownBy(c::hostInfo).isInstanceOf(UnsupportedByHostException.class);
        }
        assertThat(t.commands()).containsOnly("contract-version");
    }

    @Test
    void refusalMessagesSayWhatToDo() {
        CannedTransport tooNew = new CannedTransport(r -> TransportResponse.of(0, Envelopes.contractVersion("2.0.0"), ""));
        try (OrchestratorClient c = client(tooNew)) {
            assertThatThrownBy(c::hostInfo).hasMessageContaining("upgrade orchestrator-api-client");
        }
        CannedTransport garbage = new CannedTransport(r -> TransportResponse.of(0, Envelopes.contractVersion("x.y"), ""));
        try (OrchestratorClient c = client(garbage)) {
            assertThatThrownBy(c::hostInfo).hasMessageContaining("check that the configured executable");
        }
    }

    @Test
    void resolveWorkspaceIsRefusedOn110WithoutAnyTransportCall() {
        CannedTransport t = new CannedTransport(new FakeHost("1.1.0", false, false));
        try (OrchestratorClient c = OrchestratorClient.builder().transport(t).assumeContractVersion("1.1.0").build()) {
            assertThatThrownBy(() -> c.resolveWorkspace(ResolveWorkspaceRequest.of(M, "WP01")))
                    .isInstanceOf(UnsupportedByHostException.class)
                    .hasMessageContaining("resolve-workspace").hasMessageContaining(">= 1.2.0")
                    .hasMessageContaining("1.1.0").hasMessageContaining("upgrade spec-kitty-cli")
                    .satisfies(e -> {
                        UnsupportedByHostException u = (UnsupportedByHostException) e;
                        assertThat(u.hostContractVersion()).isEqualTo("1.1.0");
                        assertThat(u.requiredContractVersion()).isEqualTo(">= 1.2.0");
                    });
        }
        assertThat(t.requests()).isEmpty();
        // negotiated: only the handshake reaches the host
        CannedTransport negotiated = new CannedTransport(new FakeHost("1.1.0", false, false));
        try (OrchestratorClient c = client(negotiated)) {
            assertThatThrownBy(() -> c.resolveWorkspace(ResolveWorkspaceRequest.of(M, "WP01")))
                    .isInstanceOf(UnsupportedByHostException.class);
        }
        assertThat(negotiated.commands()).containsExactly("contract-version");
    }

    @Test
    void resolveWorkspaceWorksOn120() {
        CannedTransport t = new CannedTransport(new FakeHost("1.2.0", false, false));
        try (OrchestratorClient c = client(t)) {
            assertThat(c.resolveWorkspace(ResolveWorkspaceRequest.of(M, "WP01")).workspacePath()).isEqualTo("/w");
        }
        assertThat(t.commands()).containsExactly("contract-version", "resolve-workspace");
    }

    @Test
    void reviewResultIsRefusedOn120ButPlainTransitionsPass() {
        CannedTransport t = new CannedTransport(new FakeHost("1.2.0", false, false));
        ReviewResult rr = ReviewResult.builder().reviewer("r").verdict(ReviewVerdict.APPROVED).reference("x").build();
        try (OrchestratorClient c = client(t)) {
            assertThatThrownBy(() -> c.transition(TransitionRequest.builder().mission(M).wp("WP01").to(Lane.DONE)
                    .actor("a").reviewResult(rr).build()))
                    .isInstanceOf(UnsupportedByHostException.class)
                    .hasMessageContaining("--review-result-json").hasMessageContaining(">= 1.3.0");
            assertThat(t.commands()).containsExactly("contract-version");
            c.transition(TransitionRequest.builder().mission(M).wp("WP01").to(Lane.DONE).actor("a").note("n")
                    .force(true).build());
        }
        assertThat(t.commands()).containsExactly("contract-version", "transition");
    }

    @Test
    void featureEraHostIsDetectedFromUsageErrorEnvelopeAndSpokenToInItsVocabulary() {
        CannedTransport t = new CannedTransport(new FakeHost("1.0.0", true, false));
        try (OrchestratorClient c = client(t)) {
            MissionStateResult state = c.missionState(M);
            assertThat(state.identity().missionSlug()).isEqualTo(M);
            assertThat(c.hostInfo().vocabulary()).isEqualTo(Vocabulary.FEATURE);
            c.listReady(M);
            c.acceptMission(AcceptMissionRequest.of(M, "lead"));
            assertThat(c.mergeMission(MergeMissionRequest.builder().mission(M).target("main").build()).mergedWps())
                    .containsExactly("WP01");
            c.missionState(M);
            Calls.invoke(c, "start-implementation");
        }
        assertThat(t.commands()).containsExactly("contract-version", "mission-state", "feature-state", "list-ready",
                "accept-feature", "merge-feature", "feature-state", "start-implementation");
        assertThat(t.requests().subList(2, t.requests().size()))
                .allSatisfy(r -> assertThat(r.options()).extracting(TransportOption::name).doesNotContain("mission"))
                .allSatisfy(r -> assertThat(r.option("feature")).isPresent());
        assertThat(argvTail(t.requests().get(5))).containsExactly("--feature=" + M, "--target=main");
    }

    @Test
    void exit2WithEmptyStdoutAlsoMeansFeatureEra() {
        CannedTransport t = new CannedTransport(new FakeHost("1.0.0", true, true));
        try (OrchestratorClient c = client(t)) {
            c.listReady(M);
            c.missionState(M);
            assertThat(c.hostInfo().vocabulary()).isEqualTo(Vocabulary.FEATURE);
        }
        assertThat(t.commands()).containsExactly("contract-version", "list-ready", "list-ready", "feature-state");
        assertThat(t.requests().get(1).option("mission")).contains(M);
        assertThat(t.requests().get(2).option("feature")).contains(M);
    }

    @Test
    void missionEra100HostStaysOnMissionVocabulary() {
        CannedTransport t = new CannedTransport(new FakeHost("1.0.0", false, false));
        try (OrchestratorClient c = client(t)) {
            assertThat(c.hostInfo().vocabulary()).isEqualTo(Vocabulary.AUTO);
            c.missionState(M);
            assertThat(c.hostInfo().vocabulary()).isEqualTo(Vocabulary.MISSION);
            c.acceptMission(AcceptMissionRequest.of(M, "lead"));
        }
        assertThat(t.commands()).containsExactly("contract-version", "mission-state", "accept-mission");
    }

    @Test
    void concurrentFirstCallsOnAFeatureEraHostProbeOnce() throws Exception {
        CannedTransport t = new CannedTransport(new FakeHost("1.0.0", true, false));
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (OrchestratorClient c = client(t)) {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<MissionStateResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    return c.missionState(M);
                }));
            }
            for (Future<MissionStateResult> f : results) {
                assertThat(f.get(5, TimeUnit.SECONDS).identity().missionSlug()).isEqualTo(M);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(t.commands().stream().filter("mission-state"::equals).count()).isEqualTo(1);
        assertThat(t.commands().stream().filter("feature-state"::equals).count()).isEqualTo(threads);
    }

    @Test
    void evidenceOptionsAreRefusedOnFeatureEraHosts() {
        CannedTransport t = new CannedTransport(new FakeHost("1.0.0", true, false));
        try (OrchestratorClient c = OrchestratorClient.builder().transport(t).vocabulary(Vocabulary.FEATURE)
                .assumeContractVersion("1.0.0").build()) {
            TransitionRequest.Builder base = TransitionRequest.builder().mission(M).wp("WP01").to(Lane.FOR_REVIEW)
                    .actor("a").policy(Calls.POLICY);
            assertThatThrownBy(() -> c.transition(base.subtasksComplete(true).build()))
                    .isInstanceOf(UnsupportedByHostException.class).hasMessageContaining("--subtasks-complete")
                    .hasMessageContaining("feature-era");
            assertThatThrownBy(() -> c.transition(TransitionRequest.builder().mission(M).wp("WP01").to(Lane.DONE)
                    .actor("a").evidence(DoneEvidence.ofReview("r", ReviewVerdict.APPROVED, "x")).build()))
                    .isInstanceOf(UnsupportedByHostException.class).hasMessageContaining("--evidence-json");
            assertThatThrownBy(() -> c.transition(TransitionRequest.builder().mission(M).wp("WP01")
                    .to(Lane.FOR_REVIEW).actor("a").policy(Calls.POLICY).implementationEvidencePresent(true).build()))
                    .isInstanceOf(UnsupportedByHostException.class);
            assertThat(t.requests()).isEmpty();
            c.transition(TransitionRequest.builder().mission(M).wp("WP01").to(Lane.FOR_REVIEW).actor("a")
                    .policy(Calls.POLICY).build());
        }
        assertThat(t.commands()).containsExactly("transition");
        assertThat(t.last().option("feature")).contains(M);
    }

    @Test
    void evidenceOnAnAutoDetectedFeatureEraHostIsRefusedAfterTheProbe() {
        CannedTransport t = new CannedTransport(new FakeHost("1.0.0", true, false));
        try (OrchestratorClient c = client(t)) {
            assertThatThrownBy(() -> c.transition(TransitionRequest.builder().mission(M).wp("WP01").to(Lane.DONE)
                    .actor("a").evidence(DoneEvidence.ofReview("r", ReviewVerdict.APPROVED, "x")).build()))
                    .isInstanceOf(UnsupportedByHostException.class);
            assertThat(c.hostInfo().vocabulary()).isEqualTo(Vocabulary.FEATURE);
        }
        assertThat(t.commands()).containsExactly("contract-version", "transition");
    }

    @Test
    void otherUsageErrorsDoNotSwitchTheVocabulary() {
        CannedTransport t = new CannedTransport(r -> r.command().equals("contract-version")
                ? TransportResponse.of(0, Envelopes.contractVersion("1.0.0"), "")
                : TransportResponse.of(1, Envelopes.failure("1.0.0", "transition", "USAGE_ERROR",
                        "{\"message\": \"Invalid JSON in --evidence-json: Expecting value\"}"), ""));
        try (OrchestratorClient c = client(t)) {
            assertThatThrownBy(() -> Calls.invoke(c, "transition"))
                    .isInstanceOf(dev.speckitty.orchestrator.client.error.UsageErrorException.class);
            assertThat(c.hostInfo().vocabulary()).isEqualTo(Vocabulary.MISSION);
        }
        assertThat(t.commands()).containsExactly("contract-version", "transition");
    }

    @Test
    void assumeContractVersionSkipsTheHandshake() {
        CannedTransport t = new CannedTransport(new FakeHost("1.3.0", false, false));
        try (OrchestratorClient c = OrchestratorClient.builder().transport(t).assumeContractVersion("1.3.0").build()) {
            assertThat(c.hostInfo().contractVersion()).isEqualTo("1.3.0");
            assertThat(c.hostInfo().vocabulary()).isEqualTo(Vocabulary.MISSION);
            c.missionState(M);
        }
        assertThat(t.commands()).containsExactly("mission-state");
        assertThatThrownBy(() -> OrchestratorClient.builder().assumeContractVersion("one"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handshakeFailureIsNotCached() {
        int[] calls = {0};
        CannedTransport t = new CannedTransport(r -> ++calls[0] == 1
                ? TransportResponse.of(1, "", "Traceback\nOSError: boom\n")
                : new FakeHost("1.3.0", false, false).apply(r));
        try (OrchestratorClient c = client(t)) {
            assertThatThrownBy(() -> c.missionState(M))
                    .isInstanceOf(dev.speckitty.orchestrator.client.error.NoEnvelopeException.class)
                    .hasMessageContaining("OSError: boom");
            c.missionState(M);
        }
        assertThat(t.commands()).containsExactly("contract-version", "contract-version", "mission-state");
    }

    @Test
    void click7LowerCaseUsageMessagesAlsoMeanFeatureEra() {
        FakeHost featureHost = new FakeHost("1.0.0", true, false);
        CannedTransport t = new CannedTransport(r -> r.option("mission").isPresent()
                ? TransportResponse.of(2, Envelopes.envelope("1.0.0", "orchestrator-api.unknown", false, "USAGE_ERROR",
                        "{\"message\": \"no such option: --mission\"}"), "")
                : featureHost.apply(r));
        try (OrchestratorClient c = client(t)) {
            c.listReady(M);
            assertThat(c.hostInfo().vocabulary()).isEqualTo(Vocabulary.FEATURE);
        }
        assertThat(t.commands()).containsExactly("contract-version", "list-ready", "list-ready");
    }
}
