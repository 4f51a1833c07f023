package dev.speckitty.orchestrator.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the scripted agent as a real process for each scenario feature. */
class ScriptedAgentProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path workspace() throws IOException {
        return Files.createDirectories(dir.resolve("ws"));
    }

    private AgentProcess agent(AgentScenario scenario, String wp, ScriptedRole role, int attempt)
            throws IOException {
        Path ws = workspace();
        AgentProcess p = new AgentProcess(ws).identity(wp, role, attempt)
                .env("SPEC_KITTY_WORKSPACE", ws.toString()).env("SPEC_KITTY_MISSION", "demo-01ABCDEF")
                .env("SCRIPTED_AGENT_LOG", dir.resolve("agents.jsonl").toString());
        if (scenario != null) {
            p.env("SCRIPTED_AGENT_SCENARIO", scenario.writeTo(dir.resolve("scenario.json")).toString());
        }
        return p;
    }

    private AgentInvocationLog log() {
        return AgentInvocationLog.read(dir.resolve("agents.jsonl"));
    }

    @Test
    void defaultImplementerWritesOneFileExitsZeroAndLogsTheRun() throws Exception {
        AgentProcess p = agent(null, "WP01", ScriptedRole.IMPLEMENTER, 2);
        p.args.addAll(List.of("-p", "--yolo"));
        AgentProcess.Result r = p.run(dir);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("WP01 implementer attempt 2").doesNotContain("VERDICT");
        assertThat(dir.resolve("ws/impl/WP01-attempt-2.txt")).content().contains("WP01").contains("attempt 2");
        AgentInvocationRecord rec = log().records().get(0);
        assertThat(rec.wp()).isEqualTo("WP01");
        assertThat(rec.role()).isEqualTo(ScriptedRole.IMPLEMENTER);
        assertThat(rec.attempt()).isEqualTo(2);
        assertThat(rec.mission()).isEqualTo("demo-01ABCDEF");
        assertThat(rec.args()).containsExactly("-p", "--yolo");
        assertThat(rec.pid()).isPositive();
        assertThat(rec.endedAt()).isPresent();
        assertThat(rec.exitCode()).contains(0);
        assertThat(rec.filesWritten()).containsExactly("impl/WP01-attempt-2.txt");
        assertThat(rec.committed()).isFalse();
        assertThat(rec.verdict()).isEmpty();
        assertThat(rec.workedMillis()).isPresent();
    }

    @Test
    void rulesPickExitCodeDurationAndFilesPerWorkPackageAndAttempt() throws Exception {
        AgentScenario s = AgentScenario.builder()
                .defaults(AgentBehavior.builder().durationMillis(20L).build())
                .when("WP03", ScriptedRole.IMPLEMENTER, 1, AgentBehavior.builder().exitCode(5)
                        .files(Map.of("src/{wp}/Main.java", "class Main {} // {role} {attempt} {mission}\n"))
                        .build())
                .when("WP03", ScriptedRole.IMPLEMENTER, 2, AgentBehavior.builder().files(Map.of()).build())
                .build();
        AgentProcess.Result first = agent(s, "WP03", ScriptedRole.IMPLEMENTER, 1).run(dir);
        assertThat(first.exitCode()).isEqualTo(5);
        assertThat(dir.resolve("ws/src/WP03/Main.java")).content()
                .isEqualTo("class Main {} // implementer 1 demo-01ABCDEF\n");
        assertThat(dir.resolve("ws/impl")).doesNotExist();

        AgentProcess.Result second = agent(s, "WP03", ScriptedRole.IMPLEMENTER, 2).run(dir);
        assertThat(second.exitCode()).isZero();
        AgentInvocationLog l = log();
        assertThat(l.records()).hasSize(2);
        assertThat(l.records().get(1).filesWritten()).isEmpty();
        // The scripted duration is really slept (measured by the agent on a monotonic clock).
        for (AgentInvocationRecord rec : l.records()) {
            assertThat(rec.workedMillis().orElseThrow()).isGreaterThanOrEqualTo(20);
        }
    }

    private Path fakeSpecKitty(Path argvFile, int exitCode) throws IOException {
        Path script = dir.resolve("bin/spec-kitty");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + argvFile
                + "'; done\necho '--' >> '" + argvFile + "'\necho marked\nexit " + exitCode + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void implementerMarksSubtasksFromThePromptFileAndCommitsInItsWorktree() throws Exception {
        try (TestProject project = TestProject.createIn(dir)) {
            GeneratedMission m = project.addMission(MissionGenerator.builder().slug("greeter").workPackages(2)
                    .subtasksPerWorkPackage(2).build());
            Path ws = project.root().resolve(".worktrees").resolve(m.directoryName() + "-lane-b");
            project.git("worktree", "add", "-q", "-b", "lane-b", ws.toString(), "main");
            Path argvFile = dir.resolve("argv.txt");
            Path sk = fakeSpecKitty(argvFile, 0);
            AgentScenario s = AgentScenario.builder()
                    .defaults(AgentBehavior.builder().commit(true).build()).build();
            AgentProcess p = new AgentProcess(ws).identity("WP02", ScriptedRole.IMPLEMENTER, 1)
                    .env("SPEC_KITTY_MISSION", m.directoryName())
                    .env("SPEC_KITTY_WORKSPACE", ws.toString())
                    .env("SPEC_KITTY_REPO_ROOT", project.root().toString())
                    .env("SPEC_KITTY_BIN", sk.toString())
                    .env("SCRIPTED_AGENT_LOG", dir.resolve("agents.jsonl").toString())
                    .env("SCRIPTED_AGENT_SCENARIO", s.writeTo(dir.resolve("s.json")).toString());
            AgentProcess.Result r = p.run(dir);
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(Files.readAllLines(argvFile)).containsExactly("agent", "tasks", "mark-status", "T003", "T004",
                    "--status", "done", "--mission", m.directoryName(), "--");
            assertThat(project.log("lane-b")).first().isEqualTo("WP02: scripted work (attempt 1)");
            assertThat(project.changedFiles("main", "lane-b")).containsExactly("impl/WP02-attempt-1.txt");
            AgentInvocationRecord rec = log().records().get(0);
            assertThat(rec.committed()).isTrue();
            assertThat(rec.subtasksMarked()).containsExactly("T003", "T004");
            assertThat(rec.markStatusExitCode()).contains(0);
        }
    }

    @Test
    void markStatusUsesScenarioSubtasksAndPathLookupAndSurvivesFailures() throws Exception {
        Path argvFile = dir.resolve("argv.txt");
        Path sk = fakeSpecKitty(argvFile, 3);
        AgentScenario s = AgentScenario.builder().defaults(AgentBehavior.builder()
                .subtasks(List.of("T010")).build()).build();
        AgentProcess p = agent(s, "WP05", ScriptedRole.IMPLEMENTER, 1)
                .env("PATH", sk.getParent() + java.io.File.pathSeparator + System.getenv("PATH"));
        AgentProcess.Result r = p.run(dir);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).contains("mark-status exited 3");
        assertThat(Files.readAllLines(argvFile)).containsExactly("agent", "tasks", "mark-status", "T010",
                "--status", "done", "--mission", "demo-01ABCDEF", "--");
        assertThat(log().records().get(0).markStatusExitCode()).contains(3);

        AgentScenario missing = AgentScenario.builder().defaults(AgentBehavior.builder()
                .subtasks(List.of("T011")).build()).specKittyBin(dir.resolve("no/such/spec-kitty").toString())
                .build();
        AgentProcess.Result r2 = agent(missing, "WP06", ScriptedRole.IMPLEMENTER, 1).run(dir);
        assertThat(r2.exitCode()).isZero();
        assertThat(log().forWorkPackage("WP06").get(0).markStatusExitCode()).contains(-1);

        // Reviewers do not mark subtasks by default.
        AgentProcess.Result r3 = agent(s, "WP05", ScriptedRole.REVIEWER, 1)
                .env("PATH", sk.getParent() + java.io.File.pathSeparator + System.getenv("PATH")).run(dir);
        assertThat(r3.exitCode()).isZero();
        assertThat(Files.readAllLines(argvFile)).hasSize(9);
    }

    @Test
    void reviewerDeliversVerdictsByFileStdoutOrNotAtAll() throws Exception {
        Path verdictFile = dir.resolve("verdicts/WP01.json");
        AgentScenario s = AgentScenario.builder()
                .when("WP01", ScriptedRole.REVIEWER, 1, AgentBehavior.builder()
                        .verdict(ReviewVerdict.CHANGES_REQUESTED).feedback("Add tests for {wp}.\nAnd docs.").build())
                .when("WP01", ScriptedRole.REVIEWER, 2, AgentBehavior.builder()
                        .verdictDelivery(VerdictDelivery.STDOUT).usage(UsageFigures.of(1200, 300, 0.0123)).build())
                .when("WP01", ScriptedRole.REVIEWER, 3, AgentBehavior.builder()
                        .verdictDelivery(VerdictDelivery.NONE).build())
                .build();
        AgentProcess.Result r1 = agent(s, "WP01", ScriptedRole.REVIEWER, 1)
                .env("SPEC_KITTY_VERDICT_FILE", verdictFile.toString()).run(dir);
        assertThat(r1.exitCode()).isZero();
        JsonNode v = JSON.readTree(verdictFile.toFile());
        assertThat(v.get("verdict").asText()).isEqualTo("changes_requested");
        assertThat(v.get("feedback").asText()).isEqualTo("Add tests for WP01.\nAnd docs.");
        assertThat(r1.stdout()).doesNotContain("VERDICT");
        assertThat(dir.resolve("ws/impl")).doesNotExist(); // reviewers write no files by default
        Files.delete(verdictFile);

        AgentProcess.Result r2 = agent(s, "WP01", ScriptedRole.REVIEWER, 2)
                .env("SPEC_KITTY_VERDICT_FILE", verdictFile.toString()).run(dir);
        assertThat(verdictFile).doesNotExist();
        List<String> lines = r2.stdout().lines().toList();
        int verdictLine = lines.indexOf("VERDICT: APPROVED");
        assertThat(verdictLine).isPositive();
        assertThat(lines.get(verdictLine + 1)).isEqualTo("FEEDBACK:");
        assertThat(lines.get(verdictLine + 2)).contains("Looks good").contains("WP01");
        String usageLine = lines.stream().filter(l -> l.startsWith("SPEC_KITTY_USAGE: ")).findFirst().orElseThrow();
        JsonNode usage = JSON.readTree(usageLine.substring("SPEC_KITTY_USAGE: ".length()));
        assertThat(usage.get("input_tokens").asLong()).isEqualTo(1200);
        assertThat(usage.get("output_tokens").asLong()).isEqualTo(300);
        assertThat(usage.get("cost_usd").asDouble()).isEqualTo(0.0123);
        assertThat(lines.indexOf(usageLine)).isLessThan(verdictLine); // feedback runs to the end of output

        AgentProcess.Result r3 = agent(s, "WP01", ScriptedRole.REVIEWER, 3)
                .env("SPEC_KITTY_VERDICT_FILE", verdictFile.toString()).run(dir);
        assertThat(r3.exitCode()).isZero();
        assertThat(verdictFile).doesNotExist();
        assertThat(r3.stdout()).doesNotContain("VERDICT");

        // Without a verdict file the default delivery is stdout.
        AgentProcess.Result r4 = agent(null, "WP02", ScriptedRole.REVIEWER, 1).run(dir);
        assertThat(r4.stdout()).contains("VERDICT: APPROVED");
        assertThat(log().records()).extracting(rec -> rec.verdict().orElse("-"))
                .containsExactly("changes_requested", "approved", "-", "approved");
    }

    @Test
    void fileDeliveryWithoutVerdictFileIsAUsageError() throws Exception {
        AgentScenario s = AgentScenario.builder().defaults(AgentBehavior.builder()
                .verdictDelivery(VerdictDelivery.FILE).build()).build();
        AgentProcess.Result r = agent(s, "WP01", ScriptedRole.REVIEWER, 1).run(dir);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("SPEC_KITTY_VERDICT_FILE");
    }

    @Test
    void outputVolumeIncludingInvalidUtf8() throws Exception {
        AgentScenario s = AgentScenario.builder().defaults(AgentBehavior.builder().stdoutLines(500)
                .stderrLines(7).stdoutBytes(100_000L).stderrBytes(33L).stdoutText("custom {wp} text")
                .stderrText("custom err").build()).build();
        AgentProcess.Result r = agent(s, "WP01", ScriptedRole.IMPLEMENTER, 1).run(dir);
        assertThat(r.stdout().lines().filter(l -> l.contains("stdout filler line"))).hasSize(500);
        assertThat(r.stdout()).contains("custom WP01 text");
        assertThat(r.stderr().lines().filter(l -> l.contains("stderr filler line"))).hasSize(7);
        assertThat(r.stderr()).contains("custom err");
        assertThat(r.stdoutBytes().length).isGreaterThan(100_000);
        String fillerOnly = r.stdout().lines().filter(l -> l.startsWith("abcdefghij")).reduce("", (a, b) -> a + b
                + "\n");
        assertThat(fillerOnly.length()).isEqualTo(100_000);
        assertThat(validUtf8(r.stdoutBytes())).isTrue();

        AgentScenario bad = AgentScenario.builder().defaults(AgentBehavior.builder().stdoutLines(3)
                .stderrBytes(200L).nonUtf8Output(true).build()).build();
        AgentProcess.Result r2 = agent(bad, "WP01", ScriptedRole.IMPLEMENTER, 2).run(dir);
        assertThat(r2.exitCode()).isZero();
        assertThat(validUtf8(r2.stdoutBytes())).isFalse();
        assertThat(validUtf8(r2.stderrBytes())).isFalse();
        assertThat(r2.stdoutBytes()).contains((byte) 0xFF);
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void authAndRateLimitFailuresExitWith41And42AndDoNoWork() throws Exception {
        AgentScenario s = AgentScenario.builder()
                .when("WP01", null, null, AgentBehavior.builder().failure(SimulatedFailure.AUTH).build())
                .when("WP02", null, null, AgentBehavior.builder().failure(SimulatedFailure.RATE_LIMIT).build())
                .when("WP03", null, null, AgentBehavior.builder().failure(SimulatedFailure.RATE_LIMIT).exitCode(1)
                        .build())
                .build();
        AgentProcess.Result auth = agent(s, "WP01", ScriptedRole.IMPLEMENTER, 1).run(dir);
        assertThat(auth.exitCode()).isEqualTo(41);
        assertThat(auth.stderr()).containsIgnoringCase("authentication").contains("not logged in");
        AgentProcess.Result rate = agent(s, "WP02", ScriptedRole.REVIEWER, 1)
                .env("SPEC_KITTY_VERDICT_FILE", dir.resolve("v.json").toString()).run(dir);
        assertThat(rate.exitCode()).isEqualTo(42);
        assertThat(rate.stderr()).containsIgnoringCase("rate limit").contains("429");
        assertThat(dir.resolve("v.json")).doesNotExist();
        assertThat(agent(s, "WP03", ScriptedRole.IMPLEMENTER, 1).run(dir).exitCode()).isEqualTo(1);
        assertThat(dir.resolve("ws/impl")).doesNotExist();
        assertThat(log().records()).extracting(rec -> rec.exitCode().orElse(-9)).containsExactly(41, 42, 1);
    }

    @Test
    void readsThePromptFromStdinAndRecordsIt() throws Exception {
        Path promptFile = dir.resolve("prompt.md");
        Files.writeString(promptFile, "prompt file text");
        AgentScenario s = AgentScenario.builder().defaults(AgentBehavior.builder().readPromptFromStdin(true).build())
                .promptRecordDirectory("prompts").build();
        AgentProcess p = agent(s, "WP04", ScriptedRole.IMPLEMENTER, 1)
                .env("SPEC_KITTY_PROMPT_FILE", promptFile.toString());
        String prompt = "# Implement WP04\nÜnïcödé prompt\n".repeat(2000);
        p.stdin = prompt.getBytes(StandardCharsets.UTF_8);
        AgentProcess.Result r = p.run(dir);
        assertThat(r.exitCode()).isZero();
        // Relative scenario paths resolve against the scenario file's directory.
        Path recorded = dir.resolve("prompts/WP04-implementer-attempt-1.stdin.txt");
        assertThat(recorded).content(StandardCharsets.UTF_8).isEqualTo(prompt);
        assertThat(dir.resolve("prompts/WP04-implementer-attempt-1.prompt.txt")).content()
                .isEqualTo("prompt file text");
        AgentInvocationRecord rec = log().records().get(0);
        assertThat(rec.stdinBytes()).contains((long) p.stdin.length);
        assertThat(rec.promptRecord()).contains(recorded.toString());
    }

    @Test
    void hangsUntilKilledAndTheLogShowsTheOverlap() throws Exception {
        AgentScenario s = AgentScenario.builder()
                .when("WP01", ScriptedRole.IMPLEMENTER, 1, AgentBehavior.builder().hang(true).build()).build();
        AgentProcess hanging = agent(s, "WP01", ScriptedRole.IMPLEMENTER, 1);
        Process process = hanging.builder(null, null).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                        StandardCharsets.UTF_8))) {
            process.getOutputStream().close();
            assertThat(out.readLine()).contains("WP01 implementer attempt 1");
            String line;
            do {
                line = err.readLine();
            } while (line != null && !line.contains("hanging until killed"));
            assertThat(line).isNotNull();
            assertThat(process.waitFor(1, TimeUnit.SECONDS)).isFalse();

            // A second implementation of the same WP while the first still runs: the log must reveal it.
            AgentProcess.Result second = agent(s, "WP01", ScriptedRole.IMPLEMENTER, 2).run(dir);
            assertThat(second.exitCode()).isZero();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        AgentInvocationLog l = log();
        assertThat(l.records()).hasSize(2);
        assertThat(l.records().get(0).endedAt()).isEmpty();
        assertThat(l.overlappingRuns(ScriptedRole.IMPLEMENTER)).hasSize(1);
        assertThat(l.maxConcurrency()).isEqualTo(2);
    }

    @Test
    void concurrentRunsShareOneLogWithoutTornLines() throws Exception {
        AgentScenario s = AgentScenario.builder().defaults(AgentBehavior.builder().durationMillis(50L).build())
                .build();
        List<Process> processes = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Path ws = Files.createDirectories(dir.resolve("ws" + i));
            AgentProcess p = new AgentProcess(ws).identity("WP0" + i, ScriptedRole.IMPLEMENTER, 1)
                    .env("SPEC_KITTY_WORKSPACE", ws.toString())
                    .env("SCRIPTED_AGENT_LOG", dir.resolve("agents.jsonl").toString())
                    .env("SCRIPTED_AGENT_SCENARIO", s.writeTo(dir.resolve("s.json")).toString());
            processes.add(p.builder(dir.resolve("out" + i), dir.resolve("err" + i)).start());
        }
        for (Process p : processes) {
            p.getOutputStream().close();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        AgentInvocationLog l = log();
        assertThat(l.records()).extracting(AgentInvocationRecord::wp)
                .containsExactlyInAnyOrder("WP01", "WP02", "WP03", "WP04");
        assertThat(l.records()).allSatisfy(rec -> assertThat(rec.exitCode()).contains(0));
        assertThat(Files.readAllLines(dir.resolve("agents.jsonl"))).hasSize(8);
        assertThat(l.overlappingRuns(ScriptedRole.IMPLEMENTER)).isEmpty(); // different WPs never count
    }

    @Test
    void aPoliteKillIsRecordedWithItsTime() throws Exception {
        AgentScenario s = AgentScenario.builder().defaults(AgentBehavior.builder().hang(true).build()).build();
        Process process = agent(s, "WP07", ScriptedRole.REVIEWER, 1).builder(null, dir.resolve("err.txt")).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            process.getOutputStream().close();
            assertThat(out.readLine()).contains("WP07 reviewer attempt 1");
            process.destroy(); // SIGTERM, as an engine does before it escalates
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        AgentInvocationRecord rec = log().records().get(0);
        assertThat(rec.killed()).isTrue();
        assertThat(rec.endedAt()).isPresent();
        assertThat(rec.exitCode()).isEmpty();
        assertThat(rec.verdict()).isEmpty();
    }

    @Test
    void scenarioFromArgumentAndUsageErrors() throws Exception {
        Path scenario = AgentScenario.builder().defaults(AgentBehavior.builder().exitCode(9).build()).build()
                .writeTo(dir.resolve("arg-scenario.json"));
        AgentProcess p = agent(null, "WP01", ScriptedRole.IMPLEMENTER, 1);
        p.args.addAll(List.of("--scenario", scenario.toString()));
        assertThat(p.run(dir).exitCode()).isEqualTo(9);

        Files.writeString(dir.resolve("bad.json"), "{\"defaults\": {\"exit_kode\": 1}}");
        AgentProcess bad = agent(null, "WP01", ScriptedRole.IMPLEMENTER, 1);
        bad.args.add("--scenario=" + dir.resolve("bad.json"));
        AgentProcess.Result r = bad.run(dir);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("exit_kode").contains("bad.json");

        AgentProcess noWp = agent(null, "WP01", ScriptedRole.IMPLEMENTER, 1);
        noWp.env.remove("SPEC_KITTY_WP_ID");
        AgentProcess.Result r2 = noWp.run(dir);
        assertThat(r2.exitCode()).isEqualTo(2);
        assertThat(r2.stderr()).contains("SPEC_KITTY_WP_ID");

        AgentProcess badAttempt = agent(null, "WP01", ScriptedRole.IMPLEMENTER, 1).env("SPEC_KITTY_ATTEMPT", "x");
        assertThat(badAttempt.run(dir).stderr()).contains("SPEC_KITTY_ATTEMPT");
    }
}
