package dev.speckitty.orchestrator.testkit.agent;

import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a scripted agent does in one run. Every field is optional: {@link AgentScenario#resolve} overlays the
 * scenario's defaults and the matching rules, and an unset field takes the built-in default named in its Javadoc.
 *
 * <p>Order of a run: record the start in the log; read stdin (if asked); print a header line, the filler output and
 * {@link #stdoutText()}/{@link #stderrText()}; hang (if asked); sleep {@link #durationMillis()}; on a
 * {@link #failure()} print its message and exit; write {@link #files()}; commit (if asked); run {@code spec-kitty
 * agent tasks mark-status}; print the usage line; deliver the verdict; record the end; exit.
 *
 * <p>Strings in file paths, file contents, feedback and the commit message may use the placeholders {@code {wp}},
 * {@code {role}}, {@code {attempt}} and {@code {mission}}.
 */
@Value.Immutable
public interface AgentBehavior {
    /**
     * Returns the exit code. Default 0, or the failure's code (41/42) when {@link #failure()} is set.
     *
     * @return the exit code, if set
     */
    Optional<Integer> exitCode();

    /**
     * Returns how long the agent works (sleeps) before producing its results. Default 0.
     *
     * @return milliseconds, if set
     */
    Optional<Long> durationMillis();

    /**
     * Returns the files to write, relative to the workspace (path → content). Default for implementers: one file
     * {@code impl/{wp}-attempt-{attempt}.txt}; for reviewers none. An empty map writes nothing.
     *
     * @return the files, if set
     */
    Optional<Map<String, String>> files();

    /**
     * Returns whether the agent commits its changes itself ({@code git add -A} and {@code git commit} in the
     * workspace). Default false: the engine commits.
     *
     * @return whether to commit, if set
     */
    Optional<Boolean> commit();

    /**
     * Returns the commit message. Default {@code {wp}: scripted work (attempt {attempt})}.
     *
     * @return the message, if set
     */
    Optional<String> commitMessage();

    /**
     * Returns whether the agent marks its subtasks done by running {@code spec-kitty agent tasks mark-status <ids>
     * --status done --mission <m>}. Default true for implementers, false for reviewers. Nothing runs when the WP
     * has no subtasks.
     *
     * @return whether to mark subtasks, if set
     */
    Optional<Boolean> markSubtasks();

    /**
     * Returns the subtask ids to mark. Default: the {@code subtasks} of the WP's prompt file front matter under
     * {@code $SPEC_KITTY_REPO_ROOT/kitty-specs/<mission>/tasks/} (or the workspace's copy).
     *
     * @return the ids, if set
     */
    Optional<List<String>> subtasks();

    /**
     * Returns the review verdict. Default for reviewers {@link ReviewVerdict#APPROVED}; implementers give none.
     * {@link ReviewVerdict#UNKNOWN} is rejected.
     *
     * @return the verdict, if set
     */
    Optional<ReviewVerdict> verdict();

    /**
     * Returns the review feedback (Markdown). Default a short text matching the verdict.
     *
     * @return the feedback, if set
     */
    Optional<String> feedback();

    /**
     * Returns how the verdict is delivered. Default {@link VerdictDelivery#FILE} when
     * {@code SPEC_KITTY_VERDICT_FILE} is set, else {@link VerdictDelivery#STDOUT}.
     *
     * @return the delivery, if set
     */
    Optional<VerdictDelivery> verdictDelivery();

    /**
     * Returns the number of filler lines printed on stdout. Default 0.
     *
     * @return the count, if set
     */
    Optional<Integer> stdoutLines();

    /**
     * Returns the number of filler lines printed on stderr. Default 0.
     *
     * @return the count, if set
     */
    Optional<Integer> stderrLines();

    /**
     * Returns the number of filler bytes printed on stdout (in 80-byte lines), on top of {@link #stdoutLines()}.
     * Default 0.
     *
     * @return the byte count, if set
     */
    Optional<Long> stdoutBytes();

    /**
     * Returns the number of filler bytes printed on stderr. Default 0.
     *
     * @return the byte count, if set
     */
    Optional<Long> stderrBytes();

    /**
     * Returns whether filler lines contain bytes that are not valid UTF-8. Default false.
     *
     * @return whether to emit invalid UTF-8, if set
     */
    Optional<Boolean> nonUtf8Output();

    /**
     * Returns extra text printed on stdout after the filler (e.g. hand-made {@code VERDICT:} lines).
     *
     * @return the text, if set
     */
    Optional<String> stdoutText();

    /**
     * Returns extra text printed on stderr after the filler.
     *
     * @return the text, if set
     */
    Optional<String> stderrText();

    /**
     * Returns the usage figures printed as a {@code SPEC_KITTY_USAGE:} line. Default none.
     *
     * @return the figures, if set
     */
    Optional<UsageFigures> usage();

    /**
     * Returns a provider failure to imitate (message on stderr, exit 41/42, no files, no verdict). Default none.
     *
     * @return the failure, if set
     */
    Optional<SimulatedFailure> failure();

    /**
     * Returns whether the agent hangs (sleeps until killed) after its header and filler output. Default false.
     *
     * @return whether to hang, if set
     */
    Optional<Boolean> hang();

    /**
     * Returns whether the agent reads its prompt from stdin (to the end) and records it. Default false.
     *
     * @return whether to read stdin, if set
     */
    Optional<Boolean> readPromptFromStdin();

    /**
     * Returns this behaviour with every field that {@code other} sets replaced by {@code other}'s value.
     *
     * @param other the overriding behaviour
     * @return the merged behaviour
     */
    default AgentBehavior overlay(AgentBehavior other) {
        return builder().from(this).from(other).build();
    }

    /** Rejects values no run could honour. */
    @Value.Check
    default void check() {
        durationMillis().filter(d -> d < 0).ifPresent(d -> {
            throw new IllegalArgumentException("durationMillis must not be negative, got " + d);
        });
        for (Optional<? extends Number> n : List.of(stdoutLines(), stderrLines(), stdoutBytes(), stderrBytes())) {
            n.filter(v -> v.longValue() < 0).ifPresent(v -> {
                throw new IllegalArgumentException("output volumes must not be negative, got " + v);
            });
        }
        exitCode().filter(c -> c < 0 || c > 255).ifPresent(c -> {
            throw new IllegalArgumentException("exitCode must be in 0..255, got " + c);
        });
        if (verdict().orElse(null) == ReviewVerdict.UNKNOWN) {
            throw new IllegalArgumentException("verdict must be APPROVED or CHANGES_REQUESTED");
        }
        files().ifPresent(f -> f.keySet().forEach(p -> {
            if (p.isBlank() || p.startsWith("/") || p.startsWith("\\") || p.matches("^[A-Za-z]:.*")
                    || List.of(p.split("[/\\\\]")).contains("..")) {
                throw new IllegalArgumentException("file path '" + p
                        + "' must be relative to the workspace and must not contain '..'");
            }
        }));
    }

    /**
     * Returns a behaviour with no field set (everything at its default).
     *
     * @return the empty behaviour
     */
    static AgentBehavior defaults() {
        return builder().build();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AgentBehavior}. */
    final class Builder extends ImmutableAgentBehavior.Builder {}
}
