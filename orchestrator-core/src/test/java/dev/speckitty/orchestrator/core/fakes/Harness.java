package dev.speckitty.orchestrator.core.fakes;

import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.EventType;
import dev.speckitty.orchestrator.core.OrchestrationEngine;
import dev.speckitty.orchestrator.core.OrchestrationEvent;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.state.RunStateStore;
import dev.speckitty.orchestrator.core.state.RunStateStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Wires the engine to the fakes. */
public final class Harness {
    public final Path root;
    public final FakeHost host;
    public final FakeGit git = new FakeGit();
    public final FakeAgents agents;
    public final List<OrchestrationEvent> events = new CopyOnWriteArrayList<>();
    public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    public final RunStateStore store = RunStateStores.inMemory();
    public OrchestrationEngine engine;

    public Harness(Path root) {
        this.root = root;
        this.host = new FakeHost(root);
        this.agents = new FakeAgents(git, host);
    }

    /** A diamond: WP01 → WP02, WP03 → WP04. */
    public Harness diamond() {
        host.add("WP01", List.of(), "");
        host.add("WP02", List.of("WP01"), "");
        host.add("WP03", List.of("WP01"), "");
        host.add("WP04", List.of("WP02", "WP03"), "");
        return this;
    }

    public EngineOptions.Builder options() {
        EngineOptions.Builder b = EngineOptions.builder().projectRoot(root)
                .implementationAgents(List.of("impl-a", "impl-b")).reviewAgents(List.of("rev-a", "rev-b"))
                .initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(8));
        return b;
    }

    public RunReport run(EngineOptions options) {
        return run(options, RunRequest.of(FakeHost.MISSION), b -> {});
    }

    public RunReport run(EngineOptions options, RunRequest request, Consumer<OrchestrationEngine.Builder> extra) {
        OrchestrationEngine.Builder b = OrchestrationEngine.builder()
                .client(host).options(options).launcher(agents)
                .adapters(List.of(FakeAgents.adapter("impl-a"), FakeAgents.adapter("impl-b"),
                        FakeAgents.adapter("rev-a"), FakeAgents.adapter("rev-b")))
                .git(git).runStateStore(store)
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                .sleeper(sleeps::add)
                .addListener(events::add);
        extra.accept(b);
        engine = b.build();
        return engine.run(request);
    }

    public List<OrchestrationEvent> events(EventType type) {
        return events.stream().filter(e -> e.type() == type).collect(Collectors.toList());
    }
}
