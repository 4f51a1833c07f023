package dev.speckitty.orchestrator.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.client.error.ClientSideException;
import dev.speckitty.orchestrator.client.error.HostErrorException;
import dev.speckitty.orchestrator.client.error.HostNotFoundException;
import dev.speckitty.orchestrator.client.error.UnsupportedByHostException;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.LaneAssignment;
import dev.speckitty.orchestrator.client.model.ListReadyResult;
import dev.speckitty.orchestrator.client.model.MissionStateResult;
import dev.speckitty.orchestrator.client.model.ReadyWorkPackage;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceRequest;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceResult;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartImplementationResult;
import dev.speckitty.orchestrator.client.model.StartReviewRequest;
import dev.speckitty.orchestrator.client.model.StartReviewResult;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.model.TransitionResult;
import dev.speckitty.orchestrator.client.model.WorkPackageState;
import dev.speckitty.orchestrator.core.internal.CountingClient;
import dev.speckitty.orchestrator.core.internal.FrontMatter;
import dev.speckitty.orchestrator.core.internal.MutationGate;
import dev.speckitty.orchestrator.core.agent.AgentAdapters;
import dev.speckitty.orchestrator.core.agent.AgentProbe;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentChoice;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.FailureContext;
import dev.speckitty.orchestrator.core.spi.FailurePhase;
import dev.speckitty.orchestrator.core.spi.ParsedVerdict;
import dev.speckitty.orchestrator.core.spi.RetryDecision;
import dev.speckitty.orchestrator.core.spi.ScheduleContext;
import dev.speckitty.orchestrator.core.spi.SelectionContext;
import dev.speckitty.orchestrator.core.state.AttemptRecord;
import dev.speckitty.orchestrator.core.state.ReviewRecord;
import dev.speckitty.orchestrator.core.state.RunState;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.core.state.WorkPackageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static dev.speckitty.orchestrator.core.Texts.errorText;
import static dev.speckitty.orchestrator.core.Texts.oneLine;
import static dev.speckitty.orchestrator.core.Texts.shortSha;
import static dev.speckitty.orchestrator.core.Texts.summarySuffix;
import static dev.speckitty.orchestrator.core.Texts.truncate;

/**
 * The coordinator of one run. Every field is touched only on the coordinator thread (the caller of
 * {@link #execute()}), except {@link #queue} and the stop flags. Host calls, agent runs and back-off timers run on
 * worker threads and post their completion back as a closure, which the coordinator applies in order.
 */
