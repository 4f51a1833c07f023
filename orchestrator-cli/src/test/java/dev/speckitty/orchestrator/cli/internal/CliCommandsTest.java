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

/** Picocli-level tests: every command and option through {@link Main#execute} with captured output. */
class CliCommandsTest {
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

    private Run run(String... args) {
        return run(tmp, Map.of("PATH", System.getenv().getOrDefault("PATH", "")), args);
    }

    @Test
    void versionAndHelp() {
        Run v = run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("spec-kitty-orchestrator ").contains("Java ");

        Run h = run("--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("orchestrate", "status", "resume", "abort", "doctor", "agents", "demo",
                "completion", "Exit codes:", "130");

        for (String cmd : List.of("orchestrate", "status", "resume", "abort", "doctor", "agents", "demo",
                "completion")) {
            Run c = run(cmd, "--help");
            assertThat(c.code()).as(cmd).isZero();
            assertThat(c.out()).as(cmd).contains("Usage: spec-kitty-orchestrator " + cmd, "--verbose", "--quiet");
        }
        assertThat(run("orchestrate", "--help").out()).contains("--mission", "--impl-agent", "--review-agent",
                "--max-concurrent", "--actor", "--repo-root", "--dry-run", "--accept", "--merge", "--merge-target",
                "--merge-strategy", "--push", "--events", "--no-inhibit-sleep", "--no-caffeinate", "--host",
                "--feature");
        assertThat(run("status", "--help").out()).contains("--json", "--watch");
        assertThat(run("abort", "--help").out()).contains("--cleanup-worktrees");
    }

