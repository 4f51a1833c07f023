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
    /** How many times accept-mission is sent when its answers are lost. */
    private static final int ACCEPT_SENDS = 3;

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
                AcceptMissionResult res = accept();
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
     * Sends {@code accept-mission}, again after an answer that was lost (up to {@link #ACCEPT_SENDS} sends): a repeat
     * only re-records the acceptance (contract 6.8), so sending it again is safe and the run need not fail on a lost
     * answer. A host refusal is never repeated.
     */
    private AcceptMissionResult accept() {
        AcceptMissionRequest request = AcceptMissionRequest.of(mission(), opt.actor());
        for (int send = 1; ; send++) {
            try {
                return client.acceptMission(request);
            } catch (RuntimeException e) {
                if (send >= ACCEPT_SENDS || !EngineRun.unknownOutcome(e)) {
                    throw e;
                }
                events.hostFailed(null, "accept-mission", e);
                events.emit(EventType.WARNING, null, "the answer to accept-mission was lost (" + errorText(e)
                        + "); sending it again, which at most re-records the acceptance", Map.of());
            }
        }
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
        boolean unknown = EngineRun.unknownOutcome(e);
        fr.outcomeUnknown(unknown);
        if (unknown) {
            messages.add(command + " outcome unknown: the host's answer was lost (" + errorText(e) + ")");
            if (command.equals("merge-mission")) {
                messages.add("the merge may have happened: look at the target branch before running merge-mission"
                        + " again (it is not repeated automatically; the contract leaves a repeated merge unspecified)");
            }
        } else {
            messages.add(command + " refused: " + errorText(e));
        }
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
