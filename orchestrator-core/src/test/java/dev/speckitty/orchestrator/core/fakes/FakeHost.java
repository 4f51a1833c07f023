package dev.speckitty.orchestrator.core.fakes;

import dev.speckitty.orchestrator.client.HostInfo;
import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.RawClient;
import dev.speckitty.orchestrator.client.error.HostErrorException;
import dev.speckitty.orchestrator.client.model.AcceptMissionRequest;
import dev.speckitty.orchestrator.client.model.AcceptMissionResult;
import dev.speckitty.orchestrator.client.model.AppendHistoryRequest;
import dev.speckitty.orchestrator.client.model.AppendHistoryResult;
import dev.speckitty.orchestrator.client.model.ContractVersionRequest;
import dev.speckitty.orchestrator.client.model.ContractVersionResult;
import dev.speckitty.orchestrator.client.model.EnvelopeMetadata;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.LaneAssignment;
import dev.speckitty.orchestrator.client.model.ListReadyRequest;
import dev.speckitty.orchestrator.client.model.ListReadyResult;
import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.model.MergeMissionResult;
import dev.speckitty.orchestrator.client.model.MissionIdentity;
import dev.speckitty.orchestrator.client.model.MissionStateRequest;
import dev.speckitty.orchestrator.client.model.MissionStateResult;
import dev.speckitty.orchestrator.client.model.ReadyWorkPackage;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceRequest;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceResult;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartImplementationResult;
import dev.speckitty.orchestrator.client.model.StartReviewRequest;
import dev.speckitty.orchestrator.client.model.StartReviewResult;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.model.TransitionResult;
import dev.speckitty.orchestrator.client.model.WorkPackageState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/** A small in-memory host for engine unit tests: lanes, claims, a few guards, call log and fault injection. */
public final class FakeHost implements OrchestratorClient {
    public static final String MISSION = "demo-mission";

    /** One recorded call. */
    public static final class Call {
        public final String command;
        public final String wp;
        public final TransitionRequest transition;
        public final String reviewRef;

        Call(String command, String wp, TransitionRequest transition, String reviewRef) {
            this.command = command;
            this.wp = wp;
            this.transition = transition;
            this.reviewRef = reviewRef;
        }

        @Override
        public String toString() {
            return command + (wp == null ? "" : " " + wp)
                    + (transition == null ? "" : " -> " + transition.to().wireValue());
        }
    }

    /** One WP of the fake mission. */
    public static final class Wp {
        public final String id;
        public final List<String> deps;
        public Lane lane = Lane.PLANNED;
        public String owner;
        public Path workspace;
        public Path prompt;

        Wp(String id, List<String> deps) {
            this.id = id;
            this.deps = deps;
        }
    }

    public final Map<String, Wp> wps = new LinkedHashMap<>();
    public final List<Call> calls = new ArrayList<>();
    private final Map<String, Deque<Supplier<RuntimeException>>> faults = new LinkedHashMap<>();
    private final Map<String, Deque<Supplier<RuntimeException>>> faultsAfter = new LinkedHashMap<>();
    private final Path root;
    /** Gate for {@code in_progress → for_review}: (wp, fake host) → allowed. */
    public volatile BiPredicate<String, FakeHost> handoffGate = (wp, h) -> true;
    public final AtomicInteger mutationsNow = new AtomicInteger();
    public volatile int maxMutationsDuringFirstClaim;
    private volatile boolean firstClaimDone;
    public volatile String mergeRefusal;

    public FakeHost(Path root) {
        this.root = root;
    }

