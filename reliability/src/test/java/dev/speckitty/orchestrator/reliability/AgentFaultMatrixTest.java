package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.reliability.Harness.End;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.ScriptedRole;
import dev.speckitty.orchestrator.testkit.agent.SimulatedFailure;
import dev.speckitty.orchestrator.testkit.agent.VerdictDelivery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agent faults on WP01 of a 3-WP fan-out mission. A fault either hits only the first run (the engine must recover:
 * retry or fall back) or every run of the only agent (the engine must block WP01 with the reason, and stop there).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgentFaultMatrixTest {
    private static final String MISSING = "/nonexistent/bin/no-such-agent";

    /**
     * One row. {@code firstRunOnly}: the fault hits WP01's first run of {@code role} only; otherwise every run.
     * {@code fallback}: a second, healthy agent of that role is configured (listed after the faulty one).
     */
    record Cell(String name, ScriptedRole role, AgentBehavior fault, boolean firstRunOnly, boolean fallback,
            boolean missingBinary, End expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Cell> cells() {
        AgentBehavior crash = AgentBehavior.builder().exitCode(3).stderrText("Segmentation fault").build();
        AgentBehavior hang = AgentBehavior.builder().hang(true).build();
        AgentBehavior auth = AgentBehavior.builder().failure(SimulatedFailure.AUTH).build();
        AgentBehavior rate = AgentBehavior.builder().failure(SimulatedFailure.RATE_LIMIT).build();
        AgentBehavior noOutput = AgentBehavior.builder().commit(false).files(Map.of()).markSubtasks(false)
                .stdoutLines(0).stderrLines(0).build();
        AgentBehavior empty = AgentBehavior.builder().commit(false).files(Map.of()).build();
        AgentBehavior flood = AgentBehavior.builder().stdoutBytes(6_000_000L).stderrBytes(2_000_000L).build();
        AgentBehavior notUtf8 = AgentBehavior.builder().nonUtf8Output(true).build();
        AgentBehavior noVerdict = AgentBehavior.builder().verdictDelivery(VerdictDelivery.NONE)
                .stdoutText("Looks fine to me, I think.").build();
        // a reviewer that crashes before it could deliver a verdict (one that crashes after writing its verdict
        // file is taken at its word: the verdict is what counts)
        AgentBehavior reviewerCrash = AgentBehavior.builder().from(crash).verdictDelivery(VerdictDelivery.NONE)
                .build();
        ScriptedRole impl = ScriptedRole.IMPLEMENTER;
        List<Cell> c = new ArrayList<>();
        c.add(new Cell("implementer crash once -> retried", impl, crash, true, false, false, End.DONE));
        c.add(new Cell("implementer crash always, one agent -> blocked", impl, crash, false, false, false,
                End.BLOCKED));
        c.add(new Cell("implementer hang past the timeout once -> killed, retried", impl, hang, true, false, false,
                End.DONE));
        c.add(new Cell("implementer auth failure, fallback agent -> done", impl, auth, false, true, false,
                End.DONE));
        c.add(new Cell("implementer auth failure, one agent -> blocked", impl, auth, false, false, false,
                End.BLOCKED));
        c.add(new Cell("implementer rate limit once -> retried", impl, rate, true, false, false, End.DONE));
        c.add(new Cell("implementer no output once -> retried", impl, noOutput, true, false, false, End.DONE));
        c.add(new Cell("implementer empty implementation always -> blocked", impl, empty, false, false, false,
                End.BLOCKED));
        c.add(new Cell("implementer output flood (8 MB) -> done", impl, flood, true, false, false, End.DONE));
        c.add(new Cell("implementer non-UTF-8 output -> done", impl, notUtf8, true, false, false, End.DONE));
        c.add(new Cell("implementer binary missing, fallback agent -> done", impl, AgentBehavior.defaults(), false,
                true, true, End.DONE));
        c.add(new Cell("implementer binary missing, one agent -> blocked", impl, AgentBehavior.defaults(), false,
                false, true, End.BLOCKED));
        c.add(new Cell("reviewer without verdict, fallback reviewer -> done", ScriptedRole.REVIEWER, noVerdict,
                false, true, false, End.DONE));
        c.add(new Cell("reviewer without verdict, one reviewer -> blocked", ScriptedRole.REVIEWER, noVerdict,
                false, false, false, End.BLOCKED));
        c.add(new Cell("reviewer crash always, one reviewer -> blocked", ScriptedRole.REVIEWER, reviewerCrash, false,
                false, false, End.BLOCKED));
        return c.stream();
    }

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void agentFaultsEndDoneOrBlockedWithAReason(Cell cell) {
        try (Harness h = new Harness(work, Harness.fanOut3()).inProcessHost(Duration.ofSeconds(10), List.of())) {
            AgentScenario plain = AgentScenario.builder().build();
            AgentScenario faulty = AgentScenario.builder()
                    .when("WP01", cell.role(), cell.firstRunOnly() ? 1 : null, cell.fault()).build();
            List<AgentAdapter> adapters = new ArrayList<>();
            List<String> impls = new ArrayList<>();
            List<String> revs = new ArrayList<>();
            boolean implFault = cell.role() == ScriptedRole.IMPLEMENTER;
            adapters.add(cell.missingBinary()
                    ? h.agent("bad", faulty, MISSING, Map.of())
                    : h.agent("bad", faulty));
            (implFault ? impls : revs).add("bad");
            if (cell.fallback()) {
                adapters.add(h.agent("good", plain));
                (implFault ? impls : revs).add("good");
            }
            adapters.add(h.agent("other", plain));
            (implFault ? revs : impls).add("other");
            EngineOptions.Builder opts = h.options(impls, revs);
            if (cell.fault().hang().orElse(false)) {
                opts.implementationTimeout(Duration.ofSeconds(8));
            }
            RunReport report = h.run(opts.build(), adapters);

            Map<String, End> ends = h.checkInvariants(report);
            Matrix.record("agent", cell.name(), ends, report);
            assertThat(ends.get("WP01")).as("WP01 in %s (%s: %s)", cell.name(), report.status(),
                    report.failureReason().orElse("")).isEqualTo(cell.expected());
            if (cell.expected() == End.DONE) {
                assertThat(ends.values()).containsOnly(End.DONE);
                assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
            } else {
                assertThat(ends.get("WP02")).isEqualTo(End.LEFT);
                assertThat(report.workPackage("WP01").orElseThrow().lastError()).get().asString().isNotBlank();
            }
        }
    }
}
