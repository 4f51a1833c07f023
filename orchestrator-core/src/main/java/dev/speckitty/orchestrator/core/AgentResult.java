package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.core.spi.AgentFailure;
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
}

