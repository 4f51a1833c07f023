package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.error.ErrorCode;
import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.reliability.Harness.End;
import dev.speckitty.orchestrator.testkit.host.Fault;
import dev.speckitty.orchestrator.testkit.host.FaultKind;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
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
 * Every error code of the contract on every host call of a WP's flow: whatever the code, the run ends with each WP
 * done, or blocked/left with its reason, the report, run state and host agree, nothing ran twice at once, and a WP
 * that ends done made each lane move exactly once. The hand-picked matrices decide the expected end per cell; this
 * sweep checks that no code, on any call, breaks the invariants (mission: WP01 then WP02; in-process host and agents).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ErrorCodeSweepTest {
    /** The calls of the flow that get the error: command and call number (all of them belong to WP01). */
    private static final List<Map.Entry<String, Integer>> CALLS = List.of(
            Map.entry("start-implementation", 1), Map.entry("transition", 1), Map.entry("start-review", 1),
            Map.entry("transition", 2), Map.entry("list-ready", 1), Map.entry("mission-state", 2));

    record Cell(String command, int call, ErrorCode code) {
        @Override
        public String toString() {
            return command + "#" + call + " " + code.name();
        }
    }

    static Stream<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Map.Entry<String, Integer> call : CALLS) {
            for (ErrorCode code : ErrorCode.values()) {
                if (code != ErrorCode.UNKNOWN) {
                    cells.add(new Cell(call.getKey(), call.getValue(), code));
                }
            }
        }
        return cells.stream();
    }

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void everyCodeOnEveryCallKeepsTheInvariants(Cell cell) {
        MissionGenerator chain = MissionGenerator.builder().slug("codes").workPackages(2).shape(DagShape.chain())
                .subtasksPerWorkPackage(0).build();
        Fault fault = Fault.builder().command(cell.command()).addCall(cell.call()).kind(FaultKind.ERROR)
                .errorCode(cell.code().name()).message("simulated " + cell.code().name()).build();
        try (Harness h = new Harness(work, chain).inProcessAgents()
                .inProcessHost(Duration.ofSeconds(10), List.of(fault))) {
            EngineOptions options = h.options(List.of("impl"), List.of("rev")).build();
            String mission = h.mission.directoryName();
            RunReport report = h.run(options, h.inProcessAdapters());

            Map<String, End> ends = h.checkInvariants(report);
            Matrix.record("codes", cell.toString(), ends, report);
            String why = report.status() + ": " + report.failureReason().orElse("");
            if (ends.values().stream().allMatch(e -> e == End.DONE)) {
                assertThat(report.status()).as(why).isEqualTo(RunStatus.COMPLETED);
            } else {
                assertThat(report.status()).as(why).isNotEqualTo(RunStatus.COMPLETED);
                assertThat(report.failureReason()).as("the run says why").isPresent();
            }
            for (String wp : h.mission.workPackageIds()) {
                if (ends.get(wp) == End.DONE) {
                    List<String> moves = h.host.events(mission).stream().filter(e -> e.wpId().equals(wp))
                            .flatMap(e -> e.toLane().stream()).toList();
                    assertThat(moves).as("lane moves of %s (%s)", wp, why)
                            .containsExactly("claimed", "in_progress", "for_review", "in_review", "done");
                }
            }
        }
    }
}
