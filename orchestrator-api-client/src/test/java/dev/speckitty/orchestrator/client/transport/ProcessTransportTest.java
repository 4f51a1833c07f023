package dev.speckitty.orchestrator.client.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.RawEnvelope;
import dev.speckitty.orchestrator.client.error.HostNotFoundException;
import dev.speckitty.orchestrator.client.error.HostTimeoutException;
import dev.speckitty.orchestrator.client.error.NoEnvelopeException;
import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.model.MergeMissionResult;
import dev.speckitty.orchestrator.client.model.MissionStateResult;
import dev.speckitty.orchestrator.client.spi.TransportOption;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import dev.speckitty.orchestrator.client.support.Envelopes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ProcessTransport with real processes: small POSIX sh scripts stand in for the spec-kitty executable. */
class ProcessTransportTest {
    private static final String STATE = "{\"mission_slug\": \"m\", \"mission_number\": null, \"mission_type\": \"\","
            + " \"summary\": {}, \"work_packages\": []}";

    @TempDir
    Path tmp;
    Path project;

    @BeforeEach
    void setUp() throws IOException {
        project = Files.createDirectories(tmp.resolve("project with space"));
    }

    /** Writes an executable sh script; {@code $DIR} in the body is the temp directory. */
    private Path host(String body) throws IOException {
        Path script = tmp.resolve("spec-kitty");
        Files.writeString(script, "#!/bin/sh\nDIR='" + tmp + "'\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static String shQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String echoEnvelope(String envelope) {
        return "printf '%s\\n' " + shQuote(envelope);
    }

    private OrchestratorClient client(Path exe, Duration timeout) {
        return OrchestratorClient.builder().executable(exe.toString()).projectRoot(project).callTimeout(timeout)
                .mergeTimeout(timeout).assumeContractVersion("1.3.0").build();
    }

    private ProcessTransport transport(Path exe) {
        return ProcessTransport.builder().executable(exe.toString()).projectRoot(project).build();
    }

    private static TransportRequest request(String command, Duration timeout, TransportOption... options) {
        return TransportRequest.builder().command(command).options(Arrays.asList(options)).timeout(timeout).build();
    }

    @Test
    void envelopeAfterGitNoiseOnStdoutDecodes() throws IOException {
        String env = Envelopes.success("1.3.0", "merge-mission", "{\"mission_slug\": \"m\", \"mission_number\": "
                + "null, \"mission_type\": \"software-dev\", \"merged\": true, \"target_branch\": \"main\", "
                + "\"strategy\": \"merge\", \"worktree_removed\": false}");
        Path exe = host("echo 'Deleted branch kitty/mission-m-lane-a (was 969f6ee).'\n"
                + "echo 'Deleted branch kitty/mission-m-lane-b (was 3f6368c).'\n"
                + "echo \"error: Cannot delete branch 'kitty/mission-m'\" >&2\n" + echoEnvelope(env));
        try (OrchestratorClient c = client(exe, Duration.ofSeconds(10))) {
            MergeMissionResult r = c.mergeMission(MergeMissionRequest.builder().mission("m").build());
            assertThat(r.targetBranch()).isEqualTo("main");
            assertThat(r.metadata().command()).isEqualTo("orchestrator-api.merge-mission");
        }
    }

    @Test
    void tracebackOnlyIsNoEnvelopeWithStderrKept() throws IOException {
        Path exe = host("echo 'Traceback (most recent call last):' >&2\n"
                + "echo '  File \"x.py\", line 1, in <module>' >&2\n"
                + "echo 'FileNotFoundError: No meta.json in /p' >&2\nexit 1");
        try (OrchestratorClient c = client(exe, Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> c.missionState("m")).isInstanceOf(NoEnvelopeException.class)
                    .hasMessageContaining("exited with code 1")
                    .hasMessageContaining("FileNotFoundError: No meta.json in /p")
                    .satisfies(t -> {
                        NoEnvelopeException e = (NoEnvelopeException) t;
                        assertThat(e.exitCode()).isEqualTo(1);
                        assertThat(e.command()).isEqualTo("mission-state");
                        assertThat(e.stdoutHead()).isEmpty();
                        assertThat(e.stderrHead()).startsWith("Traceback (most recent call last):")
                                .contains("FileNotFoundError: No meta.json in /p");
                    });
        }
    }

    @ParameterizedTest
    @CsvSource({"4, spec-kitty upgrade", "5, upgrade spec-kitty-cli", "6, corrupt"})
    void schemaGateExitCodesCarryAHint(int exit, String hint) throws IOException {
        Path exe = host("echo 'schema gate: project version mismatch' >&2\nexit " + exit);
        try (OrchestratorClient c = client(exe, Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> c.missionState("m")).isInstanceOf(NoEnvelopeException.class)
                    .hasMessageContaining("exited with code " + exit).hasMessageContaining(hint)
                    .hasMessageContaining("schema gate: project version mismatch")
                    .satisfies(t -> assertThat(((NoEnvelopeException) t).exitCode()).isEqualTo(exit));
        }
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws IOException {
        Path exe = host("sleep 60 &\necho $! > \"$DIR/child.pid\"\n"
                + "sh -c 'sleep 60 & echo $! > \"$0/grandchild.pid\"; wait' \"$DIR\" &\n"
                + "echo $! > \"$DIR/sh.pid\"\nwait");
        ProcessTransport t = transport(exe);
        try {
            assertThatThrownBy(() -> t.execute(request("mission-state", Duration.ofMillis(1500))))
                    .isInstanceOf(HostTimeoutException.class)
                    .hasMessageContaining("mission-state").hasMessageContaining("1500 ms")
                    .hasMessageContaining("re-read the mission state")
                    .satisfies(e -> assertThat(((HostTimeoutException) e).timeout()).isEqualTo(Duration.ofMillis(1500)));
        } finally {
            t.close();
        }
        for (String name : List.of("child.pid", "sh.pid", "grandchild.pid")) {
            Path file = tmp.resolve(name);
            assertThat(file).as(name + " written before the timeout").exists();
            long pid = Long.parseLong(Files.readString(file).trim());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as(name).isFalse());
        }
    }

    @Test
    void hugeStdoutWithTheEnvelopeLastDecodesAndIsTruncatedInTheMiddle() throws IOException {
        String env = Envelopes.success("1.3.0", "mission-state", STATE);
        Path exe = host("echo 'FIRST LINE'\nyes 'git: noisy progress line' | head -c 20000000\necho\n"
                + echoEnvelope(env));
        ProcessTransport t = transport(exe);
        try {
            TransportResponse r = t.execute(request("mission-state", Duration.ofSeconds(30)));
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdoutTruncated()).isTrue();
            assertThat(r.stdout().length()).isLessThan(9 * 1024 * 1024);
            assertThat(r.stdout()).startsWith("FIRST LINE\n").contains("bytes dropped").endsWith(env + "\n");
        } finally {
            t.close();
        }
        try (OrchestratorClient c = client(exe, Duration.ofSeconds(30))) {
            MissionStateResult r = c.missionState("m");
            assertThat(r.identity().missionSlug()).isEqualTo("m");
        }
    }

