package dev.speckitty.orchestrator.client.internal;

import dev.speckitty.orchestrator.client.model.AcceptMissionRequest;
import dev.speckitty.orchestrator.client.model.AppendHistoryRequest;
import dev.speckitty.orchestrator.client.model.DoneEvidence;
import dev.speckitty.orchestrator.client.model.ListReadyRequest;
import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.model.MissionStateRequest;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceRequest;
import dev.speckitty.orchestrator.client.model.ReviewResult;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartReviewRequest;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.spi.TransportOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns requests into ordered options, in mission-era names (the client translates for feature-era hosts). One
 * method per command; each emits every flag the request sets and nothing else.
 */
public final class Marshaller {
    private Marshaller() {}

    /**
     * Options of {@code contract-version}.
     *
     * @param providerVersion the version to announce
     * @return the options
     */
    public static List<TransportOption> contractVersion(String providerVersion) {
        return List.of(TransportOption.of("provider-version", providerVersion));
    }

    /**
     * Options of {@code mission-state}.
     *
     * @param r the request
     * @return the options
     */
    public static List<TransportOption> missionState(MissionStateRequest r) {
        return List.of(TransportOption.of("mission", r.mission()));
    }

    /**
     * Options of {@code list-ready}.
     *
     * @param r the request
     * @return the options
     */
    public static List<TransportOption> listReady(ListReadyRequest r) {
        return List.of(TransportOption.of("mission", r.mission()));
    }

    /**
     * Options of {@code resolve-workspace}.
     *
     * @param r the request
     * @return the options
     */
    public static List<TransportOption> resolveWorkspace(ResolveWorkspaceRequest r) {
        return List.of(TransportOption.of("mission", r.mission()), TransportOption.of("wp", r.wp()));
    }

    /**
     * Options of {@code start-implementation}.
     *
     * @param r the request
     * @return the options
     */
    public static List<TransportOption> startImplementation(StartImplementationRequest r) {
        return List.of(
                TransportOption.of("mission", r.mission()),
                TransportOption.of("wp", r.wp()),
                TransportOption.of("actor", r.actor()),
                TransportOption.of("policy", r.policy().toJson()));
    }

    /**
     * Options of {@code start-review}.
     *
     * @param r the request
     * @return the options
     */
    public static List<TransportOption> startReview(StartReviewRequest r) {
        List<TransportOption> o = new ArrayList<>();
        o.add(TransportOption.of("mission", r.mission()));
        o.add(TransportOption.of("wp", r.wp()));
        o.add(TransportOption.of("actor", r.actor()));
        o.add(TransportOption.of("policy", r.policy().toJson()));
        r.reviewRef().ifPresent(v -> o.add(TransportOption.of("review-ref", v)));
        return List.copyOf(o);
    }

    /**
     * Options of {@code transition}.
     *
     * @param r the request
     * @return the options
     */
    public static List<TransportOption> transition(TransitionRequest r) {
        List<TransportOption> o = new ArrayList<>();
        o.add(TransportOption.of("mission", r.mission()));
        o.add(TransportOption.of("wp", r.wp()));
        o.add(TransportOption.of("to", r.to().wireValue()));
        o.add(TransportOption.of("actor", r.actor()));
        r.note().ifPresent(v -> o.add(TransportOption.of("note", v)));
        r.policy().ifPresent(p -> o.add(TransportOption.of("policy", p.toJson())));
        if (r.force()) {
            o.add(TransportOption.flag("force"));
        }
        r.reviewRef().ifPresent(v -> o.add(TransportOption.of("review-ref", v)));
        r.reviewResult().ifPresent(v -> o.add(TransportOption.of("review-result-json", reviewResultJson(v))));
        r.evidence().ifPresent(v -> o.add(TransportOption.of("evidence-json", evidenceJson(v))));
        if (r.subtasksComplete()) {
            o.add(TransportOption.flag("subtasks-complete"));
        }
        if (r.implementationEvidencePresent()) {
            o.add(TransportOption.flag("implementation-evidence-present"));
        }
        return List.copyOf(o);
    }

    /**
     * Options of {@code append-history}.
     *
     * @param r the request
     * @return the options
     */
    public static List<TransportOption> appendHistory(AppendHistoryRequest r) {
        return List.of(
                TransportOption.of("mission", r.mission()),
                TransportOption.of("wp", r.wp()),
                TransportOption.of("actor", r.actor()),
                TransportOption.of("note", r.note()));
    }

    /**
     * Options of {@code accept-mission}.
     *
     * @param r the request
     * @return the options
     */
    public static List<TransportOption> acceptMission(AcceptMissionRequest r) {
        return List.of(TransportOption.of("mission", r.mission()), TransportOption.of("actor", r.actor()));
    }

    /**
     * Options of {@code merge-mission}.
     *
     * @param r the request
     * @return the options
     */
    public static List<TransportOption> mergeMission(MergeMissionRequest r) {
        List<TransportOption> o = new ArrayList<>();
        o.add(TransportOption.of("mission", r.mission()));
        r.target().ifPresent(v -> o.add(TransportOption.of("target", v)));
        r.strategy().ifPresent(v -> o.add(TransportOption.of("strategy", v.wireValue())));
        if (r.push()) {
            o.add(TransportOption.flag("push"));
        }
        return List.copyOf(o);
    }

    /**
     * Renders a review result as the host's {@code --review-result-json} object.
     *
     * @param r the review result
     * @return compact ASCII-only JSON
     */
    public static String reviewResultJson(ReviewResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reviewer", r.reviewer());
        m.put("verdict", r.verdict().wireValue());
        m.put("reference", r.reference());
        r.feedbackPath().ifPresent(p -> m.put("feedback_path", p));
        return Json.writeAscii(m);
    }

    /**
     * Renders done evidence as the host's {@code --evidence-json} object, omitting empty optional parts (the host
     * crashes on incomplete {@code repos}/{@code verification} items, so only complete ones are ever sent).
     *
     * @param e the evidence
     * @return compact ASCII-only JSON
     */
    public static String evidenceJson(DoneEvidence e) {
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("reviewer", e.review().reviewer());
        review.put("verdict", e.review().verdict().wireValue());
        review.put("reference", e.review().reference());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("review", review);
        if (!e.repos().isEmpty()) {
            List<Object> repos = new ArrayList<>();
            for (DoneEvidence.Repo r : e.repos()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("repo", r.repo());
                item.put("branch", r.branch());
                item.put("commit", r.commit());
                if (!r.filesTouched().isEmpty()) {
                    item.put("files_touched", r.filesTouched());
                }
                repos.add(item);
            }
            m.put("repos", repos);
        }
        if (!e.verification().isEmpty()) {
            List<Object> checks = new ArrayList<>();
            for (DoneEvidence.Verification v : e.verification()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("command", v.command());
                item.put("result", v.result());
                item.put("summary", v.summary());
                checks.add(item);
            }
            m.put("verification", checks);
        }
        return Json.writeAscii(m);
    }
}