final class EngineRun {
    private static final Logger LOG = LoggerFactory.getLogger(EngineRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR = 500;
    /** How many mission-state reads may check a move whose answer was lost before the WP is left undecided. */
    private static final int VERIFY_READS = 5;

    private final OrchestrationEngine.Builder cfg;
    private final EngineOptions opt;
    private final RunRequest request;
    private final CountingClient client;
    private final OrchestrationListener listener;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Tasks tasks;
    private final MutationGate gate;
    private final AgentWork agentWork;
    private final RunReports reports;
    private final HostRequests requests;

    private volatile boolean stopping;
    private volatile boolean stopImmediately;

    private final Map<String, WpRun> wps = new LinkedHashMap<>();
    private final Map<String, String> laneOfWp = new HashMap<>();
    // The WP set and graph are fixed once the mission is loaded: built once, so the scheduler can cache its ranks on
    // the (identical) dependency map and unlocks need not scan every WP.
    private final Map<String, List<WpRun>> dependentsOf = new HashMap<>();
    private final StepIndex steps = new StepIndex();
    private Map<String, List<String>> graph = Map.of();
    private boolean firstClaimInFlight;
    private boolean missionBranchReady;
    private boolean listReadyInFlight;
    private boolean listReadyAgain;
    private boolean reconcileInFlight;
    private boolean confirmedIdle;
    private boolean stateDirty;
    private boolean stateSavedOnce; // the last save was a RUNNING one, so an unchanged RUNNING save may be skipped
    private Instant nextReconcile;

    private String runId;
    private Instant startedAt;
    private Map<String, Object> launchOptions;
    private Path logDir;
    private String missionSlug;

    EngineRun(OrchestrationEngine.Builder cfg, RunRequest request) {
        this.cfg = cfg;
        this.opt = cfg.options;
        this.request = request;
        this.client = new CountingClient(cfg.client);
        this.listener = OrchestrationListener.composite(cfg.listeners);
        this.gate = MutationGate.forRoot(opt.projectRoot());
        this.agentWork = new AgentWork(cfg, request.mission());
        this.reports = new RunReports(request.mission(), wps, client);
        this.requests = new HostRequests(opt, request.mission());
        this.tasks = new Tasks(queue, gate, request.mission(), cfg.sleeper, () -> stopping, () -> stopImmediately);
    }

    String mission() {
        return request.mission();
    }

    void stop(boolean immediate) {
        stopping = true;
        if (immediate) {
            stopImmediately = true;
        }
        queue.add(() -> onStop(immediate));
    }

    // =================================================================================================================
    // Main loop
    // =================================================================================================================

    RunReport execute() {
        try {
            return doExecute();
        } finally {
            tasks.shutdown();
        }
    }

    private RunReport doExecute() {
        initState();
        emit(EventType.RUN_STARTED, null, "run " + runId + " of mission " + mission() + " started",
                Map.of("resumed", String.valueOf(request.resume()), "dry_run", String.valueOf(opt.dryRun())));
        MissionStateResult state = client.missionState(mission());
        missionSlug = state.identity().missionSlug();
        readLanesJson();
        for (WorkPackageState w : state.workPackages()) {
            WpRun wp = new WpRun(w.wpId(), w.dependencies(), w.lane());
            laneOfWp.computeIfPresent(w.wpId(), (k, v) -> {
                wp.laneId = Optional.of(v);
                return v;
            });
            wps.put(w.wpId(), wp);
            wp.indexIn(steps, wps.size());
        }
        indexGraph();
        if (opt.dryRun()) {
            return dryRun();
        }
        Map<String, WorkPackageRecord> previous = previousRecords();
        for (WpRun wp : wps.values()) {
            WorkPackageRecord r = previous.get(wp.id);
            if (r != null) {
                wp.restore(r);
            }
        }
        missionBranchReady = wps.values().stream().anyMatch(w -> w.lane != Lane.PLANNED && w.lane != Lane.BLOCKED
                && w.lane != Lane.CANCELED && w.lane != Lane.GENESIS && w.lane != Lane.UNKNOWN);
        for (WpRun wp : wps.values()) {
            adopt(wp);
        }
        emit(EventType.MISSION_LOADED, null, "mission " + missionSlug + ": " + wps.size() + " work packages",
                Map.of("wps", String.join(",", wps.keySet()), "ready", wps.values().stream()
                        .filter(w -> w.step == WpRun.Step.READY).map(w -> w.id).collect(Collectors.joining(","))));
        saveState(RunStatus.RUNNING, null);
        nextReconcile = now().plus(opt.reconcileInterval());

        while (true) {
            // Handlers only mark the state dirty; it is written once per loop iteration, before dispatch acts on it
            // (so every decision is on disk before the next host call or agent start that depends on it) and after.
            flushState();
            if (!stopping) {
                dispatch();
                flushState();
            }
            if (nothingInFlight()) {
                if (stopping) {
                    break;
                }
                if (!allSettled() && !confirmedIdle) {
                    confirmedIdle = true;
                    reconcile(true);
                    continue;
                }
                break;
            }
            if (stopImmediately) {
                Runnable pending;
                while ((pending = queue.poll()) != null) {
                    apply(pending); // runs the stop handler (event, interrupts) and any finished completions
                }
                break;
            }
            Runnable next;
            try {
                long wait = Math.max(1, Duration.between(now(), nextReconcile).toMillis());
                next = queue.poll(wait, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(true);
                continue;
            }
            if (next == null) {
                if (!reconcileInFlight && !stopping) {
                    reconcile(false);
                }
                nextReconcile = now().plus(opt.reconcileInterval());
                continue;
            }
            apply(next);
            Runnable more;
            while ((more = queue.poll()) != null) {
                apply(more);
            }
        }
        return finish();
    }

    private void apply(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // A bug in a handler must not kill the run silently: record it and keep going.
            LOG.error("orchestrator internal error", e);
            emit(EventType.WARNING, null, "internal error: " + e, Map.of());
        }
    }

    private boolean nothingInFlight() {
        return tasks.idle();
    }

    private boolean allSettled() {
        return wps.values().stream().allMatch(w -> atTarget(w.lane));
    }

    private boolean atTarget(Lane lane) {
        return lane == Lane.DONE || lane == Lane.CANCELED
                || lane == Lane.APPROVED && opt.approveTarget() == ApproveTarget.APPROVED;
    }

    private void onStop(boolean immediate) {
        emit(EventType.STOP_REQUESTED, null, immediate ? "immediate stop requested" : "graceful stop requested",
                Map.of("immediate", String.valueOf(immediate)));
        tasks.interrupt(immediate);
    }

    // =================================================================================================================
    // Adoption and readiness
    // =================================================================================================================

    private void adopt(WpRun wp) {
        if (request.resume() && wp.quarantine.isPresent() && !atTarget(wp.lane)) {
            left(wp, "quarantined: " + wp.quarantine.get());
            return;
        }
        switch (wp.lane) {
            case PLANNED:
            case GENESIS:
                wp.setStep(depsSatisfied(wp) ? WpRun.Step.READY : WpRun.Step.WAIT_DEPS);
                break;
            case CLAIMED:
            case IN_PROGRESS:
                wp.setStep(WpRun.Step.CLAIM);
                wp.continueToHandoff = canContinueToHandoff(wp);
                wp.checkHeadOnClaim = wp.lastCommit.isPresent();
                wp.pendingFeedback = lastChangesRequested(wp);
                break;
            case FOR_REVIEW:
                wp.setStep(WpRun.Step.RESOLVE);
                wp.afterResolve = WpRun.Step.REVIEW_CLAIM;
                break;
            case IN_REVIEW:
                // The host's last_actor is always null, so only our run state tells whose review this is. Ours was
                // cut short when we stopped: put it back to for_review (a forced move, valid on every host with an
                // in_review lane) and review it afresh; re-claiming in place fails on hosts before 3.2.6rc2.
                if (wp.openReviewRef.isPresent()) {
                    wp.setStep(WpRun.Step.REQUEUE_REVIEW);
                } else {
                    foreign(wp, "in review by another reviewer (no review claim of this orchestrator in the run state)"
                            + "; left alone");
                    emit(EventType.WP_LEFT, wp, wp.reason, Map.of("reason", wp.reason));
                }
                break;
            case APPROVED:
                wp.setStep(opt.approveTarget() == ApproveTarget.DONE ? WpRun.Step.COMPLETE_APPROVED
                        : WpRun.Step.FINISHED);
                break;
            case DONE:
            case CANCELED:
                wp.setStep(WpRun.Step.FINISHED);
                break;
            case BLOCKED:
                wp.setStep(WpRun.Step.BLOCKED);
                wp.reason = "blocked" + wp.lastError.map(e -> ": " + e).orElse(" on the host");
                break;
            default:
                foreign(wp, "unknown lane '" + wp.lane.wireValue() + "'");
                break;
        }
    }

    private static boolean canContinueToHandoff(WpRun wp) {
        if (wp.attempts.isEmpty() || wp.lastCommit.isEmpty()) {
            return false;
        }
        AttemptRecord last = wp.attempts.get(wp.attempts.size() - 1);
        return last.role() == AgentRole.IMPLEMENTER && last.failure().isEmpty()
                && last.outcome().startsWith("committed");
    }

    private static Optional<String> lastChangesRequested(WpRun wp) {
        if (wp.reviews.isEmpty()) {
            return Optional.empty();
        }
        ReviewRecord last = wp.reviews.get(wp.reviews.size() - 1);
        return last.verdict().equals(ReviewVerdict.CHANGES_REQUESTED.wireValue())
                ? Optional.of(last.feedback()) : Optional.empty();
    }

    private boolean depsSatisfied(WpRun wp) {
        for (String d : wp.dependencies) {
            WpRun dep = wps.get(d);
            if (dep == null || !dep.lane.satisfiesDependents()) {
                return false;
            }
        }
        return true;
    }

    /** After a WP reached approved/done: ask list-ready once, if the cached graph says a dependent may be ready. */
    private void indexGraph() {
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (WpRun w : wps.values()) {
            graph.put(w.id, w.dependencies);
            for (String d : w.dependencies) {
                dependentsOf.computeIfAbsent(d, k -> new ArrayList<>()).add(w);
            }
        }
        this.graph = java.util.Collections.unmodifiableMap(graph);
    }

    private void onUnlock(WpRun unlocked) {
        boolean candidate = dependentsOf.getOrDefault(unlocked.id, List.of()).stream()
                .anyMatch(w -> w.step == WpRun.Step.WAIT_DEPS
                && (w.lane == Lane.PLANNED || w.lane == Lane.GENESIS)
                && w.dependencies.contains(unlocked.id) && depsSatisfied(w));
        if (!candidate || stopping) {
            return;
        }
        if (listReadyInFlight) {
            listReadyAgain = true;
            return;
        }
        listReadyInFlight = true;
        host(null, "list-ready", false, () -> client.listReady(mission()), (ListReadyResult res, Throwable err) -> {
            listReadyInFlight = false;
            if (err != null) {
                hostFailed(null, "list-ready", err);
                // Fall back to the cached graph: start-implementation re-checks dependencies anyway.
                wps.values().stream().filter(w -> w.step == WpRun.Step.WAIT_DEPS && w.lane == Lane.PLANNED
                        && depsSatisfied(w)).forEach(w -> w.setStep(WpRun.Step.READY));
            } else {
                for (ReadyWorkPackage r : res.readyWorkPackages()) {
                    WpRun w = wps.get(r.wpId());
                    if (w != null && w.step == WpRun.Step.WAIT_DEPS) {
                        w.setStep(WpRun.Step.READY);
                    }
                }
            }
            if (listReadyAgain) {
                listReadyAgain = false;
                onUnlock(unlocked);
            }
        });
    }

    private void reconcile(boolean idleCheck) {
        if (reconcileInFlight) {
            return;
        }
        reconcileInFlight = true;
        host(null, "mission-state", false, () -> client.missionState(mission()),
                (MissionStateResult res, Throwable err) -> {
                    reconcileInFlight = false;
                    nextReconcile = now().plus(opt.reconcileInterval());
                    if (err != null) {
                        hostFailed(null, "mission-state", err);
                        return;
                    }
                    List<String> changes = new ArrayList<>();
                    for (WorkPackageState s : res.workPackages()) {
                        WpRun wp = wps.get(s.wpId());
                        if (wp == null || wp.inFlight || wp.waiting || s.lane() == wp.lane) {
                            continue;
                        }
                        changes.add(wp.id + ":" + wp.lane.wireValue() + "->" + s.lane().wireValue());
                        Lane before = wp.lane;
                        wp.lane = s.lane();
                        if (wp.step.idle() || wp.step == WpRun.Step.READY) {
                            if (wp.step == WpRun.Step.WAIT_DEPS || wp.step == WpRun.Step.READY) {
                                adopt(wp);
                            } else {
                                wp.quarantine = Optional.empty();
                                adopt(wp);
                            }
                        } else {
                            emit(EventType.WARNING, wp, "lane changed by someone else: " + before.wireValue()
                                    + " -> " + s.lane().wireValue(), Map.of());
                            adopt(wp);
                        }
                    }
                    for (WpRun w : wps.values()) {
                        if (w.step == WpRun.Step.WAIT_DEPS && (w.lane == Lane.PLANNED || w.lane == Lane.GENESIS)
                                && depsSatisfied(w)) {
                            w.setStep(WpRun.Step.READY);
                            changes.add(w.id + ":ready");
                        }
                    }
                    if (!changes.isEmpty()) {
                        confirmedIdle = false;
                    }
                    emit(EventType.RECONCILED, null, changes.isEmpty() ? "no changes" : String.join(", ", changes),
                            Map.of("changes", String.valueOf(changes.size()), "idle_check",
                                    String.valueOf(idleCheck)));
                });
    }

    // =================================================================================================================
    // Dispatch
    // =================================================================================================================

    private void dispatch() {
        // Host steps first (they are short), reviews before implementations (finishing unlocks others), claims last.
        for (WpRun wp : steps.snapshot(WpRun.Step.RESOLVE, WpRun.Step.HANDOFF, WpRun.Step.REQUEUE_REVIEW,
                WpRun.Step.REVIEW_CLAIM, WpRun.Step.DECIDE, WpRun.Step.BLOCK, WpRun.Step.COMPLETE_APPROVED,
                WpRun.Step.CLAIM)) {
            if (wp.inFlight || wp.waiting) {
                continue;
            }
            switch (wp.step) {
                case RESOLVE:
                    safely(wp, () -> startResolve(wp));
                    break;
                case HANDOFF:
                    safely(wp, () -> startHandoff(wp));
                    break;
                case REQUEUE_REVIEW:
                    safely(wp, () -> startRequeueReview(wp));
                    break;
                case REVIEW_CLAIM:
                    safely(wp, () -> startReviewClaim(wp));
                    break;
                case DECIDE:
                    safely(wp, () -> startDecision(wp));
                    break;
                case BLOCK:
                    safely(wp, () -> startBlock(wp));
                    break;
                case COMPLETE_APPROVED:
                    safely(wp, () -> startCompleteApproved(wp));
                    break;
                case CLAIM:
                    safely(wp, () -> startClaim(wp));
                    break;
                default:
                    break;
            }
        }
        flushState(); // a WP may have left above: record it before agents start
        for (WpRun wp : steps.snapshot(WpRun.Step.REVIEW)) {
            if (!wp.inFlight && !wp.waiting && wp.step == WpRun.Step.REVIEW) {
                safely(wp, () -> startReviewRun(wp));
            }
        }
        for (WpRun wp : steps.snapshot(WpRun.Step.IMPLEMENT)) {
            if (!wp.inFlight && !wp.waiting && wp.step == WpRun.Step.IMPLEMENT) {
                safely(wp, () -> startImplementationRun(wp));
            }
        }
        List<String> ready = steps.snapshot(WpRun.Step.READY).stream()
                .filter(w -> w.step == WpRun.Step.READY && !w.inFlight && !w.waiting)
                .map(w -> w.id)
                .collect(Collectors.toList());
        if (ready.isEmpty()) {
            return;
        }
        // Counted once per pass and kept up to date below (only this loop changes them), not rescanned per candidate.
        int pending = pendingImplementations();
        Map<String, Integer> busyLanes = busyLanes();
        int free = Math.max(0, opt.maxConcurrent() - tasks.agentsInFlight() - pending);
        List<String> order = cfg.scheduler.order(new PassContext(ready, graph, free));
        for (String id : order) {
            WpRun wp = wps.get(id);
            if (wp == null || wp.step != WpRun.Step.READY || wp.inFlight || wp.waiting) {
                continue;
            }
            if (tasks.agentsInFlight() + pending >= opt.maxConcurrent()) {
                break;
            }
            if (busyLanes.getOrDefault(wp.laneKey(), 0) > 0) {
                continue;
            }
            wp.setStep(WpRun.Step.CLAIM);
            pending++;
            busyLanes.merge(wp.laneKey(), 1, Integer::sum);
            boolean started;
            try {
                started = startClaim(wp);
            } catch (RuntimeException e) {
                internalError(wp, e);
                continue;
            }
            if (!started) {
                wp.setStep(WpRun.Step.READY);
                break;
            }
            if (wp.step != WpRun.Step.CLAIM) {
                // startClaim settled the WP synchronously: recount rather than guess.
                pending = pendingImplementations();
                busyLanes = busyLanes();
            }
        }
    }

    /** Number of active (claimed or beyond) WPs per lane key; a WP may start only on a lane with none. */
    private Map<String, Integer> busyLanes() {
        Map<String, Integer> busy = new HashMap<>();
        for (WpRun.Step s : WpRun.Step.values()) {
            if (s.active()) {
                for (WpRun other : steps.at(s)) {
                    busy.merge(other.laneKey(), 1, Integer::sum);
                }
            }
        }
        return busy;
    }

    private void safely(WpRun wp, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            internalError(wp, e);
        }
    }