    @Test
    void smallCapKeepsHeadAndTail() throws IOException {
        Path exe = host("echo HEAD; yes middle | head -c 100000; echo; echo TAIL");
        ProcessTransport t = ProcessTransport.builder().executable(exe.toString()).projectRoot(project)
                .maxOutputBytes(64).build();
        try {
            TransportResponse r = t.execute(request("mission-state", Duration.ofSeconds(10)));
            assertThat(r.stdout()).startsWith("HEAD\n").endsWith("TAIL\n").contains("bytes dropped");
            assertThat(r.stdoutTruncated()).isTrue();
            assertThat(r.stderrTruncated()).isFalse();
        } finally {
            t.close();
        }
    }

    @Test
    void hugeStderrConcurrentlyWithStdoutDoesNotDeadlock() throws IOException {
        String env = Envelopes.success("1.3.0", "mission-state", STATE);
        Path exe = host("yes 'warning: deprecated' | head -c 20000000 >&2 &\n"
                + "yes 'out noise' | head -c 20000000\nwait\necho\n" + echoEnvelope(env));
        ProcessTransport t = transport(exe);
        try {
            TransportResponse r = t.execute(request("mission-state", Duration.ofSeconds(30)));
            assertThat(r.exitCode()).isZero();
            assertThat(r.stderrTruncated()).isTrue();
            assertThat(r.stdoutTruncated()).isTrue();
            assertThat(r.stderr()).startsWith("warning: deprecated\n");
            assertThat(r.stdout()).endsWith(env + "\n");
        } finally {
            t.close();
        }
    }

