package dev.speckitty.orchestrator.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {
    @TempDir
    Path root;

    private static RunState run(String id, RunStatus status, String start, String end) {
        RunState.Builder b = RunState.builder().runId(id).mission("demo").status(status)
                .startedAt(Instant.parse(start));
        if (end != null) {
            b.endedAt(Instant.parse(end));
        }
        return b.build();
    }

    @Test
    void endedRunsAreCopiedAndListedNewestFirstWhileTheCurrentFileStays() {
        RunStateStore store = RunStateStores.defaultFor(root);
        Path runs = root.resolve(".kittify/orchestrator-runs");
        store.save(run("r1", RunStatus.RUNNING, "2026-01-01T10:00:00Z", null));
        assertThat(runs).doesNotExist();
        assertThat(store.history()).isEmpty();

        RunState r1 = run("r1", RunStatus.FAILED, "2026-01-01T10:00:00Z", "2026-01-01T10:30:00Z");
        store.save(r1);
        RunState r2 = run("r2", RunStatus.COMPLETED, "2026-01-02T10:00:00Z", "2026-01-02T11:00:00Z");
        store.save(r2);
        RunState r3 = run("r3", RunStatus.INTERRUPTED, "2026-01-03T10:00:00Z", "2026-01-03T10:05:00Z");
        store.save(r3);
        RunState r4 = run("r4", RunStatus.ABORTED, "2026-01-04T10:00:00Z", "2026-01-04T10:01:00Z");
        store.save(r4);
        store.save(run("r5", RunStatus.RUNNING, "2026-01-05T10:00:00Z", null));

        assertThat(runs.resolve("r1.json")).exists();
        assertThat(runs.resolve("r4.json")).exists();
        assertThat(runs.resolve("r5.json")).doesNotExist();
        assertThat(store.history()).containsExactly(r4, r3, r2, r1);
        // the current-state file is the latest saved state, unchanged in role
        assertThat(store.load()).get().extracting(RunState::runId).isEqualTo("r5");
        // a new store on the same files sees the same history
        assertThat(RunStateStores.defaultFor(root).history()).containsExactly(r4, r3, r2, r1);
    }

    @Test
    void historyCopiesAreUserOnlyAndLeaveNoTempFiles() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        RunStateStore store = RunStateStores.defaultFor(root);
        store.save(run("r1", RunStatus.COMPLETED, "2026-01-01T10:00:00Z", "2026-01-01T10:30:00Z"));
        Path copy = root.resolve(".kittify/orchestrator-runs/r1.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(copy.getParent())) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("r1.json");
        }
    }

    @Test
    void savingTheSameEndedRunAgainReplacesItsCopy() {
        RunStateStore store = RunStateStores.defaultFor(root);
        store.save(run("r1", RunStatus.INTERRUPTED, "2026-01-01T10:00:00Z", "2026-01-01T10:10:00Z"));
        RunState resumed = run("r1", RunStatus.COMPLETED, "2026-01-01T10:00:00Z", "2026-01-01T12:00:00Z");
        store.save(resumed);
        assertThat(store.history()).containsExactly(resumed);
    }

    @Test
    void unreadableCopiesAreSkippedAndOddRunIdsStayInTheDirectory() throws Exception {
        RunStateStore store = RunStateStores.defaultFor(root);
        RunState odd = run("../../evil/id", RunStatus.COMPLETED, "2026-01-01T10:00:00Z", "2026-01-01T10:30:00Z");
        store.save(odd);
        Path runs = root.resolve(".kittify/orchestrator-runs");
        Files.writeString(runs.resolve("broken.json"), "{not json");
        try (Stream<Path> files = Files.list(runs)) {
            assertThat(files).allMatch(p -> p.getParent().equals(runs));
        }
        assertThat(root.resolve("evil")).doesNotExist();
        assertThat(store.history()).containsExactly(odd);
    }

    @Test
    void inMemoryStoreKeepsNoHistory() {
        RunStateStore store = RunStateStores.inMemory();
        store.save(run("r1", RunStatus.COMPLETED, "2026-01-01T10:00:00Z", "2026-01-01T10:30:00Z"));
        assertThat(store.history()).isEmpty();
    }
}
