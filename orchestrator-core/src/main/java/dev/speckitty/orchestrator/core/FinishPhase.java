package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.client.error.HostErrorException;
import dev.speckitty.orchestrator.client.model.AcceptMissionRequest;
import dev.speckitty.orchestrator.client.model.AcceptMissionResult;
import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.model.MergeMissionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import static dev.speckitty.orchestrator.core.Texts.errorText;

/**
 * The finish phase of a run: {@code accept-mission} and {@code merge-mission} as the options ask, the commit of the
 * acceptance record in between, and each refusal turned into a clear {@link FinishReport} and a
 * {@code FINISH_REFUSED} event. Runs on the coordinator thread once every WP is settled.
 */
final class FinishPhase {
    /** What the finish phase reports back to the run. */
    interface Events {
        void emit(EventType type, WpRun wp, String message, java.util.Map<String, String> fields);

        void hostFailed(WpRun wp, String command, Throwable err);
    }

    private final OrchestrationEngine.Builder cfg;
    private final EngineOptions opt;
    private final dev.speckitty.orchestrator.client.OrchestratorClient client;
    private final String mission;
    private final String missionSlug;
    private final Events events;

    FinishPhase(OrchestrationEngine.Builder cfg, dev.speckitty.orchestrator.client.OrchestratorClient client,
            String mission, String missionSlug, Events events) {
        this.cfg = cfg;
        this.opt = cfg.options;
        this.client = client;
        this.mission = mission;
        this.missionSlug = missionSlug;
        this.events = events;
    }

    private String mission() {
        return mission;
    }

    FinishReport acceptAndMerge(Runnable onMerged) {
        FinishReport.Builder fr = FinishReport.builder().acceptAttempted(false).accepted(false)
                .mergeAttempted(false).merged(false);
        if (opt.accept()) {
            fr.acceptAttempted(true);
            try {
                AcceptMissionResult res = client.acceptMission(AcceptMissionRequest.of(mission(), opt.actor()));
                fr.accepted(true);
                events.emit(EventType.MISSION_ACCEPTED, null, "mission accepted (" + res.acceptedWps().size() + " WPs)",
                        Map.of());
                if (opt.merge()) {
                    commitAcceptanceRecord();
                }
            } catch (RuntimeException e) {
                refusal(fr, "accept-mission", e);
                return fr.build();
            }
        }
        if (opt.merge()) {
            fr.mergeAttempted(true);
            MergeMissionRequest.Builder mb = MergeMissionRequest.builder().mission(mission()).push(opt.mergePush());
            opt.mergeTarget().ifPresent(mb::target);
            opt.mergeStrategy().ifPresent(mb::strategy);
            try {
                MergeMissionResult res = client.mergeMission(mb.build());
                fr.merged(true).mergeTarget(res.targetBranch());
                onMerged.run();
                events.emit(EventType.MISSION_MERGED, null, "mission merged into " + res.targetBranch(),
                        Map.of("target", res.targetBranch(), "strategy", res.strategyAsString()));
            } catch (RuntimeException e) {
                refusal(fr, "merge-mission", e);
            }
        }
        return fr.build();
    }

    /**
     * accept-mission rewrites the mission's meta.json in the main checkout, and merge-mission refuses a dirty main
     * checkout (PREFLIGHT_FAILED, as the real host does): commit that one file so the merge can proceed. Nothing else
     * in the user's checkout is touched.
     */
    private void commitAcceptanceRecord() {
        String meta = "kitty-specs/" + missionDirectory() + "/meta.json";
        try {
            cfg.git.commitPaths(opt.projectRoot(), List.of(meta), "Record acceptance of mission " + missionSlug)
                    .ifPresent(c -> events.emit(EventType.WARNING, null, "committed the acceptance record " + meta
                            + " (" + c + ") so that merge-mission finds a clean checkout", Map.of("commit", c)));
        } catch (RuntimeException e) {
            events.emit(EventType.WARNING, null, "could not commit the acceptance record " + meta + ": " + e.getMessage(),
                    Map.of());
        }
    }

    String missionDirectory() {
        Path bySelector = opt.projectRoot().resolve("kitty-specs").resolve(mission());
        return Files.isDirectory(bySelector) ? mission() : missionSlug;
    }

    private void refusal(FinishReport.Builder fr, String command, RuntimeException e) {
        events.hostFailed(null, command, e);
        List<String> messages = new ArrayList<>();
        messages.add(command + " refused: " + errorText(e));
        if (e instanceof HostErrorException) {
            HostErrorException h = (HostErrorException) e;
            fr.errorCode(h.errorCodeAsString());
            Object errors = h.data().get("errors");
            if (errors instanceof List) {
                for (Object o : (List<?>) errors) {
                    messages.add(String.valueOf(o));
                }
            }
            Object incomplete = h.data().get("incomplete_wps");
            if (incomplete instanceof List) {
                messages.add("incomplete WPs: " + incomplete);
            }
        } else {
            fr.errorCode(e.getClass().getSimpleName());
        }
        fr.addAllMessages(messages);
        events.emit(EventType.FINISH_REFUSED, null, String.join("; ", messages),
                Map.of("command", command, "errors", String.join("\n", messages)));
    }
}
