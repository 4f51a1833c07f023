package dev.speckitty.orchestrator.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.speckitty.orchestrator.core.fakes.FakeHost;
import dev.speckitty.orchestrator.core.fakes.Harness;
import dev.speckitty.orchestrator.core.state.RunStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private WireMockServer server;
    private WebhookListener listener;

    @TempDir
    Path root;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(8));
        server.start();
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close(Duration.ZERO);
        }
        server.stop();
    }

    private URI hook() {
        return URI.create(server.baseUrl() + "/hook");
    }

    private WebhookListener.Builder fast() {
        return WebhookListener.builder().uri(hook()).initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5));
    }

    private static OrchestrationEvent event(String message) {
        return OrchestrationEvent.builder().type(EventType.WARNING).timestamp(Instant.parse("2026-01-01T00:00:00Z"))
                .runId("run-1").mission("demo").wpId("WP01").message(message).build();
    }

    @Test
    void postsEachEventAsItsJsonLine() {
        server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        listener = fast().header("Authorization", "Bearer t0k").build();
        OrchestrationEvent e1 = event("first");
        OrchestrationEvent e2 = event("second");
        listener.onEvent(e1);
        listener.onEvent(e2);
        assertThat(listener.close(WAIT)).isTrue();

        assertThat(listener.delivered()).isEqualTo(2);
        server.verify(2, postRequestedFor(urlEqualTo("/hook"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Authorization", equalTo("Bearer t0k")));
        server.verify(postRequestedFor(urlEqualTo("/hook")).withRequestBody(equalToJson(e1.toJsonLine())));
        assertThat(server.getAllServeEvents()).extracting(s -> s.getRequest().getBodyAsString())
                .containsExactlyInAnyOrder(e1.toJsonLine(), e2.toJsonLine());
    }

    @Test
    void retriesAfter503AndThen429UntilSuccess() {
        server.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("busy"));
        server.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs("busy")
                .willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        server.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        listener = fast().maxAttempts(5).build();
        listener.onEvent(event("x"));
        await().atMost(WAIT).until(() -> listener.delivered() == 1);
        server.verify(3, postRequestedFor(urlEqualTo("/hook")));
        assertThat(listener.failed()).isZero();
    }

    @Test
    void givesUpAfterMaxAttemptsOnPersistent5xx() {
        server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(500)));
        listener = fast().maxAttempts(3).build();
        listener.onEvent(event("x"));
        await().atMost(WAIT).until(() -> listener.failed() == 1);
        server.verify(3, postRequestedFor(urlEqualTo("/hook")));
        assertThat(listener.delivered()).isZero();
    }

    @Test
    void doesNotRetryA400AndGoesOnWithTheNextEvent() {
        server.stubFor(post(urlEqualTo("/hook")).withRequestBody(equalToJson(event("bad").toJsonLine()))
                .willReturn(aResponse().withStatus(400)));
        server.stubFor(post(urlEqualTo("/hook")).withRequestBody(equalToJson(event("good").toJsonLine()))
                .willReturn(aResponse().withStatus(200)));
        listener = fast().maxAttempts(5).build();
        listener.onEvent(event("bad"));
        listener.onEvent(event("good"));
        await().atMost(WAIT).until(() -> listener.delivered() == 1);
        assertThat(listener.failed()).isEqualTo(1);
        server.verify(1, postRequestedFor(urlEqualTo("/hook")).withRequestBody(equalToJson(event("bad").toJsonLine())));
    }

    @Test
    void aRequestThatTimesOutIsRetriedThenGivenUp() {
        server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        listener = fast().requestTimeout(Duration.ofMillis(200)).maxAttempts(2).build();
        listener.onEvent(event("slow"));
        await().atMost(WAIT).until(() -> listener.failed() == 1);
        assertThat(listener.delivered()).isZero();
        await().atMost(WAIT).untilAsserted(() -> server.verify(2, postRequestedFor(urlEqualTo("/hook"))));
    }

    @Test
    void connectionErrorsAreRetriedAndCountedAsFailed() {
        URI closedPort = hook();
        server.stop();
        listener = WebhookListener.builder().uri(closedPort).initialBackoff(Duration.ZERO).maxAttempts(2).build();
        listener.onEvent(event("x"));
        await().atMost(WAIT).until(() -> listener.failed() == 1);
        assertThat(listener.delivered()).isZero();
    }

    @Test
    void aFullQueueDropsEventsWithoutBlockingTheEngine() {
        // the receiver hangs, so the sender is stuck on the first event and the queue fills
        server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200).withFixedDelay(30_000)));
        listener = fast().requestTimeout(Duration.ofSeconds(40)).queueCapacity(2).build();
        Harness h = new Harness(root).diamond();
        RunReport report = h.run(h.options().build(), RunRequest.of(FakeHost.MISSION), b -> b.addListener(listener));

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        int events = h.events.size();
        assertThat(events).isGreaterThan(10);
        // at most one in flight plus the queue's two were accepted; every other event was dropped, none lost silently
        assertThat(listener.dropped()).isGreaterThanOrEqualTo(events - 3L);
        assertThat(listener.close(Duration.ZERO)).isFalse();
        assertThat(listener.delivered()).isZero();
    }

    @Test
    void afterCloseEventsAreDroppedAndCloseIsIdempotent() {
        server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
        listener = OrchestrationListener.webhook(hook());
        assertThat(listener.close(WAIT)).isTrue();
        listener.onEvent(event("late"));
        assertThat(listener.dropped()).isEqualTo(1);
        assertThat(listener.close(WAIT)).isTrue();
        server.verify(0, postRequestedFor(urlEqualTo("/hook")));
    }

    @Test
    void builderRejectsBadSettings() {
        assertThatThrownBy(() -> WebhookListener.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("uri");
        assertThatThrownBy(() -> WebhookListener.builder().uri(URI.create("file:///tmp/x")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> WebhookListener.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookListener.builder().queueCapacity(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookListener.builder().requestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
