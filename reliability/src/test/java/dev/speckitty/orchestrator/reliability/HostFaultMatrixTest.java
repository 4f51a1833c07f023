package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.reliability.Harness.End;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.ScriptedRole;
import dev.speckitty.orchestrator.testkit.host.Fault;
import dev.speckitty.orchestrator.testkit.host.FaultKind;
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
 * Host faults × commands on a 3-WP fan-out mission (WP01, then WP02 and WP03), in-process simulated host, scripted
 * agents as real processes. Each fault hits the given call numbers of one command; with this mission shape call 1 of
 * start-implementation, start-review and transition (for_review), and call 2 of transition (done) all belong to WP01,
 * so every cell is deterministic. The table states the engine's expected decision for WP01; the other WPs must be
 * done when WP01 is done, otherwise left waiting with a reason.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostFaultMatrixTest {
    private static final Duration FAST = Duration.ofSeconds(10);
    private static final Duration HANG_TIMEOUT = Duration.ofSeconds(1);

    /** One row: which fault, the client call timeout, and WP01's expected end. */
    record Cell(String name, List<Fault> faults, Duration callTimeout, End expected, int implementations) {
        Cell(String name, List<Fault> faults, Duration callTimeout, End expected) {
            this(name, faults, callTimeout, expected, 1);
        }

        @Override
        public String toString() {
            return name + " -> " + expected;
        }
    }

    private static Fault error(String command, String code, int... calls) {
        return Fault.builder().command(command).addCalls(calls).kind(FaultKind.ERROR).errorCode(code)
                .message("simulated " + code).build();
    }

    private static Fault kind(String command, FaultKind kind, int... calls) {
        return Fault.builder().command(command).addCalls(calls).kind(kind).message("simulated " + kind).build();
    }

    private static Cell cell(String name, End expected, Fault... faults) {
        return new Cell(name, List.of(faults), FAST, expected);
    }

    static Stream<Cell> cells() {
        List<Cell> c = new ArrayList<>();
        // start-implementation (claim): transient codes are retried, ownership/validity codes leave the WP untouched
        for (String code : List.of("LANE_ALLOCATION_FAILED", "HISTORY_COMMIT_FAILED", "SAFE_COMMIT_HEAD_MISMATCH")) {
            c.add(cell("start-implementation#1 " + code, End.DONE, error("start-implementation", code, 1)));
        }
        for (String code : List.of("WP_ALREADY_CLAIMED", "POLICY_VALIDATION_FAILED", "WP_NOT_FOUND",
                "TRANSITION_REJECTED")) {
            c.add(cell("start-implementation#1 " + code, End.LEFT, error("start-implementation", code, 1)));
        }
        c.add(cell("start-implementation#1 DEPENDENCIES_NOT_SATISFIED", End.DONE,
                error("start-implementation", "DEPENDENCIES_NOT_SATISFIED", 1)));
        c.add(cell("start-implementation always LANE_ALLOCATION_FAILED", End.LEFT,
                error("start-implementation", "LANE_ALLOCATION_FAILED")));
        c.add(cell("start-implementation#1 crash, no envelope", End.DONE,
                kind("start-implementation", FaultKind.CRASH, 1)));
        c.add(cell("start-implementation#1 garbage stdout", End.DONE,
                kind("start-implementation", FaultKind.GARBAGE, 1)));
        c.add(new Cell("start-implementation#1 hang past the call timeout", List.of(
                kind("start-implementation", FaultKind.HANG, 1)), HANG_TIMEOUT, End.DONE));
        c.add(cell("start-implementation#1 schema gate exit 4", End.DONE,
                kind("start-implementation", FaultKind.SCHEMA_GATE, 1)));
        c.add(cell("latency spike 300 ms on every mutation", End.DONE,
                Fault.builder().command("start-implementation").kind(FaultKind.LATENCY).latencyMillis(300).build(),
                Fault.builder().command("transition").kind(FaultKind.LATENCY).latencyMillis(300).build(),
                Fault.builder().command("start-review").kind(FaultKind.LATENCY).latencyMillis(300).build()));
        // start-review
        c.add(cell("start-review#1 HISTORY_COMMIT_FAILED", End.DONE,
                error("start-review", "HISTORY_COMMIT_FAILED", 1)));
        c.add(cell("start-review#1 TRANSITION_REJECTED", End.BLOCKED, error("start-review", "TRANSITION_REJECTED", 1)));
        c.add(cell("start-review#1 WP_ALREADY_CLAIMED", End.LEFT, error("start-review", "WP_ALREADY_CLAIMED", 1)));
        c.add(cell("start-review#1 crash, no envelope", End.DONE, kind("start-review", FaultKind.CRASH, 1)));
        c.add(new Cell("start-review#1 hang past the call timeout", List.of(
                kind("start-review", FaultKind.HANG, 1)), HANG_TIMEOUT, End.DONE));
        // transition: call 1 is WP01 -> for_review, call 2 is WP01 -> done
        c.add(cell("transition#1 HISTORY_COMMIT_FAILED", End.DONE, error("transition", "HISTORY_COMMIT_FAILED", 1)));
        c.add(cell("transition#1 SAFE_COMMIT_GENERIC", End.DONE, error("transition", "SAFE_COMMIT_GENERIC", 1)));
        // a refused hand-off is the agent's fault (e.g. subtasks not marked): the agent runs again with the host's
        // message, one after the other
        c.add(new Cell("transition#1 TRANSITION_REJECTED (for_review gate)", List.of(
                error("transition", "TRANSITION_REJECTED", 1)), FAST, End.DONE, 2));
        // a readiness code is "not yet": the WP stays in_progress with the reason, and a resume picks it up
        c.add(cell("transition#1 WORKFLOW_EVIDENCE_REQUIRED", End.LEFT,
                error("transition", "WORKFLOW_EVIDENCE_REQUIRED", 1)));
        c.add(cell("transition#2 TRANSITION_REJECTED (to done)", End.BLOCKED,
                error("transition", "TRANSITION_REJECTED", 2)));
        c.add(cell("transition#1 crash, no envelope", End.DONE, kind("transition", FaultKind.CRASH, 1)));
        c.add(cell("transition#2 garbage stdout", End.DONE, kind("transition", FaultKind.GARBAGE, 2)));
        c.add(new Cell("transition#1 hang past the call timeout", List.of(
                kind("transition", FaultKind.HANG, 1)), HANG_TIMEOUT, End.DONE));
        // run-level reads
        c.add(cell("list-ready#1 garbage stdout", End.DONE, kind("list-ready", FaultKind.GARBAGE, 1)));
        return c.stream();
    }

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void everyWorkPackageEndsDoneOrWithAReason(Cell cell) {
        try (Harness h = new Harness(work, Harness.fanOut3()).inProcessHost(cell.callTimeout(), cell.faults())) {
            AgentScenario plain = AgentScenario.builder().build();
            RunReport report = h.run(h.options(List.of("impl"), List.of("rev")).build(),
                    List.of(h.agent("impl", plain), h.agent("rev", plain)));

            Map<String, End> ends = h.checkInvariants(report);
            Matrix.record("host", cell.name(), ends, report);
            assertThat(ends.get("WP01")).as("WP01 in %s (report %s, failure %s)", cell.name(), report.status(),
                    report.failureReason().orElse("")).isEqualTo(cell.expected());
            if (cell.expected() == End.DONE) {
                assertThat(ends.values()).containsOnly(End.DONE);
                assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
            } else {
                assertThat(ends.get("WP02")).isEqualTo(End.LEFT);
                assertThat(report.status()).isNotEqualTo(RunStatus.COMPLETED);
                assertThat(report.failureReason()).get().asString().isNotBlank();
            }
            // exactly one implementation of WP01 reached the agent when the host said no before the claim
            long implRuns = h.agents().forWorkPackage("WP01").stream()
                    .filter(r -> r.role() == ScriptedRole.IMPLEMENTER).count();
            if (cell.expected() == End.LEFT && cell.name().startsWith("start-implementation")) {
                assertThat(implRuns).as("no agent may run for a WP the host did not hand over").isZero();
                assertThat(h.host.lane(h.mission.directoryName(), "WP01")).isEqualTo(Lane.PLANNED);
            } else {
                assertThat(implRuns).as("implementations of WP01").isEqualTo(cell.implementations());
            }
        }
    }

    /**
     * The very first read (mission-state at run start) failing is documented to throw: the run must then have changed
     * nothing (no claim, no agent, no run-state file claiming a run in progress), and simply running again finishes.
     */
    @ParameterizedTest(name = "mission-state#1 {0} at run start")
    @org.junit.jupiter.params.provider.EnumSource(value = FaultKind.class, names = {"CRASH", "GARBAGE", "HANG"})
    void aFailedFirstReadChangesNothingAndARerunFinishes(FaultKind kind) {
        try (Harness h = new Harness(work, Harness.fanOut3())
                .inProcessHost(HANG_TIMEOUT.multipliedBy(2), List.of(kind("mission-state", kind, 1)))) {
            AgentScenario plain = AgentScenario.builder().build();
            var adapters = List.of(h.agent("impl", plain), h.agent("rev", plain));
            var options = h.options(List.of("impl"), List.of("rev")).build();
            Throwable first = org.assertj.core.api.Assertions.catchThrowable(() -> h.run(options, adapters));
            assertThat(first).as("documented: the mission cannot be read at all")
                    .isInstanceOf(dev.speckitty.orchestrator.client.error.OrchestratorException.class);
            assertThat(first.getMessage()).contains("mission-state");
            for (String wp : h.mission.workPackageIds()) {
                assertThat(h.host.lane(h.mission.directoryName(), wp)).isEqualTo(Lane.PLANNED);
            }
            assertThat(h.agents().records()).isEmpty();
            assertThat(h.store.load().map(st -> st.status())).as("no run state claims a run in progress")
                    .isNotEqualTo(java.util.Optional.of(RunStatus.RUNNING));

            RunReport second = h.run(options, adapters);
            Map<String, End> ends = h.checkInvariants(second);
            Matrix.record("host", "mission-state#1 " + kind + " at run start, then rerun", ends, second);
            assertThat(ends.values()).containsOnly(End.DONE);
        }
    }
}