    private void internalError(WpRun wp, RuntimeException e) {
        // Never loop on a deterministic bug: leave the WP with the reason instead.
        LOG.error("orchestrator internal error on {}", wp.id, e);
        left(wp, "internal orchestrator error: " + e);
    }

    private int pendingImplementations() {
        int n = steps.count(WpRun.Step.CLAIM);
        for (WpRun w : steps.at(WpRun.Step.IMPLEMENT)) {
            if (!w.inFlight) {
                n++;
            }
        }
        return n;
    }

    private boolean hostCapacity(boolean mutating, boolean firstClaim) {
        if (tasks.hostCallsInFlight() >= opt.hostConcurrency()) {
            return false;
        }
        if (!mutating) {
            return true;
        }
        if (firstClaimInFlight) {
            return false;
        }
        return !firstClaim || tasks.mutationsInFlight() == 0;
    }

    // ---- claim ------------------------------------------------------------------------------------------------------

    private boolean startClaim(WpRun wp) {
        boolean first = !missionBranchReady;
        if (!hostCapacity(true, first)) {
            return false;
        }
        if (first) {
            firstClaimInFlight = true;
        }
        StartImplementationRequest req = requests.claim(wp);
        host(wp, "start-implementation", true, () -> client.startImplementation(req),
                (StartImplementationResult res, Throwable err) -> {
                    if (first) {
                        firstClaimInFlight = false;
                    }
                    if (err != null) {
                        onHostFailure(wp, FailurePhase.CLAIM, "start-implementation", err, WpRun.Step.CLAIM);
                        return;
                    }
                    missionBranchReady = true;
                    wp.hostFailures = 0;
                    Lane before = wp.lane;
                    setWorkspace(wp, res.workspacePath(), res.promptPath(), res.lane());
                    wp.lane = Lane.IN_PROGRESS;
                    emit(EventType.WP_CLAIMED, wp, res.noOp() ? "already claimed by us (no-op)" : "claimed",
                            Map.of("workspace", String.valueOf(wp.workspace), "no_op", String.valueOf(res.noOp())));
                    laneChanged(wp, before);
                    if (wp.checkHeadOnClaim) {
                        wp.checkHeadOnClaim = false;
                        compareResumedHead(wp);
                    }
                    wp.setStep(wp.continueToHandoff ? WpRun.Step.HANDOFF : WpRun.Step.IMPLEMENT);
                    if (wp.continueToHandoff) {
                        wp.notes.add("Resumed: implementation already committed (" + wp.lastCommit.orElse("?") + ")");
                    }
                    wp.continueToHandoff = false;
                    saveQuietly();
                });
        return true;
    }

    /**
     * On resume, compares the workspace HEAD with the commit the run state recorded for the WP. Someone may have
     * committed on top (HEAD descends from it: keep going, the work is kept) or reset or rewritten the branch (the
     * recorded commit is no longer in HEAD's history: continue from HEAD, implement again, keep the recorded commit
     * under a ref and warn with both ids). Either way the finding goes into an event and into the note of the WP's
     * next transition (no extra host call). A few git calls on the coordinator thread, once per resumed WP.
     */
    private void compareResumedHead(WpRun wp) {
        String recorded = wp.lastCommit.orElseThrow();
        Optional<String> head;
        Optional<Boolean> inHistory;
        try {
            head = wp.workspace == null ? Optional.empty() : cfg.git.head(wp.workspace);
            if (head.isEmpty() || head.get().equals(recorded)) {
                return; // unchanged, or no workspace yet (the implementation step reports that)
            }
            inHistory = cfg.git.isAncestorOfHead(wp.workspace, recorded);
        } catch (RuntimeException e) {
            emit(EventType.WARNING, wp, "cannot compare the workspace HEAD with the recorded commit "
                    + shortSha(recorded) + ": " + e.getMessage(), Map.of("recorded_commit", recorded));
            return;
        }
        String now = head.get();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("recorded_commit", recorded);
        fields.put("head", now);
        if (inHistory.orElse(false)) {
            fields.put("relation", "descendant");
            String msg = "workspace HEAD " + shortSha(now) + " is ahead of the recorded commit " + shortSha(recorded)
                    + " (work was added since the last attempt); continuing with it";
            emit(EventType.WARNING, wp, msg, fields);
            wp.notes.add("Resumed: " + msg);
            wp.lastCommit = Optional.of(now);
            return;
        }
        fields.put("relation", inHistory.isPresent() ? "not_in_history" : "unknown");
        String ref = "refs/spec-kitty/kept/" + wp.id + "-" + shortSha(recorded);
        Optional<String> kept;
        try {
            kept = cfg.git.keepCommit(wp.workspace, recorded, ref);
        } catch (RuntimeException e) {
            kept = Optional.empty();
        }
        kept.ifPresent(k -> fields.put("kept_ref", k));
        String msg = "the recorded commit " + recorded + " is " + (inHistory.isPresent() ? "not" : "maybe not")
                + " in the history of the workspace HEAD " + now + " (history rewritten or reset since the last"
                + " attempt); continuing from HEAD and implementing again"
                + kept.map(k -> "; the recorded commit is kept as " + k).orElse("");
        emit(EventType.WARNING, wp, msg, fields);
        wp.notes.add("Resumed: " + msg);
        wp.lastCommit = Optional.of(now);
        wp.continueToHandoff = false;
    }

    private void startResolve(WpRun wp) {
        if (!hostCapacity(false, false)) {
            return;
        }
        host(wp, "resolve-workspace", false, () -> client.resolveWorkspace(ResolveWorkspaceRequest.of(mission(), wp.id)),
                (ResolveWorkspaceResult res, Throwable err) -> {
                    if (err != null) {
                        onHostFailure(wp, FailurePhase.CLAIM, "resolve-workspace", err, WpRun.Step.RESOLVE);
                        return;
                    }
                    wp.hostFailures = 0;
                    setWorkspace(wp, res.workspacePath(), res.promptPath(), res.lane());
                    emit(EventType.WP_CLAIMED, wp, "adopted from " + wp.lane.wireValue(),
                            Map.of("workspace", String.valueOf(wp.workspace), "no_op", "true"));
                    wp.setStep(wp.afterResolve);
                });
    }

