package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.reliability.Harness.End;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.ScriptedRole;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A few host faults through the real {@code spec-kitty} simulated executable (one JVM per call, real process kill
 * at the call timeout, faults read from the project's config file by every process). WPs here have subtasks, so the
 * agents also run {@code spec-kitty agent tasks mark-status} through the executable.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ExecutableHostFaultTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} #{1} {2}")
    @CsvSource({
        "start-implementation, 1, crash",
        "transition, 1, garbage",
        "start-review, 1, hang",
    })
    void hostFaultThroughTheExecutableIsRecovered(String command, int call, String kind) {
        MissionGenerator gen = MissionGenerator.builder().slug("exe").workPackages(3).shape(DagShape.fanOut())
                .subtasksPerWorkPackage(1).build();
        String faults = "[{\"command\": \"" + command + "\", \"calls\": [" + call + "], \"kind\": \"" + kind
                + "\", \"message\": \"simulated\"}]";
        try (Harness h = new Harness(work, gen).executableHost(Duration.ofSeconds(10), faults)) {
            AgentScenario plain = AgentScenario.builder().build();
            RunReport report = h.run(h.options(List.of("impl"), List.of("rev")).build(),
                    List.of(h.agent("impl", plain), h.agent("rev", plain)));

            Map<String, End> ends = h.checkInvariants(report);
            Matrix.record("executable", command + "#" + call + " " + kind, ends, report);
            assertThat(report.status()).as(report.failureReason().orElse("")).isEqualTo(RunStatus.COMPLETED);
            assertThat(ends.values()).containsOnly(End.DONE);
            assertThat(h.host.callCount(command)).as("the fault fired and the call was repeated")
                    .isGreaterThan(command.equals("transition") ? 6 : 3);
            for (String wp : h.mission.workPackageIds()) {
                assertThat(h.agents().forWorkPackage(wp).stream().filter(r -> r.role() == ScriptedRole.IMPLEMENTER))
                        .as("implementations of %s", wp).hasSize(1);
                assertThat(h.host.subtaskMarks(h.mission.directoryName(), wp)).as("subtasks of %s", wp).isNotEmpty();
            }
        }
    }
}