    @Test
    void nonUtf8BytesDoNotBreakDecoding() throws IOException {
        String env = Envelopes.success("1.3.0", "mission-state", STATE.replace("\"m\"", "\"caf\\u00e9\""));
        Path exe = host("printf '\\377\\376 latin1 caf\\351\\n'\nprintf '\\300\\200 bad\\n' >&2\n" + echoEnvelope(env));
        try (OrchestratorClient c = client(exe, Duration.ofSeconds(10))) {
            assertThat(c.missionState("m").identity().missionSlug()).isEqualTo("café");
            RawEnvelope raw = c.raw().execute("mission-state", TransportOption.of("mission", "m"));
            assertThat(raw.stderr()).contains("bad").contains("\uFFFD");
        }
    }

    @Test
    void missingExecutableIsHostNotFoundWithAFixHint() {
        Path missing = tmp.resolve("no-such-dir/spec-kitty");
        try (OrchestratorClient c = client(missing, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> c.missionState("m")).isInstanceOf(HostNotFoundException.class)
                    .hasMessageContaining(missing.toString())
                    .hasMessageContaining("pip install spec-kitty-cli")
                    .hasMessageContaining("configure the executable")
                    .satisfies(e -> assertThat(((HostNotFoundException) e).executable()).isEqualTo(missing.toString()));
        }
    }

    @Test
    void nonExecutableFileIsHostNotFound() throws IOException {
        Path exe = host("exit 0");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rw-------"));
        ProcessTransport t = transport(exe);
        try {
            assertThatThrownBy(() -> t.execute(request("mission-state", Duration.ofSeconds(5))))
                    .isInstanceOf(HostNotFoundException.class);
        } finally {
            t.close();
        }
    }

    @Test
    void runsInTheProjectRootWithSpecifyRepoRootAndNoNag() throws IOException {
        Path exe = host("printf '{\"contract_version\": \"1.3.0\", \"command\": \"orchestrator-api.mission-state\", "
                + "\"timestamp\": \"2026-11-25T04:29:43+00:00\", \"correlation_id\": \"corr-1\", \"success\": true, "
                + "\"error_code\": null, \"data\": {\"cwd\": \"%s\", \"root\": \"%s\", \"nag\": \"%s\"}}\\n' "
                + "\"$(pwd -P)\" \"$SPECIFY_REPO_ROOT\" \"$SPEC_KITTY_NO_NAG\"");
        try (OrchestratorClient c = client(exe, Duration.ofSeconds(10))) {
            RawEnvelope raw = c.raw().execute("mission-state", TransportOption.of("mission", "m"));
            assertThat(raw.data()).containsEntry("cwd", project.toRealPath().toString())
                    .containsEntry("root", project.toString()).containsEntry("nag", "1");
        }
        // a request's own project root wins over the transport default
        Path other = Files.createDirectories(tmp.resolve("other"));
        ProcessTransport t = transport(exe);
        try {
            TransportResponse r = t.execute(TransportRequest.builder().command("mission-state")
                    .timeout(Duration.ofSeconds(10)).projectRoot(other).build());
            assertThat(r.stdout()).contains("\"cwd\": \"" + other.toRealPath() + "\"")
                    .contains("\"root\": \"" + other + "\"");
        } finally {
            t.close();
        }
    }

    @Test
    void stdinIsClosed() throws IOException {
        String env = Envelopes.success("1.3.0", "mission-state", STATE);
        Path exe = host("cat > \"$DIR/stdin.txt\"\n" + echoEnvelope(env));
        try (OrchestratorClient c = client(exe, Duration.ofSeconds(10))) {
            assertThat(c.missionState("m").identity().missionSlug()).isEqualTo("m");
        }
        assertThat(tmp.resolve("stdin.txt")).isEmptyFile();
    }

    @Test
    void argvReachesTheHostVerbatimWithoutAShell() throws IOException {
        Path exe = host("printf '%s\\0' \"$@\" > \"$DIR/args\"\nexit 3");
        String note = "it's \"done\" $(touch \"$DIR/pwned\") `id` ; rm -rf / \n second line * ?";
        ProcessTransport t = transport(exe);
        TransportRequest req = request("append-history", Duration.ofSeconds(10), TransportOption.of("mission", "m"),
                TransportOption.of("note", note), TransportOption.of("policy", "{\"a\": [1, \"b c\"]}"),
                TransportOption.flag("force"));
        try {
            assertThat(t.execute(req).exitCode()).isEqualTo(3);
        } finally {
            t.close();
        }
        String[] received = Files.readString(tmp.resolve("args"), StandardCharsets.UTF_8).split("\0");
        assertThat(received).containsExactly("orchestrator-api", "append-history", "--mission=m", "--note=" + note,
                "--policy={\"a\": [1, \"b c\"]}", "--force");
        assertThat(tmp.resolve("pwned")).doesNotExist();
        assertThat(t.argv(req).get(0)).isEqualTo(exe.toString());
        assertThat(t.name()).isEqualTo("process:" + exe);
    }