    private void setWorkspace(WpRun wp, String workspace, String prompt, Optional<LaneAssignment> lane) {
        wp.workspace = resolvePath(workspace);
        wp.promptPath = resolvePath(prompt);
        lane.ifPresent(l -> {
            wp.laneId = Optional.of(l.laneId());
            wp.laneBranch = Optional.of(l.laneBranch());
            wp.laneBaseRef = Optional.of(l.laneBaseRef());
        });
        try {
            wp.promptText = Files.readString(wp.promptPath, StandardCharsets.UTF_8);
            wp.frontMatter = FrontMatter.parse(wp.promptText);
        } catch (IOException | RuntimeException e) {
            wp.promptText = null; // the implementation step reports it as its failure
        }
    }

    private Path resolvePath(String p) {
        Path path = Path.of(p);
        return path.isAbsolute() ? path : opt.projectRoot().resolve(path).normalize();
    }

    // ---- implementation ---------------------------------------------------------------------------------------------

    /**
     * Picks the agent for the next run of a role, or decides why none runs now: no free slot (wait), the chain is
     * exhausted (block / reviewer-exhaustion decision), or no adapter is registered (an agent failure). Present only
     * when a run may start with an agent that has an adapter.
     */
    private Optional<AgentChoice> chooseAgent(WpRun wp, AgentRole role) {
        if (tasks.agentsInFlight() >= opt.maxConcurrent()) {
            return Optional.empty();
        }
        boolean implementer = role == AgentRole.IMPLEMENTER;
        Optional<AgentChoice> choice = cfg.selector.select(selection(wp, role));
        if (choice.isEmpty()) {
            String why = wp.lastError.map(e -> ": " + e).orElse("");
            if (implementer) {
                block(wp, "all implementation agents exhausted (" + String.join(", ", wp.implTried) + ")" + why);
            } else {
                reviewersExhausted(wp, "no reviewer left to try (" + String.join(", ", wp.reviewTried) + ")" + why);
            }
            return Optional.empty();
        }
        String agent = choice.get().agent();
        if (!agentCapacity(agent)) {
            return Optional.empty();
        }
        if (cfg.adapters.get(agent) == null) {
            onAgentFailure(wp, implementer ? FailurePhase.IMPLEMENTATION : FailurePhase.REVIEW, agent,
                    AgentFailure.MISSING_BINARY, false, "no adapter registered for agent '" + agent + "'");
            return Optional.empty();
        }
        return choice;
    }

    private void startImplementationRun(WpRun wp) {
        Optional<String> feedback = wp.pendingFeedback;
        final String promptText = wp.promptText;
        final Path workspace = wp.workspace;
        final Path promptPath = wp.promptPath;
        final Optional<String> laneBranch = wp.laneBranch;
        final List<String> subtasks = wp.frontMatter.subtasks();
        final int cycle = wp.cycle;
        startAgentRun(wp, AgentRole.IMPLEMENTER,
                attempt -> (feedback.isPresent() ? "rework" : "implementation") + " attempt " + attempt,
                (adapter, choice, attempt, log) -> agentWork.runImplementation(wp.id, promptText, promptPath, workspace,
                        laneBranch, subtasks, feedback, cycle, attempt, adapter, choice, log));
    }

    /** The work of one agent run, on a worker thread, once its agent, attempt number and log file are fixed. */
    @FunctionalInterface
    private interface AgentRunBody {
        AgentResult run(AgentAdapter adapter, AgentChoice choice, int attempt, Path log) throws InterruptedException;
    }

    /**
     * Starts one implementation or review run: picks the agent (or decides why none runs now), counts the attempt,
     * announces it with its log file, and hands the work to a worker; the result comes back to the role's handler.
     */
    private void startAgentRun(WpRun wp, AgentRole role, java.util.function.IntFunction<String> label,
            AgentRunBody body) {
        Optional<AgentChoice> choice = chooseAgent(wp, role);
        if (choice.isEmpty()) {
            return;
        }
        String agent = choice.get().agent();
        AgentAdapter adapter = cfg.adapters.get(agent);
        boolean implementer = role == AgentRole.IMPLEMENTER;
        int attempt;
        if (implementer) {
            attempt = ++wp.implAttempts;
            wp.implAttemptsThisRun++;
        } else {
            attempt = ++wp.reviewAttempts;
            wp.reviewAttemptsThisRun++;
        }
        Instant start = now();
        Path log = logFile(wp, role, attempt, agent);
        emit(EventType.AGENT_STARTED, wp, agent, role, label.apply(attempt),
                Map.of("log", log.toString(), "attempt", String.valueOf(attempt)));
        agentTask(wp, agent, () -> body.run(adapter, choice.get(), attempt, log), res -> {
            if (implementer) {
                onImplementationDone(wp, agent, attempt, start, log, res);
            } else {
                onReviewDone(wp, agent, attempt, start, log, res);
            }
        });
    }

    private void onImplementationDone(WpRun wp, String agent, int attempt, Instant start, Path log, AgentResult res) {
        recordAttempt(wp, AgentRole.IMPLEMENTER, agent, attempt, start, log, res);
        if (res.interrupted) {
            left(wp, "interrupted during implementation");
            return;
        }
        if (res.headBefore != null && wp.headBeforeFirstImpl.isEmpty()) {
            wp.headBeforeFirstImpl = Optional.of(res.headBefore);
        }
        if (res.failure == null && !res.empty && res.error == null) {
            wp.lastCommit = Optional.ofNullable(res.head);
            wp.implementer = agent;
            emit(EventType.COMMITTED, wp, agent, AgentRole.IMPLEMENTER,
                    "implementation committed" + (res.commit == null ? " by the agent" : ""),
                    Map.of("commit", String.valueOf(res.head)));
            wp.notes.add("Implementation by '" + agent + "' (attempt " + attempt + ") committed "
                    + shortSha(res.head));
            wp.setStep(WpRun.Step.HANDOFF);
            saveQuietly();
            return;
        }
        String message = res.error != null ? res.error
                : res.empty ? "the agent finished but produced no changes to commit"
                : "agent failed: " + res.failure.name().toLowerCase(Locale.ROOT) + summarySuffix(res.summary);
        onAgentFailure(wp, FailurePhase.IMPLEMENTATION, agent, res.failure, res.empty, message);
    }

    // ---- hand-off ---------------------------------------------------------------------------------------------------

    private void startHandoff(WpRun wp) {
        if (!hostCapacity(true, false)) {
            return;
        }
        String agent = wp.implementer != null ? wp.implementer : opt.implementationAgents().get(0);
        TransitionRequest req = requests.handoff(wp, agent);
        transition(wp, req, () -> handoffDone(wp), err -> {
            if (err instanceof HostErrorException
                    && "TRANSITION_REJECTED".equals(((HostErrorException) err).errorCodeAsString())) {
                String msg = ((HostErrorException) err).hostMessage().orElse(err.getMessage());
                hostFailed(wp, "transition", err);
                wp.pendingFeedback = Optional.of("The hand-off to review was refused by the host: " + msg
                        + "\nFix this before finishing (commit your work, mark every subtask done).");
                onAgentFailure(wp, FailurePhase.HANDOFF, agent, null, false,
                        "hand-off refused: " + msg, "TRANSITION_REJECTED");
                return;
            }
            onHostFailure(wp, FailurePhase.HANDOFF, "transition", err, WpRun.Step.HANDOFF);
        });
    }

    /**
     * Sends a transition. {@code transition} is not idempotent: after an answer that was lost (a client-side
     * failure), mission-state is re-read, and the move counts as done when the host shows the target lane; otherwise
     * (and for every host refusal) {@code failed} decides.
     */
    private void transition(WpRun wp, TransitionRequest req, Runnable done, Consumer<Throwable> failed) {
        host(wp, "transition", true, () -> client.transition(req), (TransitionResult res, Throwable err) -> {
            if (err == null) {
                done.run();
            } else if (unknownOutcome(err)) {
                verifyLane(wp, req.to(), done, () -> failed.accept(err));
            } else {
                failed.accept(err);
            }
        });
    }

    private void handoffDone(WpRun wp) {
        Lane before = wp.lane;
        wp.lane = Lane.FOR_REVIEW;
        wp.hostFailures = 0;
        wp.notes.clear();
        wp.pendingFeedback = Optional.empty();
        laneChanged(wp, before);
        wp.setStep(WpRun.Step.REVIEW_CLAIM);
        saveQuietly();
    }

    // ---- review -----------------------------------------------------------------------------------------------------

