package dev.speckitty.orchestrator.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Picocli-level tests of the commands that run the engine (in-process, against the simulated host executable). */
class CliRunTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private Run run(Path cwd, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err), env, cwd);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void dryRunStatusResumeAbortAgainstTheSimulatedHost() throws Exception {
        try (SimProject p = SimProject.create(tmp, 2, 0)) {
            Run dry = run(p.root(), env(), "orchestrate", "--feature", p.missionSlug(), "--dry-run");
            assertThat(dry.code()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("Dry run of mission " + p.missionSlug(), "implementation agents: scripted");
            assertThat(MissionLock.path(p.root(), p.missionSlug())).doesNotExist();

            Run status = run(p.root(), env(), "status", "--mission", p.missionSlug(), "--json");
            assertThat(status.code()).as(status.err()).isZero();
            JsonNode s = new ObjectMapper().readTree(status.out());
            assertThat(s.path("status").asText()).isEqualTo("none");
            assertThat(s.path("work_packages")).hasSize(2);
            assertThat(s.path("work_packages").get(0).path("lane").asText()).isEqualTo("planned");

            Run resume = run(p.root(), env(), "resume", "--mission", p.missionSlug());
            assertThat(resume.code()).isEqualTo(ExitCode.USAGE);
            assertThat(resume.err()).contains("no run to resume");

            Run abort = run(p.root(), env(), "abort", "--mission", p.missionSlug());
            assertThat(abort.code()).isZero();
            assertThat(abort.out()).contains("No orchestrator is running", "No run state");
        }
    }

    @Test
    void orchestrateRunsTheMissionToDoneInProcess() throws Exception {
        try (SimProject p = SimProject.create(tmp, 2, 0)) {
            Path events = tmp.resolve("events.jsonl");
            Run r = run(p.root(), env(), "orchestrate", "--mission", p.missionSlug(), "--max-concurrent", "2",
                    "--events", events.toString(), "--actor", "cli-test");
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("completed", "WP01", "WP02", "Host calls:");
            assertThat(Files.readAllLines(events)).anyMatch(l -> l.contains("\"type\":\"run_finished\""));

            Run status = run(p.root(), env(), "status", "--json");
            JsonNode s = new ObjectMapper().readTree(status.out());
            assertThat(s.path("status").asText()).isEqualTo("completed");
            assertThat(s.path("running").asBoolean()).isFalse();
            for (JsonNode wp : s.path("work_packages")) {
                assertThat(wp.path("lane").asText()).isEqualTo("done");
                assertThat(wp.path("implementation_attempts").asInt()).isEqualTo(1);
            }
            Run text = run(p.root(), env(), "status");
            assertThat(text.out()).contains("Mission " + p.missionSlug() + ": completed", "WP01", "done");

            String runId = s.path("run_id").asText();
            assertThat(p.root().resolve(".kittify/logs/" + runId + "/orchestrator.log")).exists();

            Run resume = run(p.root(), env(), "resume");
            assertThat(resume.code()).isZero();
            assertThat(resume.out()).contains("already completed");
        }
    }

    @Test
    void dryRunShowsTheEffectiveSettingsByPrecedence() throws Exception {
        try (SimProject p = SimProject.create(tmp, 1, 0)) {
            p.writeConfig("max_concurrent_wps: 3\n");
            Map<String, String> env = env();
            Run fileOnly = run(p.root(), env, "orchestrate", "-m", p.missionSlug(), "--dry-run");
            assertThat(fileOnly.code()).as(fileOnly.err()).isZero();
            assertThat(fileOnly.out()).contains("max concurrent: 3", "implementation agents: scripted");

            env.put("SPEC_KITTY_ORCHESTRATOR_MAX_CONCURRENT_WPS", "5");
            env.put("SPEC_KITTY_ORCHESTRATOR_AGENTS_IMPLEMENTATION", "codex,scripted");
            Run withEnv = run(p.root(), env, "orchestrate", "-m", p.missionSlug(), "--dry-run");
            assertThat(withEnv.out()).contains("max concurrent: 5", "implementation agents: codex -> scripted");

            Run withCli = run(p.root(), env, "orchestrate", "-m", p.missionSlug(), "--dry-run", "--max-concurrent",
                    "2", "--impl-agent", "scripted", "--impl-agent", "gemini", "--review-agent", "scripted",
                    "--actor", "me", "--accept", "--merge", "--merge-strategy", "squash", "--merge-target", "main");
            assertThat(withCli.code()).as(withCli.err()).isZero();
            assertThat(withCli.out()).contains("max concurrent: 2", "implementation agents: scripted -> gemini",
                    "(not installed: gemini)", "actor: me", "finish: accept, merge into main (squash)");
        }
    }

    @Test
    void quietPrintsOnlyTheSummaryAndWatchEndsWhenNothingRuns() throws Exception {
        try (SimProject p = SimProject.create(tmp, 1, 0)) {
            Run quiet = run(p.root(), env(), "orchestrate", "-m", p.missionSlug(), "--quiet");
            assertThat(quiet.code()).as(quiet.out() + quiet.err()).isZero();
            assertThat(quiet.out()).doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT.*WP01").contains("Run ", "completed");
            assertThat(quiet.err()).isEmpty();

            Run watch = run(p.root(), env(), "status", "--watch", "--json", "--interval", "1");
            assertThat(watch.code()).isZero();
            assertThat(watch.out().strip().lines().count()).isEqualTo(1);
            assertThat(watch.out()).contains("\"status\":\"completed\"");
        }
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        return env;
    }
}
