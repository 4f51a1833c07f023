package dev.speckitty.orchestrator.core.internal;

import dev.speckitty.orchestrator.client.HostInfo;
import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.RawClient;
import dev.speckitty.orchestrator.client.model.AcceptMissionRequest;
import dev.speckitty.orchestrator.client.model.AcceptMissionResult;
import dev.speckitty.orchestrator.client.model.AppendHistoryRequest;
import dev.speckitty.orchestrator.client.model.AppendHistoryResult;
import dev.speckitty.orchestrator.client.model.ContractVersionRequest;
import dev.speckitty.orchestrator.client.model.ContractVersionResult;
import dev.speckitty.orchestrator.client.model.ListReadyRequest;
import dev.speckitty.orchestrator.client.model.ListReadyResult;
import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.model.MergeMissionResult;
import dev.speckitty.orchestrator.client.model.MissionStateRequest;
import dev.speckitty.orchestrator.client.model.MissionStateResult;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceRequest;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceResult;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartImplementationResult;
import dev.speckitty.orchestrator.client.model.StartReviewRequest;
import dev.speckitty.orchestrator.client.model.StartReviewResult;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.model.TransitionResult;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Wraps a client and counts every call by command, in total and per WP (a call counts whether it succeeds or not).
 * Thread-safe. {@link #close()} does not close the delegate: the caller owns it.
 */
public final class CountingClient implements OrchestratorClient {
    private final OrchestratorClient delegate;
    private final Map<String, AtomicInteger> totals = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicInteger>> perWp = new ConcurrentHashMap<>();

    /**
     * Wraps a client.
     *
     * @param delegate the real client
     */
    public CountingClient(OrchestratorClient delegate) {
        this.delegate = delegate;
    }

    /** Counts the call (before it runs, so a failing call counts too), then makes it. */
    private <T> T count(String command, String wp, Supplier<T> call) {
        totals.computeIfAbsent(command, k -> new AtomicInteger()).incrementAndGet();
        if (wp != null) {
            perWp.computeIfAbsent(wp, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(command, k -> new AtomicInteger())
                    .incrementAndGet();
        }
        return call.get();
    }

    /**
     * Returns the calls so far by command.
     *
     * @return a sorted snapshot
     */
    public Map<String, Integer> totals() {
        Map<String, Integer> m = new TreeMap<>();
        totals.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /**
     * Returns the calls so far for one WP by command.
     *
     * @param wp the WP id
     * @return a sorted snapshot
     */
    public Map<String, Integer> forWp(String wp) {
        Map<String, Integer> m = new TreeMap<>();
        perWp.getOrDefault(wp, Map.of()).forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    @Override
    public HostInfo hostInfo() {
        return delegate.hostInfo();
    }

    @Override
    public ContractVersionResult contractVersion(ContractVersionRequest request) {
        return count("contract-version", null, () -> delegate.contractVersion(request));
    }

    @Override
    public MissionStateResult missionState(MissionStateRequest request) {
        return count("mission-state", null, () -> delegate.missionState(request));
    }

    @Override
    public ListReadyResult listReady(ListReadyRequest request) {
        return count("list-ready", null, () -> delegate.listReady(request));
    }

    @Override
    public ResolveWorkspaceResult resolveWorkspace(ResolveWorkspaceRequest request) {
        return count("resolve-workspace", request.wp(), () -> delegate.resolveWorkspace(request));
    }

    @Override
    public StartImplementationResult startImplementation(StartImplementationRequest request) {
        return count("start-implementation", request.wp(), () -> delegate.startImplementation(request));
    }

    @Override
    public StartReviewResult startReview(StartReviewRequest request) {
        return count("start-review", request.wp(), () -> delegate.startReview(request));
    }

    @Override
    public TransitionResult transition(TransitionRequest request) {
        return count("transition", request.wp(), () -> delegate.transition(request));
    }

    @Override
    public AppendHistoryResult appendHistory(AppendHistoryRequest request) {
        return count("append-history", request.wp(), () -> delegate.appendHistory(request));
    }

    @Override
    public AcceptMissionResult acceptMission(AcceptMissionRequest request) {
        return count("accept-mission", null, () -> delegate.acceptMission(request));
    }

    @Override
    public MergeMissionResult mergeMission(MergeMissionRequest request) {
        return count("merge-mission", null, () -> delegate.mergeMission(request));
    }

    @Override
    public RawClient raw() {
        return delegate.raw();
    }

    @Override
    public void close() {
        // the caller owns the delegate
    }
}