    /**
     * Resume of a WP whose review this orchestrator had claimed: {@code transition --to for_review --force} with a note
     * saying why (contract 6.5: the recovery the flag exists for), then resolved and reviewed like any for_review WP,
     * under a new review reference. No review result is sent: a forced move needs none, and hosts before 1.3.0 refuse
     * one.
     */
    private void startRequeueReview(WpRun wp) {
        if (!hostCapacity(true, false)) {
            return;
        }
        String oldRef = wp.openReviewRef.orElse("?");
        String agent = lastReviewer(wp).orElse(wp.implementer != null ? wp.implementer
                : opt.effectiveReviewAgents().get(0));
        TransitionRequest req = requests.requeue(wp, agent, oldRef);
        transition(wp, req, () -> requeued(wp, oldRef),
                err -> onHostFailure(wp, FailurePhase.REVIEW_CLAIM, "transition", err, WpRun.Step.REQUEUE_REVIEW));
    }

    private void requeued(WpRun wp, String oldRef) {
        Lane before = wp.lane;
        wp.lane = Lane.FOR_REVIEW;
        wp.hostFailures = 0;
        wp.openReviewRef = Optional.empty();
        laneChanged(wp, before);
        emit(EventType.WARNING, wp, "interrupted review " + oldRef + " re-queued to for_review; reviewing again",
                Map.of("review_ref", oldRef));
        wp.afterResolve = WpRun.Step.REVIEW_CLAIM;
        wp.setStep(WpRun.Step.RESOLVE);
        saveQuietly();
    }

    private static Optional<String> lastReviewer(WpRun wp) {
        for (int i = wp.attempts.size() - 1; i >= 0; i--) {
            if (wp.attempts.get(i).role() == AgentRole.REVIEWER) {
                return Optional.of(wp.attempts.get(i).agent());
            }
        }
        return Optional.empty();
    }

    private void startReviewClaim(WpRun wp) {
        if (!hostCapacity(true, false)) {
            return;
        }
        Optional<AgentChoice> reviewer = cfg.selector.select(selection(wp, AgentRole.REVIEWER));
        String ref = HostRequests.reviewRef(wp);
        StartReviewRequest req = requests.reviewClaim(wp, reviewer.map(AgentChoice::agent).orElse("unknown"), ref);
        // Write-ahead: the claim is recorded as ours before it is sent. The host's last_actor is always null, so if
        // the orchestrator dies while start-review is in flight, only this record lets a resume recognise the
        // in_review WP as its own and re-queue it (otherwise it would be left as someone else's review for ever).
        wp.openReviewRef = Optional.of(ref);
        saveQuietly();
        flushState();
        host(wp, "start-review", true, () -> client.startReview(req), (StartReviewResult res, Throwable err) -> {
            if (err != null) {
                if (err instanceof HostErrorException) {
                    wp.openReviewRef = Optional.empty(); // the host refused it: we hold no review claim
                }
                onHostFailure(wp, FailurePhase.REVIEW_CLAIM, "start-review", err, WpRun.Step.REVIEW_CLAIM);
                return;
            }
            wp.hostFailures = 0;
            Lane before = wp.lane;
            wp.lane = Lane.IN_REVIEW;
            laneChanged(wp, before);
            wp.setStep(WpRun.Step.REVIEW);
            saveQuietly();
        });
    }

    private void startReviewRun(WpRun wp) {
        Optional<String> base = wp.laneBaseRef.isPresent() ? wp.laneBaseRef : wp.headBeforeFirstImpl;
        final String promptText = wp.promptText;
        final Path workspace = wp.workspace;
        final Path promptPath = wp.promptPath;
        final Optional<String> laneBranch = wp.laneBranch;
        final int cycle = wp.cycle + 1;
        final boolean discardAllowed = workspace != null && !workspace.toAbsolutePath().normalize()
                .equals(opt.projectRoot().toAbsolutePath().normalize());
        final Optional<String> reviewRef = wp.openReviewRef;
        startAgentRun(wp, AgentRole.REVIEWER, attempt -> "review cycle " + cycle,
                (adapter, choice, attempt, log) -> agentWork.runReview(wp.id, promptText, promptPath, workspace, laneBranch,
                        base, cycle, attempt, adapter, choice, log, discardAllowed, reviewRef));
    }

    private void onReviewDone(WpRun wp, String agent, int attempt, Instant start, Path log, AgentResult res) {
        recordAttempt(wp, AgentRole.REVIEWER, agent, attempt, start, log, res);
        if (!res.discarded.isEmpty()) {
            emit(EventType.REVIEWER_EDITS_DISCARDED, wp, agent, AgentRole.REVIEWER,
                    "discarded " + res.discarded.size() + " reviewer edit(s) from the workspace",
                    Map.of("paths", String.join(",", res.discarded)));
            LOG.info("{}: discarded reviewer edits of '{}' in {}: {}", wp.id, agent, wp.workspace, res.discarded);
        }
        if (res.discardError != null) {
            emit(EventType.WARNING, wp, "could not discard reviewer edits: " + res.discardError, Map.of());
        }
        if (res.interrupted) {
            left(wp, "interrupted during review");
            return;
        }
        if (res.verdict != null && res.verdict.verdict().isPresent()) {
            wp.reviewer = agent;
            wp.verdict = res.verdict;
            wp.filesTouched = res.filesTouched;
            wp.cycle++;
            ReviewVerdict v = res.verdict.verdict().get();
            Path fb = logDir.resolve(wp.id).resolve("review-cycle" + wp.cycle + "-feedback.md");
            try {
                Files.createDirectories(fb.getParent());
                AgentWork.writeUserOnly(fb, res.verdict.feedback());
                wp.verdictFeedbackPath = Optional.of(fb.toString());
            } catch (IOException e) {
                wp.verdictFeedbackPath = Optional.empty();
            }
            wp.reviews.add(ReviewRecord.builder()
                    .cycle(wp.cycle).reviewer(agent).verdict(v.wireValue())
                    .reference(wp.openReviewRef.orElse("")).feedback(truncate(res.verdict.feedback(), 20_000))
                    .feedbackPath(wp.verdictFeedbackPath).recordedAt(now()).build());
            emit(EventType.REVIEW_VERDICT, wp, agent, AgentRole.REVIEWER, v.wireValue() + " (cycle " + wp.cycle + ")",
                    Map.of("verdict", v.wireValue(), "source", res.verdict.source(), "cycle",
                            String.valueOf(wp.cycle)));
            wp.setStep(WpRun.Step.DECIDE);
            saveQuietly();
            return;
        }
        AgentFailure f = res.failure != null ? res.failure : AgentFailure.NO_OUTPUT;
        String message = res.error != null ? res.error
                : res.failure != null ? "reviewer failed: " + f.name().toLowerCase(Locale.ROOT)
                        + summarySuffix(res.summary)
                : "reviewer gave no verdict (no verdict file, no VERDICT line)";
        onAgentFailure(wp, FailurePhase.REVIEW, agent, f, res.failure == null, message);
    }

    private void reviewersExhausted(WpRun wp, String reason) {
        if (opt.reviewerFailureAction() == ReviewerFailureAction.LEAVE_FOR_LATER) {
            left(wp, "review not done: " + reason);
        } else {
            block(wp, "review could not be done: " + reason);
        }
    }

    // ---- decision ---------------------------------------------------------------------------------------------------

    private void startDecision(WpRun wp) {
        if (!hostCapacity(true, false)) {
            return;
        }
        ParsedVerdict v = wp.verdict;
        ReviewVerdict verdict = v.verdict().orElseThrow();
        if (verdict == ReviewVerdict.CHANGES_REQUESTED && wp.cycle >= opt.maxReviewCycles()) {
            block(wp, "review cycle limit (" + opt.maxReviewCycles() + ") reached; last feedback from '"
                    + wp.reviewer + "': " + oneLine(v.feedback(), 300));
            return;
        }
        Lane target = verdict == ReviewVerdict.APPROVED ? opt.approveTarget().lane() : Lane.IN_PROGRESS;
        TransitionRequest req = requests.decision(wp, target);
        transition(wp, req, () -> decisionDone(wp, target),
                err -> onHostFailure(wp, FailurePhase.DECISION, "transition", err, WpRun.Step.DECIDE));
    }

    private void decisionDone(WpRun wp, Lane target) {
        Lane before = wp.lane;
        wp.lane = target;
        wp.hostFailures = 0;
        wp.openReviewRef = Optional.empty();
        wp.notes.clear();
        laneChanged(wp, before);
        if (target == Lane.IN_PROGRESS) {
            wp.pendingFeedback = Optional.of(wp.verdict.feedback().isBlank()
                    ? "The reviewer requested changes without details; re-check every requirement."
                    : wp.verdict.feedback());
            wp.reviewFailures.clear();
            wp.setStep(WpRun.Step.IMPLEMENT);
        } else {
            completed(wp);
        }
        saveQuietly();
    }

    private void completed(WpRun wp) {
        wp.setStep(WpRun.Step.FINISHED);
        wp.lastError = Optional.empty();
        emit(EventType.WP_COMPLETED, wp, "reached " + wp.lane.wireValue(), Map.of());
        onUnlock(wp);
    }