    /** Adds a WP with its prompt file and workspace directory. */
    public Wp add(String id, List<String> deps, String frontMatterExtra) {
        Wp wp = new Wp(id, deps);
        try {
            wp.workspace = Files.createDirectories(root.resolve(".worktrees").resolve(id));
            Path tasks = Files.createDirectories(root.resolve("kitty-specs").resolve(MISSION).resolve("tasks"));
            wp.prompt = tasks.resolve(id + ".md");
            Files.writeString(wp.prompt, "---\nwork_package_id: " + id + "\ntitle: \"" + id + "\"\ndependencies: "
                    + deps + "\nsubtasks: [T" + id.substring(2) + "1]\n" + frontMatterExtra + "---\n# " + id
                    + "\n\nDo the thing for " + id + ".\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        wps.put(id, wp);
        return wp;
    }

    /** Makes the next call of a command (for any WP when wp is null) throw. */
    public synchronized void failNext(String command, String wp, Supplier<RuntimeException> error) {
        faults.computeIfAbsent(command + "|" + wp, k -> new ArrayDeque<>()).add(error);
    }

    /** Makes the next call of a command apply its effect and then throw (a lost answer). */
    public synchronized void failAfterApplying(String command, String wp, Supplier<RuntimeException> error) {
        faultsAfter.computeIfAbsent(command + "|" + wp, k -> new ArrayDeque<>()).add(error);
    }

    public static HostErrorException hostError(String code, String message, Map<String, Object> data) {
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.put("message", message);
        return HostErrorException.of(new HostErrorException.Details(code, "orchestrator-api.x", "corr", "1.3.0",
                message, d, 1));
    }

    public synchronized List<Call> callsFor(String wp) {
        List<Call> out = new ArrayList<>();
        for (Call c : calls) {
            if (wp.equals(c.wp)) {
                out.add(c);
            }
        }
        return out;
    }

    public synchronized List<TransitionRequest> transitions(String wp) {
        List<TransitionRequest> out = new ArrayList<>();
        for (Call c : calls) {
            if (wp.equals(c.wp) && c.transition != null) {
                out.add(c.transition);
            }
        }
        return out;
    }

    public synchronized long count(String command) {
        return calls.stream().filter(c -> c.command.equals(command)).count();
    }

    private void before(String command, String wp, TransitionRequest t, String ref) {
        synchronized (this) {
            calls.add(new Call(command, wp, t, ref));
            Deque<Supplier<RuntimeException>> q = faults.get(command + "|" + wp);
            if (q == null || q.isEmpty()) {
                q = faults.get(command + "|null");
            }
            if (q != null && !q.isEmpty()) {
                throw q.poll().get();
            }
        }
    }

    private synchronized void after(String command, String wp) {
        Deque<Supplier<RuntimeException>> q = faultsAfter.get(command + "|" + wp);
        if (q != null && !q.isEmpty()) {
            throw q.poll().get();
        }
    }

    private static EnvelopeMetadata meta(String command) {
        return EnvelopeMetadata.builder().command("orchestrator-api." + command).contractVersion("1.3.0")
                .timestamp(OffsetDateTime.now()).correlationId("c").build();
    }

    private static MissionIdentity identity() {
        return MissionIdentity.builder().missionSlug(MISSION).missionType("software-dev").build();
    }

    private Wp wp(String id) {
        Wp wp = wps.get(id);
        if (wp == null) {
            throw hostError("WP_NOT_FOUND", "Work package '" + id + "' not found", Map.of());
        }
        return wp;
    }

    private LaneAssignment laneOf(Wp wp) {
        return LaneAssignment.builder().laneId("lane-" + wp.id.toLowerCase()).laneBranch("kitty/" + wp.id)
                .laneBaseRef("base-" + wp.id).build();
    }

    @Override
    public HostInfo hostInfo() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ContractVersionResult contractVersion(ContractVersionRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MissionStateResult missionState(MissionStateRequest request) {
        before("mission-state", null, null, null);
        synchronized (this) {
            MissionStateResult.Builder b = MissionStateResult.builder().metadata(meta("mission-state"))
                    .identity(identity());
            for (Wp wp : wps.values()) {
                b.addWorkPackage(WorkPackageState.builder().wpId(wp.id).laneAsString(wp.lane.wireValue())
                        .dependencies(wp.deps).build());
            }
            return b.build();
        }
    }

    @Override
    public ListReadyResult listReady(ListReadyRequest request) {
        before("list-ready", null, null, null);
        synchronized (this) {
            ListReadyResult.Builder b = ListReadyResult.builder().metadata(meta("list-ready")).identity(identity());
            for (Wp wp : wps.values()) {
                if (wp.lane == Lane.PLANNED && depsOk(wp)) {
                    b.addReadyWorkPackage(ReadyWorkPackage.builder().wpId(wp.id).laneAsString("planned").build());
                }
            }
            return b.build();
        }
    }

    private boolean depsOk(Wp wp) {
        return wp.deps.stream().allMatch(d -> wps.get(d).lane.satisfiesDependents());
    }

    @Override
    public ResolveWorkspaceResult resolveWorkspace(ResolveWorkspaceRequest request) {
        before("resolve-workspace", request.wp(), null, null);
        synchronized (this) {
            Wp wp = wp(request.wp());
            return ResolveWorkspaceResult.builder().metadata(meta("resolve-workspace")).identity(identity())
                    .wpId(wp.id).workspacePath(wp.workspace.toString()).promptPath(wp.prompt.toString())
                    .lane(laneOf(wp)).build();
        }
    }

    @Override
    public StartImplementationResult startImplementation(StartImplementationRequest request) {
        boolean first = !firstClaimDone;
        int now = mutationsNow.incrementAndGet();
        try {
            if (first) {
                maxMutationsDuringFirstClaim = Math.max(maxMutationsDuringFirstClaim, now);
            }
            before("start-implementation", request.wp(), null, null);
            StartImplementationResult r;
            synchronized (this) {
                Wp wp = wp(request.wp());
                String from = wp.lane.wireValue();
                boolean noOp = false;
                if (wp.lane == Lane.PLANNED || wp.lane == Lane.CLAIMED) {
                    if (!depsOk(wp)) {
                        throw hostError("DEPENDENCIES_NOT_SATISFIED", "deps", Map.of());
                    }
                    if (wp.owner != null && !wp.owner.equals(request.actor())) {
                        throw hostError("WP_ALREADY_CLAIMED", "claimed by " + wp.owner,
                                Map.of("claimed_by", wp.owner));
                    }
                } else if (wp.lane == Lane.IN_PROGRESS) {
                    if (wp.owner != null && !wp.owner.equals(request.actor())) {
                        throw hostError("WP_ALREADY_CLAIMED", "WP " + wp.id + " is already claimed for "
                                + "implementation by '" + wp.owner + "'", Map.of("claimed_by", wp.owner));
                    }
                    noOp = true;
                } else {
                    throw hostError("TRANSITION_REJECTED", "WP " + wp.id + " is in '" + from
                            + "', cannot start implementation", Map.of());
                }
                wp.lane = Lane.IN_PROGRESS;
                wp.owner = request.actor();
                r = StartImplementationResult.builder().metadata(meta("start-implementation")).identity(identity())
                        .wpId(wp.id).fromLaneAsString(from).toLaneAsString("in_progress")
                        .workspacePath(wp.workspace.toString()).promptPath(wp.prompt.toString()).noOp(noOp)
                        .lane(laneOf(wp)).build();
            }
            firstClaimDone = true;
            after("start-implementation", request.wp());
            return r;
        } finally {
            mutationsNow.decrementAndGet();
        }
    }

    @Override
    public StartReviewResult startReview(StartReviewRequest request) {
        mutationsNow.incrementAndGet();
        try {
            before("start-review", request.wp(), null, request.reviewRef().orElse(null));
            synchronized (this) {
                Wp wp = wp(request.wp());
                String from = wp.lane.wireValue();
                boolean noOp;
                if (wp.lane == Lane.FOR_REVIEW) {
                    noOp = false;
                } else if (wp.lane == Lane.IN_REVIEW) {
                    noOp = true;
                } else {
                    throw hostError("TRANSITION_REJECTED", "WP " + wp.id + " is in '" + from
                            + "', cannot start review", Map.of());
                }
                wp.lane = Lane.IN_REVIEW;
                return StartReviewResult.builder().metadata(meta("start-review")).identity(identity())
                        .wpId(wp.id).fromLaneAsString(from).toLaneAsString("in_review")
                        .promptPath(wp.prompt.toString()).noOp(noOp).build();
            }
        } finally {
            mutationsNow.decrementAndGet();
        }
    }

    @Override
    public TransitionResult transition(TransitionRequest request) {
        mutationsNow.incrementAndGet();
        try {
            before("transition", request.wp(), request, null);
            TransitionResult r;
            synchronized (this) {
                Wp wp = wp(request.wp());
                Lane from = wp.lane;
                Lane to = request.to();
                if (from == to) {
                    throw hostError("TRANSITION_REJECTED", "Illegal transition: " + from.wireValue() + " -> "
                            + to.wireValue(), Map.of());
                }
                if (request.force()) {
                    // contract 6.5: any move but a non-blank note is required; guards are bypassed
                    if (request.note().map(String::isBlank).orElse(true)) {
                        throw hostError("TRANSITION_REJECTED", "Force transitions require actor and reason", Map.of());
                    }
                    wp.lane = to;
                    r = TransitionResult.builder().metadata(meta("transition")).identity(identity()).wpId(wp.id)
                            .fromLaneAsString(from.wireValue()).toLaneAsString(to.wireValue()).build();
                    after("transition", request.wp());
                    return r;
                }
                if (from == Lane.IN_REVIEW && request.reviewResult().isEmpty()) {
                    throw hostError("TRANSITION_REJECTED",
                            "Transition from in_review requires review_result (structured review outcome)", Map.of());
                }
                if (from == Lane.IN_REVIEW && request.reviewRef().isPresent()
                        && !request.reviewRef().get().equals(request.reviewResult().get().reference())) {
                    throw hostError("TRANSITION_REJECTED", "review_ref must match review_result.reference", Map.of());
                }
                boolean ok;
                switch (to) {
                    case FOR_REVIEW:
                        ok = from == Lane.IN_PROGRESS;
                        if (ok && !handoffGate.test(wp.id, this)) {
                            throw hostError("TRANSITION_REJECTED", wp.id + " cannot move to for_review: subtasks "
                                    + "not complete", Map.of());
                        }
                        break;
                    case DONE:
                    case APPROVED:
                        ok = from == Lane.IN_REVIEW || from == Lane.APPROVED && to == Lane.DONE
                                && request.evidence().isPresent();
                        break;
                    case IN_PROGRESS:
                        ok = from == Lane.IN_REVIEW || from == Lane.BLOCKED;
                        break;
                    case BLOCKED:
                    case CANCELED:
                        ok = from != Lane.DONE && from != Lane.CANCELED;
                        break;
                    default:
                        ok = false;
                }
                if (!ok) {
                    throw hostError("TRANSITION_REJECTED", "Illegal transition: " + from.wireValue() + " -> "
                            + to.wireValue(), Map.of());
                }
                wp.lane = to;
                r = TransitionResult.builder().metadata(meta("transition")).identity(identity()).wpId(wp.id)
                        .fromLaneAsString(from.wireValue()).toLaneAsString(to.wireValue()).build();
            }
            after("transition", request.wp());
            return r;
        } finally {
            mutationsNow.decrementAndGet();
        }
    }

    @Override
    public AppendHistoryResult appendHistory(AppendHistoryRequest request) {
        before("append-history", request.wp(), null, null);
        return AppendHistoryResult.builder().metadata(meta("append-history")).identity(identity())
                .wpId(request.wp()).build();
    }

    @Override
    public AcceptMissionResult acceptMission(AcceptMissionRequest request) {
        before("accept-mission", null, null, null);
        synchronized (this) {
            List<String> incomplete = new ArrayList<>();
            for (Wp wp : wps.values()) {
                if (!wp.lane.satisfiesDependents()) {
                    incomplete.add(wp.id);
                }
            }
            if (!incomplete.isEmpty()) {
                throw hostError("MISSION_NOT_READY", "Mission has " + incomplete.size() + " incomplete WP(s)",
                        Map.of("incomplete_wps", incomplete));
            }
            return AcceptMissionResult.builder().metadata(meta("accept-mission")).identity(identity())
                    .acceptedWps(wps.keySet()).build();
        }
    }

    @Override
    public MergeMissionResult mergeMission(MergeMissionRequest request) {
        before("merge-mission", null, null, null);
        synchronized (this) {
            if (mergeRefusal != null) {
                throw hostError("PREFLIGHT_FAILED", "Merge failed",
                        Map.of("errors", List.of(mergeRefusal), "target_branch", request.target().orElse("main")));
            }
            wps.values().forEach(w -> w.lane = Lane.DONE);
            return MergeMissionResult.builder().metadata(meta("merge-mission")).identity(identity())
                    .targetBranch(request.target().orElse("main"))
                    .strategyAsString(request.strategy().map(s -> s.wireValue()).orElse("merge")).build();
        }
    }

    @Override
    public RawClient raw() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
}