    @Test
    void noCommandOrBadOptionIsAUsageError() {
        Run none = run();
        assertThat(none.code()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).contains("Usage:");
        Run bad = run("orchestrate", "--mission", "m", "--bogus");
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("Unknown option: '--bogus'");
        Run missing = run("orchestrate");
        assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("Missing required option: '--mission=<slug>'");
        Run notInt = run("orchestrate", "--mission", "m", "--max-concurrent", "x");
        assertThat(notInt.code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void completionPrintsABashScript() {
        Run c = run("completion");
        assertThat(c.code()).isZero();
        assertThat(c.out()).contains("spec-kitty-orchestrator", "orchestrate", "--impl-agent", "complete -F");
    }

    @Test
    void mergeOptionsNeedMerge() {
        Run r = run("orchestrate", "--mission", "m", "--push");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("only apply with --merge").doesNotContain("Exception");
    }

    @Test
    void invalidConcurrencyAndConfigErrorsExit2WithoutStackTrace() throws IOException {
        Run zero = run("orchestrate", "--mission", "m", "--max-concurrent", "0");
        assertThat(zero.code()).isEqualTo(ExitCode.USAGE);
        assertThat(zero.err()).contains("key 'max_concurrent_wps': must be at least 1, got 0");

        Files.createDirectories(tmp.resolve(".kittify"));
        Files.writeString(tmp.resolve(".kittify/orchestrator.toml"), "[agents]\ntimeout = 5\n");
        Run cfg = run("orchestrate", "--mission", "m");
        assertThat(cfg.code()).isEqualTo(ExitCode.USAGE);
        assertThat(cfg.err()).contains("orchestrator.toml: unknown key 'agents.timeout'", "did you mean")
                .doesNotContain("\tat ");

        Path other = Files.createDirectories(tmp.resolve("other/.kittify")).getParent();
        Run env = run(other, Map.of("SPEC_KITTY_ORCHESTRATOR_ACTR", "x"), "agents");
        assertThat(env.code()).isEqualTo(ExitCode.USAGE);
        assertThat(env.err()).contains("SPEC_KITTY_ORCHESTRATOR_ACTR", "did you mean 'SPEC_KITTY_ORCHESTRATOR_ACTOR'");
    }

    @Test
    void missingHostExits3() {
        Run r = run("orchestrate", "--mission", "m", "--host", tmp.resolve("no-such-spec-kitty").toString());
        assertThat(r.code()).isEqualTo(ExitCode.HOST);
        assertThat(r.err()).contains("does not exist").doesNotContain("\tat ");
        Run verbose = run("orchestrate", "--mission", "m", "--host", tmp.resolve("no-such-spec-kitty").toString(),
                "--verbose");
        assertThat(verbose.code()).isEqualTo(ExitCode.HOST);
        assertThat(verbose.err()).contains("does not exist", "\tat dev.speckitty.orchestrator.cli");
        Run onPath = run(tmp, Map.of("PATH", tmp.toString()), "orchestrate", "--mission", "m");
        assertThat(onPath.code()).isEqualTo(ExitCode.HOST);
        assertThat(onPath.err()).contains("'spec-kitty' is not on PATH");
    }

    @Test
    void agentsListsBuiltInsAndCustomAgents() throws Exception {
        Files.createDirectories(tmp.resolve(".kittify"));
        Files.writeString(tmp.resolve(".kittify/orchestrator.yaml"),
                "agents:\n  implementation: [mine, codex]\n  custom:\n    mine:\n      command: [/bin/echo, hi]\n");
        Run r = run("agents");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("claude-code", "codex", "gemini", "opencode", "mine", "custom",
                "implementation #1", "implementation chain: mine -> codex");
        Run j = run("agents", "--json");
        JsonNode arr = new ObjectMapper().readTree(j.out());
        assertThat(arr.isArray()).isTrue();
        JsonNode mine = null;
        for (JsonNode n : arr) {
            if (n.path("id").asText().equals("mine")) {
                mine = n;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("installed").asBoolean()).isTrue();
        assertThat(mine.path("kind").asText()).isEqualTo("custom");
    }

    @Test
    void unknownAgentIsAUsageErrorWithHint() throws Exception {
        try (SimProject p = SimProject.create(tmp, 1, 0)) {
            Run r = run(p.root(), env(), "orchestrate", "--mission", p.missionSlug(), "--impl-agent", "claude-cod",
                    "--dry-run");
            assertThat(r.code()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("unknown agent 'claude-cod' (did you mean 'claude-code'?)");
        }
    }

    @Test
    void lockHeldByAnotherOrchestratorExits4() throws Exception {
        try (SimProject p = SimProject.create(tmp, 1, 0);
                MissionLock held = MissionLock.acquire(p.root(), p.missionSlug(), "other-run", Instant.now())) {
            Run r = run(p.root(), env(), "orchestrate", "--mission", p.missionSlug());
            assertThat(r.code()).isEqualTo(ExitCode.LOCKED);
            assertThat(r.err()).contains("already running mission", "other-run", "abort");
        }
    }

    @Test
    void abortCleanupRemovesCleanWorktreesAndKeepsDirtyOnes() throws Exception {
        try (SimProject p = SimProject.create(tmp, 1, 0)) {
            String m = p.missionSlug();
            p.project.git("worktree", "add", "-q", "-b", "kitty/a", ".worktrees/" + m + "-lane-a");
            p.project.git("worktree", "add", "-q", "-b", "kitty/b", ".worktrees/" + m + "-lane-b");
            p.project.git("worktree", "add", "-q", "-b", "other", ".worktrees/other-mission-lane-a");
            Files.writeString(p.root().resolve(".worktrees/" + m + "-lane-b/wip.txt"), "uncommitted");
            Run r = run(p.root(), env(), "abort", "--mission", m, "--cleanup-worktrees");
            assertThat(r.code()).isEqualTo(ExitCode.NOT_DONE);
            assertThat(r.out()).contains("Removed worktree .worktrees/" + m + "-lane-a");
            assertThat(r.err()).contains(m + "-lane-b", "uncommitted");
            assertThat(p.root().resolve(".worktrees/" + m + "-lane-a")).doesNotExist();
            assertThat(p.root().resolve(".worktrees/" + m + "-lane-b/wip.txt")).exists();
            assertThat(p.root().resolve(".worktrees/other-mission-lane-a")).exists();
            assertThat(p.project.branches()).contains("kitty/a");
        }
    }

    @Test
    void doctorReportsChecksAndFailsWithoutHost() throws Exception {
        try (SimProject p = SimProject.create(tmp, 1, 0)) {
            Run ok = run(p.root(), env(), "doctor");
            assertThat(ok.out()).contains("ok    configuration", "ok    git repository", "ok    host executable",
                    "ok    host contract", "ok    implementation agent", "scripted");
            assertThat(ok.code()).as(ok.out()).isZero();

            Run bad = run(p.root(), env(), "doctor", "--host", tmp.resolve("nope").toString());
            assertThat(bad.code()).isEqualTo(ExitCode.NOT_DONE);
            assertThat(bad.out()).contains("FAIL  host executable", "fix:");
        }
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        return env;
    }
}
