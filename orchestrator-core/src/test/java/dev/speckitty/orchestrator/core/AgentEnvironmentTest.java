package dev.speckitty.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.core.fakes.FakeHost;
import dev.speckitty.orchestrator.core.fakes.Harness;
import dev.speckitty.orchestrator.core.state.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The documented SPEC_KITTY_SUBTASKS and SPEC_KITTY_REVIEW_REF variables reach the agent processes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentEnvironmentTest {
    @TempDir
    Path root;

    @Test
    void implementerGetsSubtasksAndReviewerAlsoGetsTheReviewReference() throws Exception {
        Harness h = new Harness(root);
        FakeHost.Wp wp = h.host.add("WP01", List.of(), "");
        Files.writeString(wp.prompt, Files.readString(wp.prompt).replace("subtasks: [T011]", "subtasks: [T011, T012, T013]"));
        RunReport report = h.run(h.options().build());
        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);

        Map<String, String> impl = h.agents.runs("WP01", "implementer").get(0).env;
        assertThat(impl).containsEntry("SPEC_KITTY_SUBTASKS", "T011,T012,T013")
                .doesNotContainKey("SPEC_KITTY_REVIEW_REF");

        Map<String, String> rev = h.agents.runs("WP01", "reviewer").get(0).env;
        assertThat(rev).containsEntry("SPEC_KITTY_SUBTASKS", "T011,T012,T013").containsKey("SPEC_KITTY_REVIEW_REF");
        // the reference the reviewer sees is the one passed to start-review and recorded with the verdict
        TransitionRequest done = h.host.transitions("WP01").get(1);
        assertThat(done.reviewRef()).contains(rev.get("SPEC_KITTY_REVIEW_REF"));
        assertThat(h.host.callsFor("WP01").stream().map(Object::toString))
                .contains("start-review WP01");
    }

    @Test
    void aWorkPackageWithoutSubtasksGetsAnEmptyList() throws Exception {
        Harness h = new Harness(root);
        FakeHost.Wp wp = h.host.add("WP01", List.of(), "");
        Files.writeString(wp.prompt, Files.readString(wp.prompt).replace("subtasks: [T011]", "subtasks: []"));
        h.run(h.options().build());
        assertThat(h.agents.runs("WP01", "implementer").get(0).env).containsEntry("SPEC_KITTY_SUBTASKS", "");
    }
}
