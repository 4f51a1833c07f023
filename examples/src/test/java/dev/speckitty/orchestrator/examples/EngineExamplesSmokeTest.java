package dev.speckitty.orchestrator.examples;

import static dev.speckitty.orchestrator.examples.ExamplesSmokeTest.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the engine examples against the simulated host (in-process for the examples, the simulated executable for
 * the scripted agents' subtask marks) and checks what they printed and the lanes they left.
 */
class EngineExamplesSmokeTest {
    private TestProject project;
    private GeneratedMission mission;
    private SimulatedHost host;

    private String[] onProject(MissionGenerator generator) {
        project = TestProject.create();
        mission = project.addMission(generator);
        host = SimulatedHost.builder().projectRoot(project.root()).build();
        return new String[] {"--repo-root", project.root().toString(), "--mission", mission.directoryName()};
    }

    @AfterEach
    void deleteProject() {
        if (project != null) {
            project.close();
        }
    }

    private void assertAllDone() {
        for (String wp : mission.workPackageIds()) {
            assertThat(host.lane(mission.directoryName(), wp)).as(wp).isEqualTo(Lane.DONE);
        }
    }

    @Test
    void customSchedulerStartsTheUrgentWorkPackagesFirst() {
        String out = output(EngineWithCustomScheduler::main, onProject(
                MissionGenerator.builder().slug("urgent").workPackages(4).shape(DagShape.fanOut()).build()));
        List<String> claims = out.lines().filter(l -> l.startsWith("claimed ")).toList();
        assertThat(claims).containsExactly("claimed WP01", "claimed WP04", "claimed WP03", "claimed WP02");
        assertThat(out).contains("COMPLETED: 4 WPs");
        assertAllDone();
    }

    @Test
    void customVerdictParserReadsTheReviewResultLinesAndReworksWp02() {
        String out = output(CustomVerdictParser::main, onProject(
                MissionGenerator.builder().slug("verdicts").workPackages(4).shape(DagShape.diamond()).build()));
        assertThat(out).contains("sample: ParsedVerdict{verdict=CHANGES_REQUESTED, feedback=- WP02 lacks tests,"
                + " source=review-result-line}");
        assertThat(out).contains("WP02 changes_requested (from review-result-line)",
                "WP02 approved (from review-result-line)", "WP01 approved (from review-result-line)");
        assertThat(out).contains("COMPLETED; WP02 review cycles: 2");
        assertAllDone();
    }

    @Test
    void customAgentsImplementAndReview() {
        String out = output(args -> {
            try {
                EngineWithCustomAgent.main(args);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, onProject(MissionGenerator.builder().slug("agents").workPackages(2).build()));
        assertThat(out).contains("WP01 implementer by template-implementer", "WP01 reviewer by stdin-reviewer",
                "WP02 implementer by template-implementer", "WP02 reviewer by stdin-reviewer", "COMPLETED");
        assertAllDone();
    }

    @Test
    void webhookListenerPostsEveryEventToTheLocalReceiver() {
        String out = output(args -> {
            try {
                WebhookListener.main(args);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, onProject(MissionGenerator.builder().slug("hooks").workPackages(2).build()));
        assertThat(out).contains("received #1 run_started", "wp_completed", "run_finished",
                "COMPLETED; events posted to http://127.0.0.1:");
        assertAllDone();
    }
}