    private void startCompleteApproved(WpRun wp) {
        if (!hostCapacity(true, false)) {
            return;
        }
        transition(wp, requests.completeApproved(wp), () -> decisionDone(wp, Lane.DONE), err -> {
            if (unknownOutcome(err)) {
                onHostFailure(wp, FailurePhase.DECISION, "transition", err, WpRun.Step.COMPLETE_APPROVED);
                return;
            }
            hostFailed(wp, "transition", err);
            left(wp, "approved, but the move to done was refused: " + errorText(err));
        });
    }

    // ---- block ------------------------------------------------------------------------------------------------------

    private void block(WpRun wp, String reason) {
        wp.blockReason = reason;
        wp.lastError = Optional.of(truncate(reason, MAX_ERROR));
        wp.setStep(WpRun.Step.BLOCK);
    }

    private void startBlock(WpRun wp) {
        if (!hostCapacity(true, false)) {
            return;
        }
        TransitionRequest req = requests.block(wp);
        transition(wp, req, () -> blocked(wp), err -> blockFailed(wp, err));
    }

    private void blockFailed(WpRun wp, Throwable err) {
        hostFailed(wp, "transition", err);
        wp.hostFailures++;
        if (wp.hostFailures <= opt.maxAttemptsPerAgent() && unknownOutcome(err)) {
            later(wp, backoff(wp.hostFailures), WpRun.Step.BLOCK);
            return;
        }
        left(wp, "could not move to blocked (" + errorText(err) + "); reason: " + wp.blockReason);
    }

    private void blocked(WpRun wp) {
        Lane before = wp.lane;
        wp.lane = Lane.BLOCKED;
        wp.hostFailures = 0;
        wp.openReviewRef = Optional.empty();
        wp.notes.clear();
        laneChanged(wp, before);
        wp.setStep(WpRun.Step.BLOCKED);
        wp.reason = "blocked: " + wp.blockReason;
        emit(EventType.WP_BLOCKED, wp, wp.blockReason, Map.of("reason", wp.blockReason));
        saveQuietly();
    }

    private void left(WpRun wp, String reason) {
        wp.setStep(WpRun.Step.LEFT);
        wp.reason = reason;
        wp.lastError = Optional.of(truncate(reason, MAX_ERROR));
        emit(EventType.WP_LEFT, wp, reason, Map.of("reason", reason));
        saveQuietly();
    }

    private void foreign(WpRun wp, String reason) {
        wp.setStep(WpRun.Step.FOREIGN);
        wp.reason = reason;
    }

    // =================================================================================================================
    // Failure decisions
    // =================================================================================================================

    private void onAgentFailure(WpRun wp, FailurePhase phase, String agent, AgentFailure failure, boolean empty,
            String message) {
        onAgentFailure(wp, phase, agent, failure, empty, message, null);
    }

    private void onAgentFailure(WpRun wp, FailurePhase phase, String agent, AgentFailure failure, boolean empty,
            String message, String hostCode) {
        boolean review = phase == FailurePhase.REVIEW;
        Map<String, Integer> counts = review ? wp.reviewFailures : wp.implFailures;
        List<String> tried = review ? wp.reviewTried : wp.implTried;
        int n = counts.merge(agent, 1, Integer::sum);
        wp.lastError = Optional.of(truncate(message, MAX_ERROR));
        List<String> triedPlus = new ArrayList<>(tried);
        triedPlus.add(agent);
        boolean fallback = cfg.selector.select(selection(wp, review ? AgentRole.REVIEWER : AgentRole.IMPLEMENTER,
                triedPlus)).isPresent();
        FailureContext.Builder fc = FailureContext.builder().wpId(wp.id).phase(phase).agent(agent)
                .failuresWithAgent(n).fallbackAvailable(fallback).emptyResult(empty).message(oneLine(message, 300));
        if (failure != null) {
            fc.agentFailure(failure);
        }
        if (hostCode != null) {
            fc.hostErrorCode(hostCode);
        }
        RetryDecision d = cfg.retryPolicy.decide(fc.build());
        WpRun.Step again = review ? WpRun.Step.REVIEW : WpRun.Step.IMPLEMENT;
        switch (d.action()) {
            case RETRY:
                emit(EventType.RETRY_SCHEDULED, wp, agent, review ? AgentRole.REVIEWER : AgentRole.IMPLEMENTER,
                        "retrying after " + d.delay().toMillis() + " ms: " + oneLine(message, 200),
                        Map.of("delay_ms", String.valueOf(d.delay().toMillis()), "reason", d.reason()));
                later(wp, d.delay(), again);
                break;
            case FALLBACK:
                if (!tried.contains(agent)) {
                    tried.add(agent);
                }
                Optional<AgentChoice> next = cfg.selector.select(selection(wp,
                        review ? AgentRole.REVIEWER : AgentRole.IMPLEMENTER));
                emit(EventType.AGENT_FALLBACK, wp, agent, review ? AgentRole.REVIEWER : AgentRole.IMPLEMENTER,
                        "giving up on '" + agent + "': " + oneLine(message, 200),
                        Map.of("next", next.map(AgentChoice::agent).orElse(""), "reason", d.reason()));
                later(wp, d.delay(), again);
                break;
            case LEAVE:
                left(wp, d.reason().isBlank() ? message : d.reason());
                break;
            case BLOCK:
            default:
                if (!tried.contains(agent)) {
                    tried.add(agent);
                }
                if (review) {
                    reviewersExhausted(wp, d.reason().isBlank() ? message : d.reason());
                } else {
                    block(wp, (fallback ? "" : "all implementation agents exhausted; ")
                            + (d.reason().isBlank() ? message : d.reason()));
                }
                break;
        }
        saveQuietly();
    }

    private void onHostFailure(WpRun wp, FailurePhase phase, String command, Throwable err, WpRun.Step retryStep) {
        hostFailed(wp, command, err);
        String text = errorText(err);
        wp.lastError = Optional.of(truncate(command + ": " + text, MAX_ERROR));
        if (err instanceof HostNotFoundException || err instanceof UnsupportedByHostException) {
            left(wp, command + " cannot run: " + text);
            return;
        }
        Optional<String> code = err instanceof HostErrorException
                ? Optional.of(((HostErrorException) err).errorCodeAsString()) : Optional.empty();
        if (code.filter("WP_ALREADY_CLAIMED"::equals).isPresent()) {
            foreign(wp, "claimed by another actor: " + text);
            wp.lastError = Optional.of(truncate(text, MAX_ERROR));
            emit(EventType.WP_LEFT, wp, wp.reason, Map.of("reason", wp.reason));
            return;
        }
        if (code.filter("DEPENDENCIES_NOT_SATISFIED"::equals).isPresent() && phase == FailurePhase.CLAIM) {
            wp.setStep(WpRun.Step.WAIT_DEPS);
            wp.reason = "dependencies not satisfied on the host: " + text;
            return;
        }
        wp.hostFailures++;
        FailureContext.Builder fc = FailureContext.builder().wpId(wp.id).phase(phase)
                .failuresWithAgent(wp.hostFailures).message(oneLine(text, 300))
                .hostOutcomeUnknown(code.isEmpty());
        code.ifPresent(fc::hostErrorCode);
        RetryDecision d = cfg.retryPolicy.decide(fc.build());
        switch (d.action()) {
            case RETRY:
            case FALLBACK:
                emit(EventType.RETRY_SCHEDULED, wp, command + " failed, retrying after " + d.delay().toMillis()
                        + " ms: " + oneLine(text, 200), Map.of("delay_ms", String.valueOf(d.delay().toMillis()),
                        "reason", d.reason()));
                later(wp, d.delay(), retryStep);
                break;
            case BLOCK:
                block(wp, d.reason().isBlank() ? command + " failed: " + text : d.reason());
                break;
            case LEAVE:
            default:
                if (phase == FailurePhase.CLAIM && code.isPresent()
                        && !code.get().equals("LANE_ALLOCATION_FAILED")) {
                    wp.quarantine = Optional.of(truncate(command + ": " + text, MAX_ERROR));
                }
                left(wp, d.reason().isBlank() ? command + " failed: " + text : d.reason());
                break;
        }
    }

    /** Whether {@code err} means the host's answer was lost, so whether the call had its effect is unknown. */
    static boolean unknownOutcome(Throwable err) {
        return err instanceof ClientSideException && !(err instanceof HostNotFoundException)
                && !(err instanceof UnsupportedByHostException);
    }

    /**
     * After a lost answer to a non-idempotent call: re-read mission-state and see whether the change happened. Only an
     * answer decides: while the read itself fails the outcome is still unknown, so the read is repeated with back-off
     * (up to {@link #VERIFY_READS} reads) and neither branch runs; sending the move again blindly would be refused as
     * a self-transition and mistaken for a gate refusal. When no read succeeds the WP is left, lane untouched, with
     * the reason (a resume reads the lane afresh).
     */
    private void verifyLane(WpRun wp, Lane expected, Runnable applied, Runnable notApplied) {
        verifyLane(wp, expected, applied, notApplied, 1);
    }