    @Test
    void exitCodeAndElapsedAreReported() throws IOException {
        Path exe = host("echo out; echo err >&2; exit 7");
        ProcessTransport t = transport(exe);
        try {
            TransportResponse r = t.execute(request("list-ready", Duration.ofSeconds(10)));
            assertThat(r.exitCode()).isEqualTo(7);
            assertThat(r.stdout()).isEqualTo("out\n");
            assertThat(r.stderr()).isEqualTo("err\n");
            assertThat(r.elapsed()).isPositive();
            assertThat(Optional.of(r.stdoutTruncated())).contains(false);
        } finally {
            t.close();
        }
    }

    @Test
    void aLeftoverBackgroundProcessHoldingStdoutDoesNotLoseTheEnvelope() throws IOException {
        String env = Envelopes.success("1.3.0", "mission-state", STATE);
        // the short pause lets the reader block on the open pipe before the host exits (the JDK only hands over
        // buffered output at exit when no read is in progress)
        Path exe = host("sleep 30 &\necho $! > \"$DIR/leftover.pid\"\n" + echoEnvelope(env) + "\nsleep 0.3\nexit 0");
        try (OrchestratorClient c = client(exe, Duration.ofSeconds(20))) {
            assertThat(c.missionState("m").identity().missionSlug()).isEqualTo("m");
        } finally {
            // the leftover escaped the host's tree when the host exited; stop it by its pid
            Path pidFile = tmp.resolve("leftover.pid");
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void aMissingProjectRootIsReportedAsSuchNotAsAMissingHost() throws IOException {
        Path exe = host("exit 0");
        Path nowhere = tmp.resolve("no-such-project");
        try (OrchestratorClient c = OrchestratorClient.builder().executable(exe.toString()).projectRoot(nowhere)
                .assumeContractVersion("1.3.0").build()) {
            assertThatThrownBy(() -> c.missionState("m"))
                    .isInstanceOf(dev.speckitty.orchestrator.client.error.TransportFailureException.class)
                    .hasMessageContaining(nowhere.toString()).hasMessageContaining("kitty-specs");
        }
    }

    @Test
    void aClosedTransportRefusesToStartProcesses() throws IOException {
        Path exe = host("touch \"$DIR/ran\"");
        ProcessTransport t = transport(exe);
        t.close();
        assertThatThrownBy(() -> t.execute(request("mission-state", Duration.ofSeconds(5))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(tmp.resolve("ran")).doesNotExist();
    }

    @Test
    void concurrentCallsDoNotMixTheirOutputs() throws Exception {
        Path exe = host("for a in \"$@\"; do case \"$a\" in --wp=*) WP=${a#--wp=};; esac; done\n"
                + "echo \"noise for $WP\" >&2\n"
                + "printf '{\"contract_version\": \"1.3.0\", \"command\": \"orchestrator-api.append-history\", "
                + "\"timestamp\": \"2026-11-25T04:29:43+00:00\", \"correlation_id\": \"corr-%s\", \"success\": true, "
                + "\"error_code\": null, \"data\": {\"mission_slug\": \"m\", \"wp_id\": \"%s\", "
                + "\"history_entry_id\": \"hist-%s\"}}\\n' \"$WP\" \"$WP\" \"$WP\"");
        int n = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try (OrchestratorClient c = client(exe, Duration.ofSeconds(30))) {
            List<java.util.concurrent.Future<String>> ids = new java.util.ArrayList<>();
            for (int i = 1; i <= n; i++) {
                String wp = String.format("WP%02d", i);
                ids.add(pool.submit(() -> c.appendHistory(
                        dev.speckitty.orchestrator.client.model.AppendHistoryRequest.of("m", wp, "a", "n"))
                        .historyEntryId()));
            }
            for (int i = 1; i <= n; i++) {
                assertThat(ids.get(i - 1).get(30, java.util.concurrent.TimeUnit.SECONDS))
                        .isEqualTo(String.format("hist-WP%02d", i));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
