package dev.speckitty.orchestrator.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentUsage;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileRunStateStoreTest {
    @TempDir
    Path dir;

    static RunState sample() {
        return RunState.builder().runId("abc123").mission("demo").status(RunStatus.RUNNING)
                .startedAt(Instant.parse("2026-01-01T10:00:00Z"))
                .putLaunchOption("max_concurrent", 3).putLaunchOption("impl_agents", List.of("claude-code", "codex"))
                .putWorkPackage("WP01", WorkPackageRecord.builder().wpId("WP01")
                        .addAttempt(AttemptRecord.builder().role(AgentRole.IMPLEMENTER).attempt(1).agent("claude-code")
                                .startedAt(Instant.parse("2026-01-01T10:00:01Z"))
                                .endedAt(Instant.parse("2026-01-01T10:05:00Z")).exitCode(1)
                                .failure(AgentFailure.CRASH).outcome("failed").logPath("/tmp/l.log")
                                .usage(AgentUsage.builder().inputTokens(10).outputTokens(2).costUsd(0.5).build())
                                .build())
                        .addReview(ReviewRecord.builder().cycle(1).reviewer("codex").verdict("changes_requested")
                                .reference("review-WP01-cycle1-x").feedback("add tests")
                                .recordedAt(Instant.parse("2026-01-01T10:06:00Z")).build())
                        .addImplementationAgentsTried("claude-code").openReviewRef("r1").lastCommit("deadbeef")
                        .lastError("crash").quarantine("WP_NOT_FOUND").build())
                .build();
    }

    @Test
    void roundTripKeepsEveryField() {
        RunStateStore store = RunStateStores.jsonFile(dir.resolve("state.json"));
        assertThat(store.load()).isEmpty();
        RunState s = sample();
        store.save(s);
        assertThat(store.load()).contains(s);
        RunState done = RunState.builder().from(s).status(RunStatus.COMPLETED)
                .endedAt(Instant.parse("2026-01-01T11:00:00Z")).build();
        store.save(done);
        assertThat(store.load()).contains(done);
    }

    @Test
    void writesAtomicallyWithUserOnlyPermissionsAndNoTempFilesLeft() throws Exception {
        Path file = dir.resolve("sub").resolve("state.json");
        RunStateStores.jsonFile(file).save(sample());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
        }
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void unknownFieldsAreIgnoredAndANewerMajorSchemaIsRefused() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"schema_version\": \"1.7\", \"run_id\": \"r\", \"mission\": \"m\", "
                + "\"status\": \"interrupted\", \"started_at\": \"2026-01-01T10:00:00+00:00\", \"future\": {\"x\": 1},"
                + " \"work_packages\": {\"WP01\": {\"wp_id\": \"WP01\", \"new_thing\": true, \"attempts\": "
                + "[{\"role\": \"janitor\", \"attempt\": 1}]}}}");
        RunState s = RunStateStores.jsonFile(file).load().orElseThrow();
        assertThat(s.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(s.workPackages().get("WP01").attempts()).isEmpty();

        Files.writeString(file, "{\"schema_version\": \"2.0\", \"run_id\": \"r\", \"mission\": \"m\"}");
        assertThatThrownBy(() -> RunStateStores.jsonFile(file).load()).isInstanceOf(RunStateException.class)
                .hasMessageContaining("newer").hasMessageContaining("2.0");
    }

    @Test
    void corruptFileGivesAClearError() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> RunStateStores.jsonFile(file).load()).isInstanceOf(RunStateException.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining(file.toString());
    }

    @Test
    void inMemoryStoreKeepsTheLastSave() {
        RunStateStore mem = RunStateStores.inMemory();
        mem.save(sample());
        assertThat(mem.load()).contains(sample());
        assertThat(Map.of()).isEmpty();
    }
}
