package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentUsage;
import dev.speckitty.orchestrator.core.spi.ParsedVerdict;
import java.time.Duration;
import java.util.List;

/** What an agent task produced; filled on the worker thread, read on the coordinator. */
final class AgentResult {
    boolean interrupted;
    AgentFailure failure;
    String summary = "";
    String stdout = "";
    String error;
    boolean empty;
    String commit;
    String head;
    String headBefore;
    Integer exitCode;
    AgentUsage usage;
    Duration duration = Duration.ZERO;
    ParsedVerdict verdict;
    List<String> discarded = List.of();
    String discardError;
    List<String> filesTouched = List.of();

    /**
     * How the attempt ended, in the words of the run state and the {@code AGENT_FINISHED} event: interrupted, an
     * engine error, a failure with the adapter's one-line reason, no changes, the commit, the verdict, no verdict.
     */
    String outcome(AgentRole role) {
        // A failure keeps the adapter's one-line reason (e.g. "no output for 30 s (idle-output timeout)").
        String failed = summary == null || summary.isBlank() ? "failed" : "failed: " + Texts.oneLine(summary, 200);
        if (interrupted) {
            return "interrupted";
        }
        if (error != null) {
            return "error: " + Texts.oneLine(error, 200);
        }
        if (role == AgentRole.IMPLEMENTER) {
            return failure != null ? failed : empty ? "no changes" : "committed " + Texts.shortSha(head);
        }
        return verdict != null && verdict.verdict().isPresent() ? verdict.verdict().get().wireValue()
                : failure != null ? failed : "no verdict";
    }
}