    private void verifyLane(WpRun wp, Lane expected, Runnable applied, Runnable notApplied, int read) {
        host(wp, "mission-state", false, () -> client.missionState(mission()),
                (MissionStateResult res, Throwable err) -> {
                    if (err == null) {
                        if (res.workPackage(wp.id).map(s -> s.lane() == expected).orElse(false)) {
                            emit(EventType.WARNING, wp, "host answer was lost, but mission-state shows the move to "
                                    + expected.wireValue() + " happened", Map.of());
                            applied.run();
                        } else {
                            notApplied.run();
                        }
                        return;
                    }
                    hostFailed(wp, "mission-state", err);
                    if (read >= VERIFY_READS || stopping) {
                        left(wp, "the host's answer to the move to " + expected.wireValue() + " was lost and "
                                + "mission-state could not be read to check whether it happened (" + read
                                + (read == 1 ? " read" : " reads") + "; last: " + oneLine(errorText(err), 200)
                                + "); the lane is left as the host has it, and a resume reads it again");
                        return;
                    }
                    wp.waiting = true;
                    tasks.timer(backoff(read), () -> {
                        wp.waiting = false;
                        verifyLane(wp, expected, applied, notApplied, read + 1);
                    });
                });
    }

    private void later(WpRun wp, Duration delay, WpRun.Step step) {
        wp.setStep(step);
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        wp.waiting = true;
        tasks.timer(delay, () -> wp.waiting = false);
    }

    private Duration backoff(int failures) {
        long ms = opt.initialBackoff().toMillis();
        for (int i = 1; i < failures; i++) {
            ms = Math.min(ms * 2, opt.maxBackoff().toMillis());
        }
        return Duration.ofMillis(Math.min(ms, opt.maxBackoff().toMillis()));
    }

    // =================================================================================================================
    // Tasks
    // =================================================================================================================

    private <T> void host(WpRun wp, String command, boolean mutating, Callable<T> call, BiConsumer<T, Throwable> then) {
        if (wp != null) {
            wp.inFlight = true;
            wp.touch(now());
            confirmedIdle = false;
        }
        tasks.host(mutating, call, (r, e) -> {
            if (wp != null) {
                wp.inFlight = false;
            }
            if (e instanceof InterruptedException && stopping) {
                if (wp != null) {
                    left(wp, "interrupted during " + command);
                }
                return;
            }
            then.accept(r, e);
        });
    }

    private void agentTask(WpRun wp, String agent, Callable<AgentResult> work, Consumer<AgentResult> then) {
        confirmedIdle = false;
        wp.inFlight = true;
        wp.touch(now());
        tasks.agent(agent, wp.id, work, res -> {
            wp.inFlight = false;
            wp.agentTime = wp.agentTime.plus(res.duration);
            wp.touch(now());
            then.accept(res);
        });
    }

    private boolean agentCapacity(String agent) {
        Integer limit = opt.agentConcurrency().get(agent);
        return limit == null || tasks.agentsRunning(agent) < limit;
    }

    // =================================================================================================================
    // Finish and report
    // =================================================================================================================

    private RunReport finish() {
        Optional<FinishReport> finishReport = Optional.empty();
        boolean finishOk = true;
        boolean allReviewed = !wps.isEmpty() && wps.values().stream()
                .allMatch(w -> w.lane == Lane.DONE || w.lane == Lane.APPROVED || w.lane == Lane.CANCELED);
        if (!stopping && allReviewed && (opt.accept() || opt.merge())) {
            FinishReport fr = new FinishPhase(cfg, client, mission(), missionSlug, new FinishPhase.Events() {
                @Override
                public void emit(EventType type, WpRun wp, String message, Map<String, String> fields) {
                    EngineRun.this.emit(type, wp, message, fields);
                }

                @Override
                public void hostFailed(WpRun wp, String command, Throwable err) {
                    EngineRun.this.hostFailed(wp, command, err);
                }
            }).acceptAndMerge(() -> {
                for (WpRun wp : wps.values()) {
                    if (wp.lane == Lane.APPROVED) {
                        wp.lane = Lane.DONE; // merge-mission marks every WP done
                    }
                }
            });
            finishReport = Optional.of(fr);
            finishOk = (!fr.acceptAttempted() || fr.accepted()) && (!fr.mergeAttempted() || fr.merged());
        }
        List<StuckWorkPackage> stuck = new ArrayList<>();
        if (!stopping) {
            for (WpRun wp : wps.values()) {
                if (!atTarget(wp.lane)) {
                    stuck.add(StuckWorkPackage.builder().wpId(wp.id).lane(wp.lane.wireValue())
                            .reason(reports.stuckReason(wp)).lastError(wp.lastError).build());
                }
            }
        }
        RunStatus status;
        Optional<String> failure = Optional.empty();
        if (stopping) {
            status = RunStatus.INTERRUPTED;
            failure = Optional.of("stopped on request");
        } else if (stuck.isEmpty() && finishOk) {
            status = RunStatus.COMPLETED;
        } else {
            status = RunStatus.FAILED;
            if (!stuck.isEmpty()) {
                String summary = stuck.stream().map(StuckWorkPackage::summary).collect(Collectors.joining(", "));
                failure = Optional.of("stalled: nothing can progress. Stuck WPs: " + summary);
                emit(EventType.STALLED, null, failure.get(), Map.of("stuck",
                        stuck.stream().map(StuckWorkPackage::wpId).collect(Collectors.joining(","))));
            } else {
                boolean unknown = finishReport.map(FinishReport::outcomeUnknown).orElse(false);
                failure = Optional.of((unknown ? "finish outcome unknown: " : "finish refused: ")
                        + finishReport.flatMap(FinishReport::errorCode).orElse("?")
                        + " " + finishReport.map(f -> String.join("; ", f.messages())).orElse(""));
            }
        }
        Instant end = now();
        saveState(status, end);
        RunReport report = reports.build(runId, startedAt, status, end, stuck, finishReport, failure, false);
        emit(EventType.RUN_FINISHED, null, "run " + status.name().toLowerCase(Locale.ROOT)
                + failure.map(f -> ": " + f).orElse(""), Map.of("status", status.name().toLowerCase(Locale.ROOT),
                "host_calls", String.valueOf(report.totalHostCalls())));
        return report;
    }

    private static final Duration DRY_RUN_PROBE_TIMEOUT = Duration.ofSeconds(10);

    /** Dry run: checks each agent of the implementation and review chains by its version command only. */
    private List<AgentProbe> probeAgents() {
        List<AgentProbe> probes = new ArrayList<>();
        Set<String> agents = new LinkedHashSet<>(opt.implementationAgents());
        agents.addAll(opt.effectiveReviewAgents());
        for (String agent : agents) {
            AgentAdapter adapter = cfg.adapters.get(agent);
            AgentProbe probe = adapter == null
                    ? AgentProbe.builder().agentId(agent).executable("").installed(false)
                            .problem("no adapter registered for agent '" + agent + "'").build()
                    : AgentAdapters.probe(adapter, DRY_RUN_PROBE_TIMEOUT);
            probes.add(probe);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("agent", agent);
            fields.put("available", String.valueOf(probe.installed() && probe.problem().isEmpty()));
            fields.put("installed", String.valueOf(probe.installed()));
            fields.put("executable", probe.executable());
            probe.path().ifPresent(p -> fields.put("path", p.toString()));
            probe.version().ifPresent(v -> fields.put("version", v));
            probe.problem().ifPresent(v -> fields.put("problem", v));
            emit(EventType.PLAN, null, "agent " + agent + ": " + probe.problem()
                    .map(pr -> "not available (" + pr + ")")
                    .orElse("available" + probe.version().map(v -> " (" + v + ")").orElse("")), fields);
        }
        return probes;
    }

