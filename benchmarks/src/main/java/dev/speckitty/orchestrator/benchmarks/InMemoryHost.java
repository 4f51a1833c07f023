package dev.speckitty.orchestrator.benchmarks;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A zero-latency, in-memory host for one mission with any number of WPs (ids need not be two digits): the lane rules
 * of the happy and rework paths (planned → in_progress → for_review → in_review → done, in_review → in_progress),
 * dependency checks, and an incrementally maintained ready set so that host cost stays O(1) per call. No git, no
 * files except one prompt file per WP. Records call counts and the instants of done transitions and claims.
 * Thread-safe (every call is synchronized).
 */
final class InMemoryHost implements OrchestratorClient {
    static final String MISSION = "bench-mission";

    private static final class Wp {
        final String id;
        final List<String> deps;
        final List<String> dependents = new ArrayList<>();
        Lane lane = Lane.PLANNED;
        int unmet;
        final String workspace;
        final String prompt;

        Wp(String id, List<String> deps, String workspace, String prompt) {
            this.id = id;
            this.deps = deps;
            this.workspace = workspace;
            this.prompt = prompt;
        }
    }

    private final Map<String, Wp> wps = new LinkedHashMap<>();
    private final Set<String> ready = new LinkedHashSet<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    final Map<String, Long> doneAt = new HashMap<>();
    final Map<String, Long> claimedAt = new HashMap<>();
    private final MissionIdentity identity = MissionIdentity.builder().missionSlug(MISSION)
            .missionType("software-dev").build();

