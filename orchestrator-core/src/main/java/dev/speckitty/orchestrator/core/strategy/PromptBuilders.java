package dev.speckitty.orchestrator.core.strategy;

import dev.speckitty.orchestrator.core.spi.PromptBuilder;
import dev.speckitty.orchestrator.core.spi.PromptContext;
import java.util.regex.Pattern;

/** Factories of {@link PromptBuilder}s. */
public final class PromptBuilders {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]*");

    private PromptBuilders() {}

    /**
     * Returns the standard prompts.
     *
     * <ul>
     *   <li>Implementation: orchestrator guardrails (stay in the workspace, no branch switching, rebase or push; the
     *       orchestrator commits), the subtask-completion protocol ({@code spec-kitty agent tasks mark-status <id>
     *       --status done --mission <m>} after each subtask), on rework the reviewer's feedback, then the WP prompt.
     *   <li>Review: a read-only reviewer brief (edits are discarded), what to inspect ({@code git diff base..HEAD}),
     *       the explicit verdict protocol (verdict file or {@code VERDICT:} line), then the WP prompt.
     * </ul>
     *
     * @return the builder
     */
    public static PromptBuilder standard() {
        return new Standard();
    }

    private static final class Standard implements PromptBuilder {
        @Override
        public String implementationPrompt(PromptContext c) {
            StringBuilder sb = new StringBuilder();
            sb.append("# Work package ").append(c.wpId()).append(" of mission ").append(c.mission()).append("\n\n");
            sb.append("## Orchestrator guardrails\n\n");
            sb.append("- Work only inside `").append(c.workspace()).append('`');
            c.laneBranch().ifPresent(b -> sb.append(" on branch `").append(b).append('`'));
            sb.append(". Do not edit the primary checkout or other worktrees.\n");
            sb.append("- Do not switch branches, rebase, reset, push or change git configuration. The orchestrator "
                    + "commits everything you leave in the workspace when you finish; you may also commit yourself.\n");
            sb.append("- Do not run `spec-kitty orchestrator-api` and do not move the work package between lanes: "
                    + "the orchestrator does that.\n");
            sb.append("- Never print or write secrets (tokens, keys, passwords).\n");
            sb.append("- Finish with a short summary of what you changed.\n\n");
            if (!c.subtasks().isEmpty()) {
                sb.append("## Agent Subtask Completion Protocol\n\n");
                sb.append("This work package has the subtasks ").append(String.join(", ", c.subtasks()))
                        .append(". Right after you complete each one, mark it done by running:\n\n");
                for (String id : c.subtasks()) {
                    sb.append("    spec-kitty agent tasks mark-status ").append(quote(id))
                            .append(" --status done --mission ").append(quote(c.mission())).append('\n');
                }
                sb.append("\nThe hand-off to review is refused until every subtask is marked done. Mark only what "
                        + "you really completed.\n\n");
            }
            c.reviewFeedback().filter(f -> !f.isBlank()).ifPresent(f -> {
                sb.append("## Review Feedback (address before resubmitting, cycle ").append(c.cycle()).append(")\n\n");
                sb.append(f.strip()).append("\n\n");
            });
            sb.append("---\n\n").append(c.workPackagePrompt());
            return sb.toString();
        }

        @Override
        public String reviewPrompt(PromptContext c) {
            StringBuilder sb = new StringBuilder();
            sb.append("# Review of work package ").append(c.wpId()).append(" of mission ").append(c.mission())
                    .append(" (review cycle ").append(c.cycle()).append(")\n\n");
            sb.append("You are the REVIEWER. This is a read-only review: do not modify, create or delete files, do not "
                    + "commit, do not run `spec-kitty` lane commands. Any change you make to the workspace is "
                    + "discarded.\n\n");
            sb.append("## What to review\n\n");
            sb.append("- Workspace: `").append(c.workspace()).append('`');
            c.laneBranch().ifPresent(b -> sb.append(", branch `").append(b).append('`'));
            sb.append(".\n");
            c.baseCommit().ifPresent(base -> sb.append("- The implementation: `git diff ").append(base)
                    .append("..HEAD` and `git log ").append(base).append("..HEAD`.\n"));
            sb.append("- Check it against the work package below: every requirement and subtask met, tests present and "
                    + "passing, no unrelated changes.\n\n");
            sb.append("## Verdict protocol (required)\n\n");
            sb.append("Write your verdict as JSON to the file named by the environment variable "
                    + "`SPEC_KITTY_VERDICT_FILE`:\n\n");
            sb.append("    {\"verdict\": \"approved\" or \"changes_requested\", \"feedback\": \"<markdown>\"}\n\n");
            sb.append("or end your output with a line `VERDICT: APPROVED` or `VERDICT: CHANGES_REQUESTED`, then a "
                    + "line `FEEDBACK:` followed by your feedback. When requesting changes, name the files and what "
                    + "must change. Without a verdict your review counts as not done.\n\n");
            sb.append("---\n\n").append(c.workPackagePrompt());
            return sb.toString();
        }
    }

    private static String quote(String s) {
        return SAFE.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
