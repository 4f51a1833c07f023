package dev.speckitty.orchestrator.core.fakes;

import dev.speckitty.orchestrator.core.spi.GitOperations;
import dev.speckitty.orchestrator.core.spi.WorkspaceCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory git: each workspace has dirty files and a commit list; the branch is {@code kitty/<dir name>}. */
public final class FakeGit implements GitOperations {
    static final class Ws {
        final Set<String> dirty = new LinkedHashSet<>();
        final List<String> commits = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
    }

    private final Map<Path, Ws> spaces = new ConcurrentHashMap<>();
    public final List<Path> discards = new ArrayList<>();

    private Ws ws(Path p) {
        return spaces.computeIfAbsent(p.toAbsolutePath().normalize(), k -> new Ws());
    }

    public synchronized void touch(Path workspace, String file) {
        ws(workspace).dirty.add(file);
    }

    public synchronized List<String> commits(Path workspace) {
        return List.copyOf(ws(workspace).commits);
    }

    public synchronized List<String> messages(Path workspace) {
        return List.copyOf(ws(workspace).messages);
    }

    public synchronized boolean dirty(Path workspace) {
        return !ws(workspace).dirty.isEmpty();
    }

    @Override
    public synchronized WorkspaceCheck check(Path workspace) {
        boolean exists = Files.isDirectory(workspace);
        return WorkspaceCheck.builder().exists(exists).gitWorkTree(exists)
                .branch(exists ? Optional.of("kitty/" + workspace.getFileName()) : Optional.empty())
                .dirty(dirty(workspace)).build();
    }

    public final List<String> pathCommits = new ArrayList<>();

    @Override
    public synchronized Optional<String> commitPaths(Path repository, List<String> paths, String message) {
        pathCommits.add(message + " " + paths);
        return Optional.empty();
    }

    @Override
    public synchronized Optional<String> commitAll(Path workspace, String message) {
        Ws w = ws(workspace);
        if (w.dirty.isEmpty()) {
            return Optional.empty();
        }
        w.dirty.clear();
        String id = "c" + workspace.getFileName() + "-" + (w.commits.size() + 1);
        w.commits.add(id);
        w.messages.add(message);
        return Optional.of(id);
    }

    @Override
    public synchronized List<String> discardChanges(Path workspace) {
        Ws w = ws(workspace);
        List<String> d = new ArrayList<>(w.dirty);
        w.dirty.clear();
        discards.add(workspace);
        return d;
    }

    @Override
    public synchronized Optional<String> head(Path workspace) {
        Ws w = ws(workspace);
        return Optional.of(w.commits.isEmpty() ? "base-" + workspace.getFileName()
                : w.commits.get(w.commits.size() - 1));
    }

    @Override
    public synchronized int commitsBeyond(Path workspace, String base) {
        Ws w = ws(workspace);
        int i = w.commits.indexOf(base);
        return i < 0 ? w.commits.size() : w.commits.size() - i - 1;
    }

    @Override
    public synchronized List<String> filesChanged(Path workspace, String base) {
        return List.of("src/" + workspace.getFileName() + ".txt");
    }
}
