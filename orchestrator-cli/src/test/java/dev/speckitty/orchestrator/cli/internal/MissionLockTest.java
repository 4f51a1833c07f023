package dev.speckitty.orchestrator.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissionLockTest {
    @TempDir
    Path root;

    @Test
    void secondAcquireIsRefusedNamingTheHolder() {
        try (MissionLock lock = MissionLock.acquire(root, "042-pay", "run1", Instant.parse("2026-01-01T00:00:00Z"))) {
            assertThat(lock.takenOverFrom()).isEmpty();
            assertThatThrownBy(() -> MissionLock.acquire(root, "042-pay", "run2", Instant.now()))
                    .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.LOCKED))
                    .hasMessageContaining("already running mission '042-pay' (pid " + ProcessHandle.current().pid()
                            + ", run run1");
            assertThat(MissionLock.currentHolder(root, "042-pay")).hasValueSatisfying(h -> {
                assertThat(h.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(h.runId()).isEqualTo("run1");
                assertThat(h.mission()).isEqualTo("042-pay");
            });
            // another mission is independent
            try (MissionLock other = MissionLock.acquire(root, "043-other", "run3", Instant.now())) {
                assertThat(MissionLock.currentHolder(root, "043-other")).isPresent();
            }
        }
        assertThat(MissionLock.currentHolder(root, "042-pay")).isEmpty();
        assertThat(MissionLock.path(root, "042-pay")).exists();
    }

    @Test
    void aStaleLockFileIsTakenOver() throws IOException {
        Path file = MissionLock.path(root, "m");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"pid\": 999999, \"mission\": \"m\", \"run_id\": \"old\", \"started_at\": \"x\"}");
        assertThat(MissionLock.currentHolder(root, "m")).isEmpty();
        try (MissionLock lock = MissionLock.acquire(root, "m", "new", Instant.now())) {
            assertThat(lock.takenOverFrom()).hasValueSatisfying(h -> assertThat(h.runId()).isEqualTo("old"));
            assertThat(Files.readString(file)).contains("\"run_id\":\"new\"");
        }
    }

    @Test
    void aLockHeldByAnotherProcessRefusesUsAndStaysHeld() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolderMain.class.getName(), root.toString(), "m")
                .redirectErrorStream(true).start();
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                child.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("locked");
            for (int i = 0; i < 2; i++) {
                assertThat(MissionLock.currentHolder(root, "m")).hasValueSatisfying(h -> {
                    assertThat(h.pid()).isEqualTo(child.pid());
                    assertThat(h.runId()).isEqualTo("child-run");
                });
                assertThatThrownBy(() -> MissionLock.acquire(root, "m", "mine", Instant.now()))
                        .isInstanceOfSatisfying(CliException.class,
                                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.LOCKED))
                        .hasMessageContaining("pid " + child.pid());
            }
        } finally {
            child.getOutputStream().close();
            assertThat(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        try (MissionLock mine = MissionLock.acquire(root, "m", "mine", Instant.now())) {
            assertThat(mine.takenOverFrom()).isEmpty();
        }
    }

    @Test
    void aLockFileFromAnotherHostIsNotTakenOverAndSaysHowToRemoveIt() throws IOException {
        Path file = MissionLock.path(root, "m");
        Files.createDirectories(file.getParent());
        String foreign = "{\"pid\": " + ProcessHandle.current().pid() + ", \"host\": \"build-7.example.invalid\","
                + " \"mission\": \"m\", \"run_id\": \"far\", \"started_at\": \"2026-01-01T00:00:00Z\"}";
        Files.writeString(file, foreign);
        assertThatThrownBy(() -> MissionLock.acquire(root, "m", "new", Instant.now(), "laptop"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.LOCKED))
                .hasMessageContaining("taken on another host, 'build-7.example.invalid' (pid "
                        + ProcessHandle.current().pid() + ", run far")
                .hasMessageContaining("rm " + file.toAbsolutePath().normalize());
        assertThat(Files.readString(file)).isEqualTo(foreign);
        // the refusal released the OS lock: with the same host name the file is a stale lock of this machine
        try (MissionLock lock = MissionLock.acquire(root, "m", "new", Instant.now(), "build-7.example.invalid")) {
            assertThat(lock.takenOverFrom()).hasValueSatisfying(h -> assertThat(h.runId()).isEqualTo("far"));
            assertThat(Files.readString(file)).contains("\"host\":\"build-7.example.invalid\"");
        }
    }

    @Test
    void theHostNameIsRecorded() throws IOException {
        try (MissionLock lock = MissionLock.acquire(root, "m", "r", Instant.now())) {
            assertThat(Files.readString(MissionLock.path(root, "m"))).contains("\"host\":\"" + MissionLock.hostName()
                    + "\"");
        }
        assertThat(MissionLock.hostName()).isNotBlank();
    }

    @Test
    void missionSlugIsSanitisedInTheFileName() {
        assertThat(MissionLock.path(root, "a/../b").getFileName().toString()).isEqualTo("orchestrator-a_.._b.lock");
    }
}
