package dev.speckitty.orchestrator.client.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * "Done evidence" sent as {@code --evidence-json} (contract section 6.6). Whenever present it must carry a complete
 * {@link Review}; {@code repos} and {@code verification} are optional and omitted from the JSON when empty.
 */
@Value.Immutable
public interface DoneEvidence {
    /**
     * Returns the review part, which the host requires whenever evidence is sent.
     *
     * @return the review evidence
     */
    Review review();

    /**
     * Returns the repositories touched.
     *
     * @return the repository entries, possibly empty
     */
    List<Repo> repos();

    /**
     * Returns the verification commands that were run.
     *
     * @return the verification entries, possibly empty
     */
    List<Verification> verification();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link DoneEvidence}. */
    final class Builder extends ImmutableDoneEvidence.Builder {}

    /** The {@code review} object: who reviewed, the verdict and the review reference. */
    @Value.Immutable
    interface Review {
        /**
         * Returns the reviewer.
         *
         * @return non-blank reviewer
         */
        String reviewer();

        /**
         * Returns the verdict; approval gates require {@link ReviewVerdict#APPROVED}.
         *
         * @return the verdict
         */
        ReviewVerdict verdict();

        /**
         * Returns the review reference.
         *
         * @return non-blank reference
         */
        String reference();

        /** Rejects what the host would reject. */
        @Value.Check
        default void check() {
            Identifiers.requireText("evidence review reviewer", reviewer(), false);
            Identifiers.requireText("evidence review reference", reference(), false);
            if (verdict() == ReviewVerdict.UNKNOWN) {
                throw new IllegalArgumentException("evidence review verdict must be APPROVED or CHANGES_REQUESTED");
            }
        }

        /**
         * Creates review evidence.
         *
         * @param reviewer the reviewer
         * @param verdict the verdict
         * @param reference the review reference
         * @return the value
         */
        static Review of(String reviewer, ReviewVerdict verdict, String reference) {
            return ImmutableReview.builder()
                    .reviewer(reviewer)
                    .verdict(verdict)
                    .reference(reference)
                    .build();
        }
    }

    /** One {@code repos} entry; every key must be present, as the host crashes otherwise. */
    @Value.Immutable
    interface Repo {
        /**
         * Returns the repository name or path.
         *
         * @return the repository
         */
        String repo();

        /**
         * Returns the branch.
         *
         * @return the branch
         */
        String branch();

        /**
         * Returns the commit.
         *
         * @return the commit id
         */
        String commit();

        /**
         * Returns the touched files; omitted from the JSON when empty.
         *
         * @return touched files
         */
        List<String> filesTouched();

        /**
         * Creates a repository entry.
         *
         * @param repo the repository
         * @param branch the branch
         * @param commit the commit
         * @param filesTouched touched files
         * @return the value
         */
        static Repo of(String repo, String branch, String commit, List<String> filesTouched) {
            return ImmutableRepo.builder()
                    .repo(repo)
                    .branch(branch)
                    .commit(commit)
                    .filesTouched(filesTouched)
                    .build();
        }
    }

    /** One {@code verification} entry: a command, its result and a summary (all required by the host). */
    @Value.Immutable
    interface Verification {
        /**
         * Returns the command that was run.
         *
         * @return the command
         */
        String command();

        /**
         * Returns the result: {@code pass}, {@code fail} or {@code skip}.
         *
         * @return the result
         */
        String result();

        /**
         * Returns a one-line summary.
         *
         * @return the summary
         */
        String summary();

        /** Restricts the result to the host's vocabulary. */
        @Value.Check
        default void check() {
            if (!result().equals("pass") && !result().equals("fail") && !result().equals("skip")) {
                throw new IllegalArgumentException(
                        "verification result must be pass, fail or skip, not '" + result() + "'");
            }
        }

        /**
         * Creates a verification entry.
         *
         * @param command the command
         * @param result pass, fail or skip
         * @param summary the summary
         * @return the value
         */
        static Verification of(String command, String result, String summary) {
            return ImmutableVerification.builder()
                    .command(command)
                    .result(result)
                    .summary(summary)
                    .build();
        }
    }

    /**
     * Convenience: evidence with only the review part.
     *
     * @param reviewer the reviewer
     * @param verdict the verdict
     * @param reference the review reference
     * @return the evidence
     */
    static DoneEvidence ofReview(String reviewer, ReviewVerdict verdict, String reference) {
        return builder().review(Review.of(reviewer, verdict, reference)).build();
    }
}