    private RunReport dryRun() {
        List<String> ready = wps.values().stream()
                .filter(w -> (w.lane == Lane.PLANNED || w.lane == Lane.GENESIS) && depsSatisfied(w))
                .map(w -> w.id).collect(Collectors.toList());
        Map<String, List<String>> graph = new LinkedHashMap<>();
        wps.values().forEach(w -> graph.put(w.id, w.dependencies));
        List<String> order = cfg.scheduler.order(ScheduleContext.builder().candidates(ready).dependencies(graph)
                .freeSlots(opt.maxConcurrent()).build());
        for (WpRun wp : wps.values()) {
            Optional<AgentChoice> impl = cfg.selector.select(selection(wp, AgentRole.IMPLEMENTER));
            Optional<AgentChoice> rev = cfg.selector.select(SelectionContext.builder().wpId(wp.id)
                    .role(AgentRole.REVIEWER).implementer(impl.map(AgentChoice::agent)).build());
            emit(EventType.PLAN, wp, "lane " + wp.lane.wireValue() + (ready.contains(wp.id) ? ", ready" : ""),
                    Map.of("implementer", impl.map(AgentChoice::agent).orElse(""),
                            "reviewer", rev.map(AgentChoice::agent).orElse(""),
                            "ready", String.valueOf(ready.contains(wp.id))));
        }
        for (String agent : opt.implementationAgents()) {
            if (!cfg.adapters.isEmpty() && !cfg.adapters.containsKey(agent)) {
                emit(EventType.WARNING, null, "no adapter for implementation agent '" + agent + "'", Map.of());
            }
        }
        List<AgentProbe> probes = probeAgents();
        emit(EventType.PLAN, null, "start order: " + String.join(", ", order),
                Map.of("ready", String.join(",", ready), "order", String.join(",", order)));
        RunReport report = RunReport.builder()
                .from(reports.build(runId, startedAt, RunStatus.COMPLETED, now(), List.of(), Optional.empty(), Optional.empty(), true))
                .agentProbes(probes).build();
        emit(EventType.RUN_FINISHED, null, "dry run finished", Map.of("status", "completed"));
        return report;
    }

    // =================================================================================================================
    // Run state
    // =================================================================================================================

    private Map<String, WorkPackageRecord> loadedRecords = Map.of();

    private void initState() {
        startedAt = now();
        Optional<RunState> prev = Optional.empty();
        if (!opt.dryRun()) {
            prev = cfg.stateStore.load().filter(s -> s.mission().equals(mission()));
        }
        if (request.resume() && prev.isPresent()) {
            RunState p = prev.get();
            runId = p.runId();
            startedAt = p.startedAt();
            launchOptions = request.launchOptions().isEmpty() ? p.launchOptions() : request.launchOptions();
            loadedRecords = p.workPackages();
        } else {
            runId = request.runId().orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
            launchOptions = request.launchOptions();
            // A fresh run keeps only what recognises our own host-side claims (open review refs, last commits).
            Map<String, WorkPackageRecord> carried = new HashMap<>();
            prev.ifPresent(p -> p.workPackages().forEach((id, r) -> carried.put(id, WorkPackageRecord.builder()
                    .wpId(id).openReviewRef(r.openReviewRef()).lastCommit(r.lastCommit())
                    .attempts(lastAttemptOnly(r)).build())));
            loadedRecords = carried;
        }
        logDir = opt.logDirectory().orElse(opt.projectRoot().resolve(".kittify").resolve("orchestrator-logs"))
                .resolve(runId);
    }

    private static List<AttemptRecord> lastAttemptOnly(WorkPackageRecord r) {
        return r.attempts().isEmpty() ? List.of() : List.of(r.attempts().get(r.attempts().size() - 1));
    }

    private Map<String, WorkPackageRecord> previousRecords() {
        return loadedRecords;
    }

    private void saveState(RunStatus status, Instant end) {
        if (opt.dryRun()) {
            return;
        }
        Map<String, WorkPackageRecord> records = new LinkedHashMap<>();
        wps.values().forEach(w -> records.put(w.id, w.record()));
        RunState.Builder b = RunState.builder().runId(runId).mission(mission()).status(status).startedAt(startedAt)
                .launchOptions(launchOptions).workPackages(records);
        if (end != null) {
            b.endedAt(end);
        }
        stateSavedOnce = false;
        cfg.stateStore.save(b.build());
        stateSavedOnce = status == RunStatus.RUNNING && end == null;
    }

    /** Marks the run state as changed; {@link #flushState()} writes it (coalescing the saves of one iteration). */
    private void saveQuietly() {
        stateDirty = true;
    }

    private void flushState() {
        if (!stateDirty) {
            return;
        }
        stateDirty = false;
        if (stateSavedOnce && wps.values().stream().noneMatch(WpRun::recordChanged)) {
            return; // what would be written equals what was written last (status RUNNING, same records)
        }
        try {
            saveState(RunStatus.RUNNING, null);
        } catch (RuntimeException e) {
            LOG.warn("cannot save run state: {}", e.getMessage());
            emit(EventType.WARNING, null, "cannot save run state: " + e.getMessage(), Map.of());
        }
    }

    private void recordAttempt(WpRun wp, AgentRole role, String agent, int attempt, Instant start, Path log,
            AgentResult res) {
        AttemptRecord.Builder a = AttemptRecord.builder().role(role).attempt(attempt).agent(agent).startedAt(start)
                .endedAt(now()).logPath(log.toString());
        if (res.exitCode != null) {
            a.exitCode(res.exitCode);
        }
        if (res.failure != null) {
            a.failure(res.failure);
        }
        String outcome = res.outcome(role);
        a.outcome(outcome);
        if (res.usage != null) {
            a.usage(res.usage);
            wp.usage = RunReports.add(wp.usage, res.usage);
        }
        wp.attempts.add(a.build());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("attempt", String.valueOf(attempt));
        fields.put("outcome", outcome);
        fields.put("duration_ms", String.valueOf(res.duration.toMillis()));
        if (res.exitCode != null) {
            fields.put("exit_code", String.valueOf(res.exitCode));
        }
        if (res.failure != null) {
            fields.put("failure", res.failure.name().toLowerCase(Locale.ROOT));
        }
        if (res.usage != null) {
            res.usage.inputTokens().ifPresent(v -> fields.put("input_tokens", String.valueOf(v)));
            res.usage.outputTokens().ifPresent(v -> fields.put("output_tokens", String.valueOf(v)));
            res.usage.costUsd().ifPresent(v -> fields.put("cost_usd", String.valueOf(v)));
        }
        emit(EventType.AGENT_FINISHED, wp, agent, role, outcome, fields);
    }

    // =================================================================================================================
    // Helpers
    // =================================================================================================================

    private SelectionContext selection(WpRun wp, AgentRole role) {
        return selection(wp, role, role == AgentRole.IMPLEMENTER ? wp.implTried : wp.reviewTried);
    }

    private SelectionContext selection(WpRun wp, AgentRole role, List<String> tried) {
        return SelectionContext.builder().wpId(wp.id).role(role).agentsTried(tried)
                .agentHint(wp.frontMatter.agent()).modelHint(wp.frontMatter.model())
                .implementer(Optional.ofNullable(wp.implementer)).build();
    }

    private void laneChanged(WpRun wp, Lane before) {
        if (before != wp.lane) {
            emit(EventType.LANE_CHANGED, wp, before.wireValue() + " -> " + wp.lane.wireValue(),
                    Map.of("from", before.wireValue(), "to", wp.lane.wireValue()));
        }
    }

    private void hostFailed(WpRun wp, String command, Throwable err) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("command", command);
        if (err instanceof HostErrorException) {
            fields.put("error_code", ((HostErrorException) err).errorCodeAsString());
        } else {
            fields.put("error_code", err.getClass().getSimpleName());
        }
        emit(EventType.HOST_CALL_FAILED, wp, command + " failed: " + oneLine(errorText(err), 300), fields);
    }

    private Path logFile(WpRun wp, AgentRole role, int attempt, String agent) {
        String safeAgent = agent.replaceAll("[^A-Za-z0-9_.-]", "_");
        return logDir.resolve(wp.id).resolve((role == AgentRole.IMPLEMENTER ? "implement" : "review") + "-"
                + attempt + "-" + safeAgent + ".log");
    }

    private String missionDirectory() {
        Path bySelector = opt.projectRoot().resolve("kitty-specs").resolve(mission());
        return Files.isDirectory(bySelector) ? mission() : missionSlug;
    }

    private void readLanesJson() {
        Path file = opt.projectRoot().resolve("kitty-specs").resolve(missionDirectory()).resolve("lanes.json");
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (JsonNode lane : root.path("lanes")) {
                String laneId = lane.path("lane_id").asText("");
                for (JsonNode wp : lane.path("wp_ids")) {
                    if (!laneId.isEmpty()) {
                        laneOfWp.put(wp.asText(), laneId);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read {}: {}", file, e.toString());
        }
    }

    private Instant now() {
        return cfg.clock.instant();
    }

    private void emit(EventType type, WpRun wp, String message, Map<String, String> fields) {
        emit(type, wp, null, null, message, fields);
    }

    private void emit(EventType type, WpRun wp, String agent, AgentRole role, String message,
            Map<String, String> fields) {
        OrchestrationEvent.Builder b = OrchestrationEvent.builder().type(type).timestamp(now())
                .runId(runId == null ? "" : runId).mission(mission()).message(message).fields(fields);
        if (wp != null) {
            b.wpId(wp.id).lane(wp.lane.wireValue());
        }
        if (agent != null) {
            b.agent(agent);
        }
        if (role != null) {
            b.role(role == AgentRole.IMPLEMENTER ? "implementer" : "reviewer");
        }
        try {
            listener.onEvent(b.build());
        } catch (RuntimeException e) {
            LOG.warn("listener failed: {}", e.toString());
        }
    }

}
