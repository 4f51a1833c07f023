package dev.speckitty.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.core.fakes.FakeAgents;
import dev.speckitty.orchestrator.core.fakes.FakeHost;
import dev.speckitty.orchestrator.core.fakes.Harness;
import dev.speckitty.orchestrator.core.state.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineReconcileTest {
    @TempDir
    Path root;

    @Test
    void theSlowReconcileNoticesChangesMadeByOthersWhileAgentsRun() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        FakeHost.Wp wp2 = h.host.add("WP02", List.of(), "");
        CountDownLatch reconciled = new CountDownLatch(1);
        h.agents.script("impl-a", "implementer", run -> {
            synchronized (h.host) {
                wp2.lane = Lane.CANCELED; // someone cancels WP02 while WP01 is being implemented
            }
            if (!reconciled.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no reconcile happened");
            }
            return h.agents.implement().run(run);
        });
        RunReport report = h.run(h.options().maxConcurrent(1).reconcileInterval(Duration.ofMillis(1)).build(),
                RunRequest.of(FakeHost.MISSION), b -> b.addListener(e -> {
                    if (e.type() == EventType.RECONCILED && e.message().contains("WP02:planned->canceled")) {
                        reconciled.countDown();
                    }
                }));

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(report.workPackage("WP02").orElseThrow().outcome()).isEqualTo(WorkPackageOutcome.CANCELED);
        assertThat(h.host.callsFor("WP02")).isEmpty();
        assertThat(h.events(EventType.RECONCILED)).anySatisfy(e ->
                assertThat(e.message()).contains("WP02:planned->canceled"));
        assertThat(FakeAgents.class).isNotNull();
    }
}