    /** Writes one prompt file per WP under {@code dir} and adopts the graph (dependencies listed before use). */
    InMemoryHost(Path dir, Map<String, List<String>> graph) {
        try {
            Path tasks = Files.createDirectories(dir.resolve("tasks"));
            for (Map.Entry<String, List<String>> e : graph.entrySet()) {
                String id = e.getKey();
                Path prompt = tasks.resolve(id + ".md");
                Files.writeString(prompt, "---\nwork_package_id: " + id + "\ntitle: \"Work " + id
                        + "\"\ndependencies: " + e.getValue() + "\nsubtasks: []\n---\n# " + id + "\n\nDo " + id + ".\n");
                wps.put(id, new Wp(id, List.copyOf(e.getValue()), dir.resolve("ws").resolve(id).toString(),
                        prompt.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Wp wp : wps.values()) {
            wp.unmet = wp.deps.size();
            for (String d : wp.deps) {
                wps.get(d).dependents.add(wp.id);
            }
            if (wp.unmet == 0) {
                ready.add(wp.id);
            }
        }
    }

    synchronized Map<String, Integer> counts() {
        return new TreeMap<>(counts);
    }

    synchronized boolean allDone() {
        return wps.values().stream().allMatch(w -> w.lane == Lane.DONE);
    }

    private void count(String command) {
        counts.merge(command, 1, Integer::sum);
    }

    private static EnvelopeMetadata meta(String command) {
        return EnvelopeMetadata.builder().command("orchestrator-api." + command).contractVersion("1.3.0")
                .timestamp(OffsetDateTime.now()).correlationId("bench").build();
    }

    private static HostErrorException error(String code, String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", message);
        return HostErrorException.of(new HostErrorException.Details(code, "orchestrator-api", "bench", "1.3.0",
                message, data, 1));
    }

    private Wp wp(String id) {
        Wp wp = wps.get(id);
        if (wp == null) {
            throw error("WP_NOT_FOUND", "Work package '" + id + "' not found");
        }
        return wp;
    }

    @Override
    public HostInfo hostInfo() {
        throw new UnsupportedOperationException("not needed by the benchmarks");
    }

    @Override
    public ContractVersionResult contractVersion(ContractVersionRequest request) {
        throw new UnsupportedOperationException("not needed by the benchmarks");
    }

    @Override
    public synchronized MissionStateResult missionState(MissionStateRequest request) {
        count("mission-state");
        MissionStateResult.Builder b = MissionStateResult.builder().metadata(meta("mission-state")).identity(identity);
        for (Wp wp : wps.values()) {
            b.addWorkPackage(WorkPackageState.builder().wpId(wp.id).laneAsString(wp.lane.wireValue())
                    .dependencies(wp.deps).build());
        }
        return b.build();
    }

    @Override
    public synchronized ListReadyResult listReady(ListReadyRequest request) {
        count("list-ready");
        ListReadyResult.Builder b = ListReadyResult.builder().metadata(meta("list-ready")).identity(identity);
        for (String id : ready) {
            b.addReadyWorkPackage(ReadyWorkPackage.builder().wpId(id).laneAsString("planned").build());
        }
        return b.build();
    }

    @Override
    public synchronized ResolveWorkspaceResult resolveWorkspace(ResolveWorkspaceRequest request) {
        count("resolve-workspace");
        Wp wp = wp(request.wp());
        return ResolveWorkspaceResult.builder().metadata(meta("resolve-workspace")).identity(identity).wpId(wp.id)
                .workspacePath(wp.workspace).promptPath(wp.prompt).build();
    }

    @Override
    public synchronized StartImplementationResult startImplementation(StartImplementationRequest request) {
        count("start-implementation");
        Wp wp = wp(request.wp());
        String from = wp.lane.wireValue();
        boolean noOp = wp.lane == Lane.IN_PROGRESS;
        if (wp.lane != Lane.PLANNED && wp.lane != Lane.CLAIMED && !noOp) {
            throw error("TRANSITION_REJECTED", "WP " + wp.id + " is in '" + from + "', cannot start implementation");
        }
        if (wp.unmet > 0) {
            throw error("DEPENDENCIES_NOT_SATISFIED", "WP " + wp.id + " has unmet dependencies");
        }
        wp.lane = Lane.IN_PROGRESS;
        ready.remove(wp.id);
        claimedAt.putIfAbsent(wp.id, System.nanoTime());
        return StartImplementationResult.builder().metadata(meta("start-implementation")).identity(identity)
                .wpId(wp.id).fromLaneAsString(from).toLaneAsString("in_progress").workspacePath(wp.workspace)
                .promptPath(wp.prompt).noOp(noOp).build();
    }

    @Override
    public synchronized StartReviewResult startReview(StartReviewRequest request) {
        count("start-review");
        Wp wp = wp(request.wp());
        String from = wp.lane.wireValue();
        if (wp.lane != Lane.FOR_REVIEW && wp.lane != Lane.IN_REVIEW) {
            throw error("TRANSITION_REJECTED", "WP " + wp.id + " is in '" + from + "', cannot start review");
        }
        boolean noOp = wp.lane == Lane.IN_REVIEW;
        wp.lane = Lane.IN_REVIEW;
        return StartReviewResult.builder().metadata(meta("start-review")).identity(identity).wpId(wp.id)
                .fromLaneAsString(from).toLaneAsString("in_review").promptPath(wp.prompt).noOp(noOp).build();
    }

    @Override
    public synchronized TransitionResult transition(TransitionRequest request) {
        count("transition");
        Wp wp = wp(request.wp());
        Lane from = wp.lane;
        Lane to = request.to();
        boolean ok;
        switch (to) {
            case FOR_REVIEW:
                ok = from == Lane.IN_PROGRESS;
                break;
            case APPROVED:
            case DONE:
                ok = (from == Lane.IN_REVIEW && request.reviewResult().isPresent())
                        || (from == Lane.APPROVED && to == Lane.DONE);
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
            throw error("TRANSITION_REJECTED", "Illegal transition: " + from.wireValue() + " -> " + to.wireValue());
        }
        boolean unlocks = !from.satisfiesDependents() && to.satisfiesDependents();
        wp.lane = to;
        if (unlocks) {
            doneAt.put(wp.id, System.nanoTime());
            for (String d : wp.dependents) {
                Wp dep = wps.get(d);
                if (--dep.unmet == 0 && dep.lane == Lane.PLANNED) {
                    ready.add(d);
                }
            }
        }
        return TransitionResult.builder().metadata(meta("transition")).identity(identity).wpId(wp.id)
                .fromLaneAsString(from.wireValue()).toLaneAsString(to.wireValue()).build();
    }

    @Override
    public synchronized AppendHistoryResult appendHistory(AppendHistoryRequest request) {
        count("append-history");
        return AppendHistoryResult.builder().metadata(meta("append-history")).identity(identity).wpId(request.wp())
                .build();
    }

    @Override
    public synchronized AcceptMissionResult acceptMission(AcceptMissionRequest request) {
        count("accept-mission");
        return AcceptMissionResult.builder().metadata(meta("accept-mission")).identity(identity)
                .acceptedWps(wps.keySet()).build();
    }

    @Override
    public synchronized MergeMissionResult mergeMission(MergeMissionRequest request) {
        count("merge-mission");
        return MergeMissionResult.builder().metadata(meta("merge-mission")).identity(identity)
                .targetBranch(request.target().orElse("main")).strategyAsString("merge").build();
    }

    @Override
    public RawClient raw() {
        throw new UnsupportedOperationException("not needed by the benchmarks");
    }

    @Override
    public void close() {
        // nothing to release
    }
}
