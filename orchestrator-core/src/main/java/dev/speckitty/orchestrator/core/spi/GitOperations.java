package dev.speckitty.orchestrator.core.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The git operations the engine needs in a WP workspace (a lane worktree). The one seam through which the engine runs
 * git, so tests can substitute it. Implementations must be thread-safe for different workspaces, apply a timeout to
 * every call, and never touch anything outside the given workspace. Failures throw {@link GitException}.
 */
public interface GitOperations {
    /**
     * Checks a workspace: exists, is a git work tree, which branch is checked out.
     *
     * @param workspace the directory
     * @return the facts (never throws for a missing or non-git directory: that is reported in the result)
     */
    WorkspaceCheck check(Path workspace);

    /**
     * Stages everything ({@code git add -A}) and commits it.
     *
     * @param workspace the work tree
     * @param message the commit message
     * @return the new commit id, or empty when there was nothing to commit
     */
    Optional<String> commitAll(Path workspace, String message);

    /**
     * Commits the current content of the given paths, and only of them, in a repository (used to record the host's
     * own edits, such as the acceptance written to {@code meta.json}, so that the main checkout is clean again before
     * {@code merge-mission}). Other staged or unstaged changes stay as they are.
     *
     * @param repository the work tree
     * @param paths paths relative to the work tree
     * @param message the commit message
     * @return the new commit id, or empty when none of the paths had changes
     * @throws UnsupportedOperationException from implementations written before this method existed (the default);
     *     the engine then reports that it could not commit the paths and carries on
     */
    default Optional<String> commitPaths(Path repository, List<String> paths, String message) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot commit " + paths
                + "; commit them in " + repository + " yourself");
    }

    /**
     * Discards every uncommitted change ({@code reset --hard}, {@code clean -fd}) inside the workspace only.
     *
     * @param workspace the work tree
     * @return the paths that were changed or untracked before the discard (empty when it was clean)
     */
    List<String> discardChanges(Path workspace);

    /**
     * Returns the commit checked out.
     *
     * @param workspace the work tree
     * @return the HEAD commit id, or empty when the repository has no commit
     */
    Optional<String> head(Path workspace);

    /**
     * Tells whether a commit is in the history of HEAD (HEAD is that commit or a descendant of it), e.g. to see
     * whether the commit recorded for a WP survived in its workspace.
     *
     * @param workspace the work tree
     * @param commit a commit id
     * @return true when reachable from HEAD, false when not (or the commit does not exist in the repository), empty
     *     when unknown (the default, for implementations written before this method existed)
     */
    default Optional<Boolean> isAncestorOfHead(Path workspace, String commit) {
        return Optional.empty();
    }

    /**
     * Keeps a commit reachable under a ref ({@code git update-ref}), so that one that left the branch's history (a
     * reset, a rewrite) is not lost to garbage collection.
     *
     * @param workspace the work tree
     * @param commit the commit id
     * @param ref the full ref name, e.g. {@code refs/spec-kitty/kept/WP01-0123abcd}
     * @return the ref when the commit exists and is now kept under it; empty otherwise (also the default, for
     *     implementations written before this method existed)
     */
    default Optional<String> keepCommit(Path workspace, String commit, String ref) {
        return Optional.empty();
    }

    /**
     * Counts the commits reachable from HEAD but not from {@code base}.
     *
     * @param workspace the work tree
     * @param base a commit or ref
     * @return the count
     */
    int commitsBeyond(Path workspace, String base);

    /**
     * Lists the files changed between {@code base} and HEAD.
     *
     * @param workspace the work tree
     * @param base a commit or ref
     * @return repository-relative paths
     */
    List<String> filesChanged(Path workspace, String base);
}
