package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.core.internal.CountingClient;
import dev.speckitty.orchestrator.core.spi.AgentUsage;
import dev.speckitty.orchestrator.core.state.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a run reports: the {@link RunReport} with one {@link WorkPackageReport} per WP (outcome, attempts, usage, host
 * calls, timings), and why a WP that did not reach its target is stuck. Reads the run's WPs on the coordinator
 * thread.
 */
final class RunReports {
    private final String mission;
    private final Map<String, WpRun> wps;
    private final CountingClient client;

    RunReports(String mission, Map<String, WpRun> wps, CountingClient client) {
        this.mission = mission;
        this.wps = wps;
        this.client = client;
    }

    String stuckReason(WpRun wp) {
        switch (wp.step) {
            case WAIT_DEPS:
                List<String> waiting = wp.dependencies.stream()
                        .filter(d -> wps.get(d) == null || !wps.get(d).lane.satisfiesDependents())
                        .map(d -> d + " (" + (wps.get(d) == null ? "missing" : wps.get(d).lane.wireValue()) + ")")
                        .collect(Collectors.toList());
                return waiting.isEmpty() ? (wp.reason.isBlank() ? "waiting for dependencies" : wp.reason)
                        : "waits on " + String.join(", ", waiting);
            case READY:
                return "ready but not started";
            default:
                return wp.reason.isBlank() ? "not finished (step " + wp.step.name().toLowerCase(Locale.ROOT) + ")"
                        : wp.reason;
        }
    }

    RunReport build(String runId, Instant startedAt, RunStatus status, Instant end, List<StuckWorkPackage> stuck,
            Optional<FinishReport> finish, Optional<String> failure, boolean dry) {
        List<WorkPackageReport> list = new ArrayList<>();
        AgentUsage total = AgentUsage.builder().build();
        for (WpRun wp : wps.values()) {
            total = add(total, wp.usage);
            list.add(WorkPackageReport.builder()
                    .wpId(wp.id).outcome(outcome(wp.lane)).lane(wp.lane.wireValue())
                    .implementationAttempts(wp.implAttemptsThisRun).reviewAttempts(wp.reviewAttemptsThisRun)
                    .reviewCycles((int) wp.reviews.size()).lastError(wp.lastError).usage(wp.usage)
                    .hostCalls(client.forWp(wp.id)).agentTime(wp.agentTime)
                    .elapsed(wp.firstStep == null ? Duration.ZERO : Duration.between(wp.firstStep, wp.lastStep))
                    .build());
        }
        return RunReport.builder().runId(runId).mission(mission).status(status).dryRun(dry).startedAt(startedAt)
                .endedAt(end).workPackages(list).stuck(stuck).finish(finish).hostCalls(client.totals())
                .usage(total).failureReason(failure).build();
    }

    private static WorkPackageOutcome outcome(Lane lane) {
        switch (lane) {
            case DONE:
                return WorkPackageOutcome.DONE;
            case APPROVED:
                return WorkPackageOutcome.APPROVED;
            case BLOCKED:
                return WorkPackageOutcome.BLOCKED;
            case CANCELED:
                return WorkPackageOutcome.CANCELED;
            default:
                return WorkPackageOutcome.INCOMPLETE;
        }
    }

    static AgentUsage add(AgentUsage a, AgentUsage b) {
        AgentUsage.Builder r = AgentUsage.builder();
        if (a.inputTokens().isPresent() || b.inputTokens().isPresent()) {
            r.inputTokens(a.inputTokens().orElse(0) + b.inputTokens().orElse(0));
        }
        if (a.outputTokens().isPresent() || b.outputTokens().isPresent()) {
            r.outputTokens(a.outputTokens().orElse(0) + b.outputTokens().orElse(0));
        }
        if (a.costUsd().isPresent() || b.costUsd().isPresent()) {
            r.costUsd(a.costUsd().orElse(0) + b.costUsd().orElse(0));
        }
        return r.build();
    }
}
