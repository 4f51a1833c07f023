package dev.speckitty.orchestrator.benchmarks;

import dev.speckitty.orchestrator.core.spi.GitOperations;
import dev.speckitty.orchestrator.core.spi.WorkspaceCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Git that does nothing: every workspace is a clean work tree and every commit succeeds (engine-only figures). */
final class NoGit implements GitOperations {
    private static final WorkspaceCheck OK = WorkspaceCheck.builder().exists(true).gitWorkTree(true).build();
    private final AtomicLong commits = new AtomicLong();

    @Override
    public WorkspaceCheck check(Path workspace) {
        return OK;
    }

    @Override
    public Optional<String> commitAll(Path workspace, String message) {
        return Optional.of(String.format("%040x", commits.incrementAndGet()));
    }

    @Override
    public Optional<String> commitPaths(Path repository, List<String> paths, String message) {
        return Optional.of(String.format("%040x", commits.incrementAndGet()));
    }

    @Override
    public List<String> discardChanges(Path workspace) {
        return List.of();
    }

    @Override
    public Optional<String> head(Path workspace) {
        return Optional.of(String.format("%040x", commits.get()));
    }

    @Override
    public int commitsBeyond(Path workspace, String base) {
        return 1;
    }

    @Override
    public List<String> filesChanged(Path workspace, String base) {
        return List.of("src/work.txt");
    }
}
