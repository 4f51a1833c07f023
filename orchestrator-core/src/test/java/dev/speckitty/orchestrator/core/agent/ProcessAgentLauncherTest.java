package dev.speckitty.orchestrator.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: small sh scripts stand in for agents. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessAgentLauncherTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static AgentCommand cmd(Path script, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(script.toString());
        argv.addAll(List.of(args));
        return AgentCommand.builder().argv(argv).build();
    }

    private Path log(String name) {
        return dir.resolve("logs").resolve("nested").resolve(name);
    }

    /** Whether a pid is a live (non-zombie) process; orphans may linger as zombies if nobody reaps them. */
    private static boolean running(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            try {
                String s = Files.readString(stat);
                char state = s.charAt(s.lastIndexOf(')') + 2);
                return state != 'Z' && state != 'X';
            } catch (IOException e) {
                return false;
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static long readPid(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).strip());
    }

    @Test
    void deliversLargePromptsOnStdinToConcurrentRuns() throws Exception {
        Path echo = Fixtures.script(dir, "echo-agent", "cat", "echo", "echo END-OF-PROMPT");
        ProcessAgentLauncher launcher = ProcessAgentLauncher.builder().tempDirectory(dir).build();
        List<String> prompts = new ArrayList<>();
        List<Future<AgentRunOutput>> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            StringBuilder p = new StringBuilder();
            while (p.length() < 50_000) {
                p.append("agent ").append(i).append(" line ").append(p.length()).append(" ünïcödé\n");
            }
            String prompt = p.toString();
            prompts.add(prompt);
            AgentCommand c = AgentCommand.builder().from(cmd(echo)).stdin(prompt).build();
            Path logFile = log("run-" + i + ".log");
            runs.add(pool.submit(() -> launcher.run(c, dir, LONG, logFile)));
        }

        for (int i = 0; i < 6; i++) {
            AgentRunOutput out = runs.get(i).get();
            assertThat(out.exitCode()).isZero();
            assertThat(out.stdout()).isEqualTo(prompts.get(i) + "\nEND-OF-PROMPT\n");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("spec-kitty-prompt-"));
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void promptFileOnStdinIsReadableOnlyByTheUser() throws Exception {
        Path agent = Fixtures.script(dir, "perm", "stat -L -c %a /dev/stdin");
        AgentCommand c = AgentCommand.builder().from(cmd(agent)).stdin("secret prompt").build();

        AgentRunOutput out = ProcessAgentLauncher.builder().tempDirectory(dir).build().run(c, dir, LONG, log("p.log"));

        assertThat(out.stdout().strip()).isEqualTo("600");
    }

    @Test
    void withoutStdinTheAgentReadsTheNullDevice() throws Exception {
        Path agent = Fixtures.script(dir, "count", "wc -c | tr -d ' '");

        AgentRunOutput out = ProcessAgentLauncher.create().run(cmd(agent), dir, LONG, log("null.log"));

        assertThat(out.stdout().strip()).isEqualTo("0");
    }

    @Test
    void capturesExitCodeStreamsAndWorkingDirectory() throws Exception {
        Path work = Files.createDirectory(dir.resolve("lane a"));
        Path agent = Fixtures.script(dir, "agent", "pwd", "echo \"arg:$1\"", "echo 'oops' >&2", "exit 3");
        Path logFile = log("exit.log");

        AgentRunOutput out = ProcessAgentLauncher.create().run(cmd(agent, "it's one arg"), work, LONG, logFile);

        assertThat(out.exitCode()).isEqualTo(3);
        assertThat(out.timedOut()).isFalse();
        assertThat(out.binaryMissing()).isFalse();
        assertThat(out.stdout()).isEqualTo(work.toRealPath() + "\narg:it's one arg\n");
        assertThat(out.stderr()).isEqualTo("oops\n");
        String logText = Files.readString(logFile);
        assertThat(logText).contains("[stderr] oops").contains("=== exit_code: 3").contains("'it'\\''s one arg'");
    }

    /**
     * Runs an agent that records its pid in {@code <pids>.parent}, starts a helper with {@code spawn} (which records
     * the helper's pid in {@code <pids>}), prints "started" and then waits with {@code last}; after the timeout
     * neither may survive, and the partial output and the timeout are kept.
     */
    private void assertTimeoutKillsAgentAndHelper(String name, String spawn, String last) throws Exception {
        Path pids = dir.resolve(name + ".pids");
        Path agent = Fixtures.script(dir, name, "echo $$ > \"$1.parent\"", spawn, "echo started", last);
        ProcessAgentLauncher launcher = ProcessAgentLauncher.builder().killGrace(Duration.ofMillis(500)).build();

        AgentRunOutput out = launcher.run(cmd(agent, pids.toString()), dir, Duration.ofSeconds(3), log(name + ".log"));

        assertThat(out.timedOut()).isTrue();
        assertThat(out.exitCode()).isEqualTo(124);
        assertThat(out.stdout()).contains("started");
        long helper = readPid(pids);
        long parent = readPid(Path.of(pids + ".parent"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !running(helper) && !running(parent));
        assertThat(Files.readString(log(name + ".log"))).contains("timed_out: true");
    }

    @Test
    void timeoutKillsTheWholeTreeAndKeepsPartialOutput() throws Exception {
        assertTimeoutKillsAgentAndHelper("stuck", "sh -c 'sleep 600 & echo $! > \"$1\"; wait' inner \"$1\" &", "wait");
    }

    /** Fields of /proc/<pid>/stat after the command name: [0] = state, [1] = ppid, [2] = pgrp, [3] = session. */
    private static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
    }

    private static void assumeSetsidAndProc() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dev.speckitty.orchestrator.core.agent.internal.Sessions.setsid().isPresent(), "no setsid program");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void agentRunsInItsOwnSessionAsTheProcessTheLauncherStarted() throws Exception {
        assumeSetsidAndProc();
        // the shell prints its own stat line, then reads stdin and exits with a code of its own
        Path agent = Fixtures.script(dir, "whoami", "read -r line < /proc/$$/stat", "echo \"$line\"",
                "cat", "echo \"env=$AGENT_FLAVOUR\"", "exit 7");
        AgentCommand c = AgentCommand.builder().from(cmd(agent)).stdin("prompt via stdin\n")
                .putEnvironment("AGENT_FLAVOUR", "vanilla").build();

        AgentRunOutput out = ProcessAgentLauncher.create().run(c, dir, LONG, log("session.log"));

        List<String> lines = out.stdout().lines().toList();
        String[] agentStat = statFields(lines.get(0));
        long agentPid = Long.parseLong(lines.get(0).substring(0, lines.get(0).indexOf(' ')));
        String[] jvmStat = statFields(Files.readString(Path.of("/proc/self/stat")));
        assertThat(Long.parseLong(agentStat[1])).as("setsid executed the agent in place: its parent is this JVM")
                .isEqualTo(ProcessHandle.current().pid());
        assertThat(Long.parseLong(agentStat[2])).as("the agent leads its own process group").isEqualTo(agentPid)
                .isNotEqualTo(Long.parseLong(jvmStat[2]));
        assertThat(Long.parseLong(agentStat[3])).as("and its own session").isEqualTo(agentPid);
        assertThat(lines.subList(1, lines.size())).containsExactly("prompt via stdin", "env=vanilla");
        assertThat(out.exitCode()).isEqualTo(7);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void timeoutKillsADetachedGrandchildThroughTheProcessGroup() throws Exception {
        assumeSetsidAndProc();
        // the subshell exits at once, so the sleeper is re-parented away from the agent's tree but stays in its group
        assertTimeoutKillsAgentAndHelper("daemonizer", "( sh -c 'echo $$ > \"$1\"; exec sleep 600' inner \"$1\" & )",
                "exec sleep 600");
    }

    @Test
    void killRunningAgentsEndsEveryRunningTreeAtOnce() throws Exception {
        Path pids = dir.resolve("emergency");
        Path agent = Fixtures.script(dir, "lingering",
                "sh -c 'echo $$ > \"$1\"; exec sleep 600' inner \"$1\" &",
                "echo $$ > \"$1.agent\"",
                "wait");
        Future<AgentRunOutput> run = pool.submit(() -> ProcessAgentLauncher.create()
                .run(cmd(agent, pids.toString()), dir, LONG, log("emergency.log")));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(pids) && Files.exists(Path.of(pids + ".agent"))
                && !Files.readString(pids).isBlank() && !Files.readString(Path.of(pids + ".agent")).isBlank());
        long child = readPid(pids);
        long agentPid = readPid(Path.of(pids + ".agent"));

        assertThat(ProcessAgentLauncher.killRunningAgents()).isGreaterThanOrEqualTo(1);

        AgentRunOutput out = run.get(30, TimeUnit.SECONDS);
        assertThat(out.exitCode()).as("the run ends as a killed process").isNotZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> !running(child) && !running(agentPid));
    }

    @Test
    void withoutAnOwnSessionAgentsStillRunAndAreKilled() throws Exception {
        Path agent = Fixtures.script(dir, "plain", "echo hi", "exit 3");
        AgentRunOutput out = ProcessAgentLauncher.builder().ownSession(false).build()
                .run(cmd(agent), dir, LONG, log("plain.log"));
        assertThat(out.exitCode()).isEqualTo(3);
        assertThat(out.stdout()).isEqualTo("hi\n");
    }

    @Test
    void silentAgentIsKilledAtTheIdleTimeout() throws Exception {
        Path agent = Fixtures.script(dir, "silent", "echo 'thinking...'", "exec sleep 600");
        ProcessAgentLauncher launcher = ProcessAgentLauncher.builder().idleTimeout(Duration.ofSeconds(1))
                .killGrace(Duration.ofMillis(200)).build();

        AgentRunOutput out = launcher.run(cmd(agent), dir, LONG, log("idle.log"));

        assertThat(out.timedOut()).isTrue();
        assertThat(out.idleTimeout()).contains(Duration.ofSeconds(1));
        assertThat(out.stdout()).isEqualTo("thinking...\n");
        assertThat(Files.readString(log("idle.log"))).contains("no output for PT1S");
    }

    @Test
    void theCommandsOwnIdleTimeoutReplacesTheLaunchersDefault() throws Exception {
        Path pause = Fixtures.script(dir, "pause", "echo 'thinking...'", "sleep 2", "echo done");
        Path silent = Fixtures.script(dir, "silent2", "echo 'thinking...'", "exec sleep 600");
        ProcessAgentLauncher launcher = ProcessAgentLauncher.builder().idleTimeout(Duration.ofMillis(500))
                .killGrace(Duration.ofMillis(200)).build();
        ProcessAgentLauncher noDefault = ProcessAgentLauncher.builder().killGrace(Duration.ofMillis(200)).build();

        AgentRunOutput patient = launcher.run(AgentCommand.builder().from(cmd(pause))
                .idleTimeout(Duration.ofSeconds(30)).build(), dir, LONG, log("patient.log"));
        AgentRunOutput strict = noDefault.run(AgentCommand.builder().from(cmd(silent))
                .idleTimeout(Duration.ofSeconds(1)).build(), dir, LONG, log("strict.log"));

        assertThat(patient.timedOut()).as("a longer per-run idle timeout wins over the default").isFalse();
        assertThat(patient.idleTimeout()).isEmpty();
        assertThat(patient.stdout()).isEqualTo("thinking...\ndone\n");
        assertThat(strict.timedOut()).as("a per-run idle timeout applies without a default").isTrue();
        assertThat(strict.idleTimeout()).contains(Duration.ofSeconds(1));
        assertThat(Files.readString(log("strict.log"))).contains("thinking...").contains("no output for PT1S");
    }

    @Test
    void aNonPositiveIdleTimeoutOnACommandIsRejected() {
        assertThatThrownBy(() -> AgentCommand.builder().addArgv("agent").idleTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout must be positive");
    }

    @Test
    void floodOfOutputNeitherBlocksNorEatsMemory() throws Exception {
        Path agent = Fixtures.script(dir, "flood",
                "yes 'stdout flood line' | head -c 20000000 &",
                "yes 'stderr flood line' | head -c 20000000 >&2",
                "wait",
                "head -c 3000000 /dev/zero | tr '\\0' 'x'",
                "echo",
                "echo LAST-LINE");
        Path logFile = log("flood.log");
        ProcessAgentLauncher launcher = ProcessAgentLauncher.builder().outputCapChars(1024 * 1024).build();

        AgentRunOutput out = launcher.run(cmd(agent), dir, LONG, logFile);

        assertThat(out.exitCode()).isZero();
        assertThat(out.stdout()).hasSizeLessThan(2 * 1024 * 1024 + 100).contains("characters omitted")
                .startsWith("stdout flood line\n").endsWith("LAST-LINE\n");
        assertThat(out.stderr()).hasSizeLessThan(2 * 1024 * 1024 + 100).startsWith("stderr flood line");
        assertThat(Files.size(logFile)).isGreaterThan(43_000_000L);
    }

    @Test
    void malformedUtf8IsReplaced() throws Exception {
        Path agent = Fixtures.script(dir, "bytes", "printf 'ok \\377\\376 end\\n'", "printf 'caf\\303\\251\\n'");

        AgentRunOutput out = ProcessAgentLauncher.create().run(cmd(agent), dir, LONG, log("utf8.log"));

        assertThat(out.stdout()).isEqualTo("ok \uFFFD\uFFFD end\ncafé\n");
        assertThat(Files.readString(log("utf8.log"), StandardCharsets.UTF_8)).contains("ok \uFFFD\uFFFD end");
    }

    @Test
    void missingBinaryIsReportedNotThrown() throws Exception {
        AgentCommand absolute = AgentCommand.builder().addArgv(dir.resolve("no-agent").toString()).stdin("x").build();
        AgentCommand bare = AgentCommand.builder().addArgv("no-such-agent-binary-4711").build();

        AgentRunOutput a = ProcessAgentLauncher.create().run(absolute, dir, LONG, log("missing.log"));
        AgentRunOutput b = ProcessAgentLauncher.create().run(bare, dir, LONG, log("missing2.log"));

        assertThat(a.binaryMissing()).isTrue();
        assertThat(b.binaryMissing()).isTrue();
        assertThat(a.stderr()).contains("no-agent");
        assertThat(Files.readString(log("missing.log"))).contains("not started");
        assertThat(AgentAdapters.classifyByExitCode(b).failure())
                .contains(dev.speckitty.orchestrator.core.spi.AgentFailure.MISSING_BINARY);
    }

    @Test
    void bareExecutableNameIsResolvedWithTheAgentsOwnPath() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("host bin"));
        Fixtures.script(bin, "kit-agent-4711", "echo \"resolved as $0\"");
        AgentCommand c = AgentCommand.builder().addArgv("kit-agent-4711")
                .putEnvironment("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH")).build();

        AgentRunOutput out = ProcessAgentLauncher.create().run(c, dir, LONG, log("path.log"));

        assertThat(out.binaryMissing()).isFalse();
        assertThat(out.stdout()).isEqualTo("resolved as " + bin.resolve("kit-agent-4711") + "\n");
    }

    @Test
    void missingWorkingDirectoryIsAFailedRunNotAMissingBinary() throws Exception {
        Path agent = Fixtures.script(dir, "ok", "exit 0");

        AgentRunOutput out = ProcessAgentLauncher.create().run(cmd(agent), dir.resolve("gone"), LONG, log("cwd.log"));

        assertThat(out.binaryMissing()).isFalse();
        assertThat(out.exitCode()).isNotZero();
        assertThat(out.stderr()).contains("working directory");
    }

    @Test
    void unwritableLogFileMeansNotStartedRatherThanAnException() throws Exception {
        Path marker = dir.resolve("ran");
        Path agent = Fixtures.script(dir, "marker", "touch \"$1\"");
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a directory");

        AgentRunOutput out = ProcessAgentLauncher.create()
                .run(cmd(agent, marker.toString()), dir, LONG, blocker.resolve("agent.log"));

        assertThat(out.exitCode()).isEqualTo(-1);
        assertThat(out.binaryMissing()).isFalse();
        assertThat(out.stderr()).contains("cannot create the agent log file");
        assertThat(marker).doesNotExist();
    }

    @Test
    void environmentAllowListKeepsOnlyListedAndEssentialVariables() throws Exception {
        Path agent = Fixtures.script(dir, "env-agent", "env");
        Map<String, String> base = Map.of(
                "PATH", System.getenv("PATH"),
                "HOME", "/home/agent",
                "KEEP_ME", "1",
                "DROP_ME", "2",
                "ANTHROPIC_API_KEY", "sk-ant-api03-aaaaaaaaaaaaaaaaaaaaaaaa",
                "ANTHROPIC_BASE_URL", "https://example.invalid");
        AgentCommand c = AgentCommand.builder().from(cmd(agent)).putEnvironment("SPEC_KITTY_WP_ID", "WP01")
                .putEnvironment("KEEP_ME", "overridden").build();

        AgentRunOutput filtered = ProcessAgentLauncher.builder().baseEnvironment(base)
                .environmentAllowList(Set.of("KEEP_ME", "ANTHROPIC_*")).build().run(c, dir, LONG, log("env1.log"));
        AgentRunOutput inherited = ProcessAgentLauncher.builder().baseEnvironment(base).build()
                .run(c, dir, LONG, log("env2.log"));

        assertThat(filtered.stdout().lines()).contains("HOME=/home/agent", "KEEP_ME=overridden",
                "SPEC_KITTY_WP_ID=WP01", "ANTHROPIC_BASE_URL=https://example.invalid")
                .anyMatch(l -> l.startsWith("ANTHROPIC_API_KEY="))
                .noneMatch(l -> l.startsWith("DROP_ME="));
        assertThat(inherited.stdout().lines()).contains("DROP_ME=2");
    }

    @Test
    void logFileIsUserOnlyAndRedacted() throws Exception {
        Path agent = Fixtures.script(dir, "leaky",
                "echo \"using key sk-ant-api03-abcdefghijklmnopqrstuvwx\"",
                "echo \"token from env: $MY_SERVICE_TOKEN\"",
                "echo 'Authorization: Bearer abcdefghijk123456' >&2");
        AgentCommand c = AgentCommand.builder().from(cmd(agent, "--api-key=sk-live-0123456789abcdefghij"))
                .putEnvironment("MY_SERVICE_TOKEN", "opaque-value-42!").build();
        Path logFile = log("secret.log");

        AgentRunOutput out = ProcessAgentLauncher.create().run(c, dir, LONG, logFile);

        String logText = Files.readString(logFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logFile))).isEqualTo("rw-------");
        assertThat(logText).doesNotContain("abcdefghijklmnopqrstuvwx", "opaque-value-42!", "abcdefghijk123456",
                "sk-live-0123456789abcdefghij");
        assertThat(logText).contains("using key [REDACTED]", "token from env: [REDACTED]",
                "[stderr] Authorization: Bearer [REDACTED]", "MY_SERVICE_TOKEN");
        // the in-memory capture is what the adapter parses: unmasked
        assertThat(out.stdout()).contains("opaque-value-42!");
    }

    @Test
    void existingLogFileIsTruncatedAndTightened() throws Exception {
        Path logFile = log("old.log");
        Files.createDirectories(logFile.getParent());
        Files.writeString(logFile, "stale content from an older run\n");
        Files.setPosixFilePermissions(logFile, PosixFilePermissions.fromString("rw-r--r--"));
        Path agent = Fixtures.script(dir, "fresh", "echo fresh");

        ProcessAgentLauncher.create().run(cmd(agent), dir, LONG, logFile);

        assertThat(Files.readString(logFile)).doesNotContain("stale").contains("fresh");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logFile))).isEqualTo("rw-------");
    }

    @Test
    void backgroundChildHoldingTheStreamsDoesNotHangTheRun() throws Exception {
        Path pidFile = dir.resolve("bg.pid");
        Path agent = Fixtures.script(dir, "forker",
                "sleep 600 &",
                "echo $! > \"$1\"",
                "echo quick",
                "sleep 1",
                "exit 0");
        ProcessAgentLauncher launcher = ProcessAgentLauncher.builder().drainGrace(Duration.ofMillis(300)).build();

        AgentRunOutput out = launcher.run(cmd(agent, pidFile.toString()), dir, LONG, log("bg.log"));

        assertThat(out.exitCode()).isZero();
        assertThat(out.stdout()).contains("quick");
        long bg = readPid(pidFile);
        await().atMost(Duration.ofSeconds(20)).until(() -> !running(bg));
    }

    @Test
    void interruptionKillsTheTreeAndRethrows() throws Exception {
        Path pidFile = dir.resolve("int.pid");
        Path agent = Fixtures.script(dir, "sleeper",
                "sleep 600 &",
                "echo $! > \"$1.tmp\" && mv \"$1.tmp\" \"$1\"",
                "wait");
        ProcessAgentLauncher launcher = ProcessAgentLauncher.builder().killGrace(Duration.ofMillis(500)).build();
        java.util.concurrent.atomic.AtomicReference<Thread> runner = new java.util.concurrent.atomic.AtomicReference<>();
        Future<AgentRunOutput> run = pool.submit(() -> {
            runner.set(Thread.currentThread());
            return launcher.run(cmd(agent, pidFile.toString()), dir, LONG, log("int.log"));
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pidFile));
        runner.get().interrupt();

        assertThatThrownBy(run::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        long child = readPid(pidFile);
        await().atMost(Duration.ofSeconds(20)).until(() -> !running(child));
        assertThat(Files.readString(log("int.log"))).contains("interrupted");
    }

    @Test
    void rejectsANonPositiveTimeout() throws Exception {
        Path agent = Fixtures.script(dir, "ok", "exit 0");

        assertThatThrownBy(() -> ProcessAgentLauncher.create().run(cmd(agent), dir, Duration.ZERO, log("z.log")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
