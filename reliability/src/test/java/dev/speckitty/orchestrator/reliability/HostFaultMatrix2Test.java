package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartImplementationResult;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.FinishReport;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.reliability.Harness.End;
import dev.speckitty.orchestrator.testkit.host.Fault;
import dev.speckitty.orchestrator.testkit.host.FaultKind;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * More host faults, with in-process healthy agents (the fault is on the host; no agent JVM is needed): mutating calls
 * whose change happened but whose answer was lost, accept-mission and merge-mission refusals, crashes and hangs,
 * append-history and resolve-workspace (resume) faults, error codes and hangs on the reads (mission-state, list-ready)
 * during the run. Every cell keeps {@link Harness#checkInvariants}; each states WP01's expected end, the run status
 * and, for the finish phase, what the report must say.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostFaultMatrix2Test {
    private static final Duration FAST = Duration.ofSeconds(10);
    private static final Duration HANG_TIMEOUT = Duration.ofSeconds(1);

    /**
     * What the finish phase (accept + merge) must report: a failure (which command, code, words, and whether its
     * outcome is unknown because the answer was lost), or, with {@link #completed()}, a finish that succeeded after
     * {@code acceptSends} sends of accept-mission.
     */
    record Finish(boolean accepted, boolean mergeAttempted, boolean merged, String errorCode, String message,
            boolean outcomeUnknown, int acceptSends) {
        static Finish refused(boolean accepted, boolean mergeAttempted, String errorCode, String message) {
            return new Finish(accepted, mergeAttempted, false, errorCode, message, false, 1);
        }

        static Finish unknown(boolean accepted, boolean mergeAttempted, String errorCode, String message) {
            return new Finish(accepted, mergeAttempted, false, errorCode, message, true, 1);
        }

        static Finish completedAfter(int acceptSends) {
            return new Finish(true, true, true, null, null, false, acceptSends);
        }

        boolean completed() {
            return merged;
        }
    }

    /**
     * One row. {@code shape}: the mission; {@code resumeFromForReview}: WP01 is implemented and handed to review
     * before the engine starts (so the engine adopts it with resolve-workspace); {@code options}: engine options on
     * top of the harness defaults; {@code finish}: the expected finish report, when accept/merge is configured.
     */
    record Cell(String name, List<Fault> faults, Duration callTimeout, MissionGenerator shape,
            boolean resumeFromForReview, UnaryOperator<EngineOptions.Builder> options, End expected, Finish finish) {
        @Override
        public String toString() {
            return name + " -> " + expected;
        }
    }

    private static Fault fault(String command, FaultKind kind, boolean afterApply, int... calls) {
        return Fault.builder().command(command).addCalls(calls).kind(kind).afterApply(afterApply)
                .message("simulated " + kind + (afterApply ? " after the change" : "")).build();
    }

    private static Fault error(String command, String code, Map<String, Object> data, int... calls) {
        return Fault.builder().command(command).addCalls(calls).kind(FaultKind.ERROR).errorCode(code)
                .message("simulated " + code).putAllData(data).build();
    }

    private static MissionGenerator single() {
        return MissionGenerator.builder().slug("fin").workPackages(1).shape(DagShape.independent())
                .subtasksPerWorkPackage(0).build();
    }

    static Stream<Cell> cells() {
        List<Cell> c = new ArrayList<>();
        UnaryOperator<EngineOptions.Builder> plain = b -> b;
        // (a) the change happened, the answer was lost: the engine re-reads or repeats idempotently, never twice
        for (FaultKind k : List.of(FaultKind.HANG, FaultKind.CRASH, FaultKind.GARBAGE)) {
            Duration t = k == FaultKind.HANG ? HANG_TIMEOUT : FAST;
            c.add(new Cell("start-implementation#1 " + k + " after the claim", List.of(
                    fault("start-implementation", k, true, 1)), t, Harness.fanOut3(), false, plain, End.DONE, null));
        }
        for (FaultKind k : List.of(FaultKind.HANG, FaultKind.CRASH)) {
            Duration t = k == FaultKind.HANG ? HANG_TIMEOUT : FAST;
            c.add(new Cell("start-review#1 " + k + " after the move to in_review", List.of(
                    fault("start-review", k, true, 1)), t, Harness.fanOut3(), false, plain, End.DONE, null));
            c.add(new Cell("transition#1 (for_review) " + k + " after the move", List.of(
                    fault("transition", k, true, 1)), t, Harness.fanOut3(), false, plain, End.DONE, null));
        }
        // double fault: the hand-off happened, its answer was lost, and the read that checks it fails too: the engine
        // reads again (never re-sends the move, which the host would refuse as for_review -> for_review)
        c.add(new Cell("transition#1 (for_review) HANG after the move + mission-state#2 error", List.of(
                fault("transition", FaultKind.HANG, true, 1),
                error("mission-state", "STATUS_READ_PATH_NOT_FOUND", Map.of(), 2)), HANG_TIMEOUT, Harness.fanOut3(),
                false, plain, End.DONE, null));
        c.add(new Cell("transition#1 (for_review) HANG after the move + mission-state#2 hang", List.of(
                fault("transition", FaultKind.HANG, true, 1), fault("mission-state", FaultKind.HANG, false, 2)),
                HANG_TIMEOUT, Harness.fanOut3(), false, plain, End.DONE, null));
        c.add(new Cell("transition#2 (done) HANG after the move", List.of(fault("transition", FaultKind.HANG, true, 2)),
                HANG_TIMEOUT, Harness.fanOut3(), false, plain, End.DONE, null));
        c.add(new Cell("transition#2 (done) GARBAGE after the move", List.of(
                fault("transition", FaultKind.GARBAGE, true, 2)), FAST, Harness.fanOut3(), false, plain, End.DONE,
                null));

        // (b) the finish phase: refusals are reported (never retried), lost answers as unknown (accept is re-sent)
        UnaryOperator<EngineOptions.Builder> acceptMerge = b -> b.accept(true).merge(true).mergeTarget("main");
        Map<String, Map<String, Object>> acceptCodes = Map.of(
                "MISSION_NOT_FOUND", Map.of(),
                "STATUS_READ_PATH_NOT_FOUND", Map.of("mission_slug", "fin"),
                "MISSION_NOT_READY", Map.of("incomplete_wps", List.of("WP01")),
                "WORKFLOW_EVIDENCE_REQUIRED", Map.of("required_evidence_path", "kitty-specs/fin/workflow-evidence.md"));
        acceptCodes.forEach((code, data) -> c.add(new Cell("accept-mission#1 " + code, List.of(
                error("accept-mission", code, data, 1)), FAST, single(), false, acceptMerge, End.DONE,
                Finish.refused(false, false, code, "simulated " + code))));
        // a lost answer to accept-mission: sent again (a repeat only re-records the acceptance), then the merge
        c.add(new Cell("accept-mission#1 crash", List.of(fault("accept-mission", FaultKind.CRASH, false, 1)), FAST,
                single(), false, acceptMerge, End.DONE, Finish.completedAfter(2)));
        c.add(new Cell("accept-mission#1 hang", List.of(fault("accept-mission", FaultKind.HANG, false, 1)),
                HANG_TIMEOUT, single(), false, acceptMerge, End.DONE, Finish.completedAfter(2)));
        c.add(new Cell("accept-mission#1-#3 crash (every send)", List.of(
                fault("accept-mission", FaultKind.CRASH, false, 1, 2, 3)), FAST, single(), false, acceptMerge,
                End.DONE, new Finish(false, false, false, "NoEnvelopeException", "simulated CRASH", true, 3)));
        Map<String, Map<String, Object>> mergeCodes = Map.of(
                "UNSUPPORTED_STRATEGY", Map.of("strategy", "octopus", "supported", List.of("merge", "rebase", "squash")),
                "MISSION_NOT_FOUND", Map.of(),
                "STATUS_READ_PATH_NOT_FOUND", Map.of("mission_slug", "fin"),
                "PREFLIGHT_FAILED", Map.of("target_branch", "main",
                        "errors", List.of("Target branch 'main' does not exist locally or on origin.")));
        mergeCodes.forEach((code, data) -> c.add(new Cell("merge-mission#1 " + code, List.of(
                error("merge-mission", code, data, 1)), FAST, single(), false, acceptMerge, End.DONE,
                Finish.refused(true, true, code, code.equals("PREFLIGHT_FAILED")
                        ? "does not exist locally or on origin" : "simulated " + code))));
        c.add(new Cell("merge-mission#1 crash", List.of(fault("merge-mission", FaultKind.CRASH, false, 1)), FAST,
                single(), false, acceptMerge, End.DONE,
                Finish.unknown(true, true, "NoEnvelopeException", "simulated CRASH")));
        c.add(new Cell("merge-mission#1 hang", List.of(fault("merge-mission", FaultKind.HANG, false, 1)),
                HANG_TIMEOUT, single(), false, acceptMerge, End.DONE,
                Finish.unknown(true, true, "HostTimeoutException", "look at the target branch")));
        // the merge happened but its answer was lost: reported with an unknown outcome, never merged twice
        c.add(new Cell("merge-mission#1 hang after the merge", List.of(fault("merge-mission", FaultKind.HANG, true, 1)),
                HANG_TIMEOUT, single(), false, acceptMerge, End.DONE,
                Finish.unknown(true, true, "HostTimeoutException", "the merge may have happened")));
        c.add(new Cell("accept-mission#1 crash after the acceptance", List.of(
                fault("accept-mission", FaultKind.CRASH, true, 1)), FAST, single(), false, acceptMerge, End.DONE,
                Finish.completedAfter(2)));
        c.add(new Cell("merge-mission#1 crash after the merge", List.of(
                fault("merge-mission", FaultKind.CRASH, true, 1)), FAST, single(), false, acceptMerge, End.DONE,
                Finish.unknown(true, true, "NoEnvelopeException", "the merge may have happened")));
        // a lost answer on the move to done whose verification read fails too: the next read finds the WP done
        c.add(new Cell("transition#2 (done) HANG after the move + mission-state#2 crash", List.of(
                fault("transition", FaultKind.HANG, true, 2), fault("mission-state", FaultKind.CRASH, false, 2)),
                HANG_TIMEOUT, Harness.fanOut3(), false, plain, End.DONE, null));

        // (c) append-history: the engine never calls it (notes travel with the transitions), so its faults are moot
        c.add(new Cell("append-history (every call) HISTORY_COMMIT_FAILED", List.of(
                error("append-history", "HISTORY_COMMIT_FAILED", Map.of())), FAST, Harness.fanOut3(), false, plain,
                End.DONE, null));
        c.add(new Cell("append-history (every call) crash", List.of(fault("append-history", FaultKind.CRASH, false)),
                FAST, Harness.fanOut3(), false, plain, End.DONE, null));
        // (c) resolve-workspace when the engine adopts a WP already handed to review
        c.add(new Cell("resolve-workspace#1 crash on resume", List.of(
                fault("resolve-workspace", FaultKind.CRASH, false, 1)), FAST, Harness.fanOut3(), true, plain,
                End.DONE, null));
        c.add(new Cell("resolve-workspace#1 hang on resume", List.of(
                fault("resolve-workspace", FaultKind.HANG, false, 1)), HANG_TIMEOUT, Harness.fanOut3(), true, plain,
                End.DONE, null));
        for (String code : List.of("WP_NOT_FOUND", "MISSION_NOT_FOUND", "STATUS_READ_PATH_NOT_FOUND")) {
            c.add(new Cell("resolve-workspace#1 " + code + " on resume", List.of(
                    error("resolve-workspace", code, Map.of(), 1)), FAST, Harness.fanOut3(), true, plain, End.LEFT,
                    null));
        }
        // (c) error codes on the reads during the run, (d) answers slower than the call timeout
        for (String code : List.of("STATUS_READ_PATH_NOT_FOUND", "SERVICE_UNAVAILABLE")) {
            c.add(new Cell("list-ready#1 " + code, List.of(error("list-ready", code, Map.of(), 1)), FAST,
                    Harness.fanOut3(), false, plain, End.DONE, null));
        }
        c.add(new Cell("list-ready#1 latency 1.5 s > 1 s call timeout", List.of(Fault.builder().command("list-ready")
                .addCall(1).kind(FaultKind.LATENCY).latencyMillis(1500).build()), HANG_TIMEOUT, Harness.fanOut3(),
                false, plain, End.DONE, null));
        UnaryOperator<EngineOptions.Builder> reconcileOften = b -> b.reconcileInterval(Duration.ofMillis(20));
        c.add(new Cell("mission-state#2-#4 (reconcile) latency 1.5 s > 1 s call timeout", List.of(
                Fault.builder().command("mission-state").addCalls(2, 3, 4).kind(FaultKind.LATENCY)
                        .latencyMillis(1500).build()), HANG_TIMEOUT, Harness.fanOut3(), false, reconcileOften,
                End.DONE, null));
        for (String code : List.of("STATUS_READ_PATH_NOT_FOUND", "SERVICE_UNAVAILABLE")) {
            c.add(new Cell("mission-state#2-#4 (reconcile) " + code, List.of(
                    error("mission-state", code, Map.of(), 2, 3, 4)), FAST, Harness.fanOut3(), false, reconcileOften,
                    End.DONE, null));
        }
        return c.stream();
    }

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void everyWorkPackageEndsDoneOrWithAReason(Cell cell) {
        try (Harness h = new Harness(work, cell.shape()).inProcessAgents()
                .inProcessHost(cell.callTimeout(), cell.faults())) {
            EngineOptions options = cell.options().apply(h.options(List.of("impl"), List.of("rev"))).build();
            String mission = h.mission.directoryName();
            if (cell.resumeFromForReview()) {
                handToReview(h, options, "WP01");
            }
            RunReport report = h.run(options, h.inProcessAdapters());

            Map<String, End> ends = h.checkInvariants(report);
            Matrix.record("host2", cell.name(), ends, report);
            String why = report.status() + ": " + report.failureReason().orElse("");
            assertThat(ends.get("WP01")).as("WP01 in %s (%s)", cell.name(), why).isEqualTo(cell.expected());
            if (cell.expected() == End.DONE) {
                assertThat(ends.values()).as(why).containsOnly(End.DONE);
            } else {
                assertThat(report.status()).isNotEqualTo(RunStatus.COMPLETED);
                assertThat(report.failureReason()).get().asString().contains("WP01");
            }
            // nothing done twice: one claim, one hand-off, one review claim and one completion per WP on the host
            for (String wp : h.mission.workPackageIds()) {
                if (ends.get(wp) != End.DONE) {
                    continue;
                }
                List<String> moves = h.host.events(mission).stream().filter(e -> e.wpId().equals(wp))
                        .flatMap(e -> e.toLane().stream()).toList();
                assertThat(moves).as("lane moves of %s", wp).containsExactly("claimed", "in_progress", "for_review",
                        "in_review", "done");
                assertThat(h.implementations(wp)).as("implementations of %s", wp)
                        .isEqualTo(cell.resumeFromForReview() && wp.equals("WP01") ? 0 : 1);
            }
            assertThat(h.host.callCount("append-history")).as("the engine never calls append-history").isZero();
            if (cell.finish() == null) {
                if (cell.expected() == End.DONE) {
                    assertThat(report.status()).as(why).isEqualTo(RunStatus.COMPLETED);
                }
                return;
            }
            Finish f = cell.finish();
            FinishReport fr = report.finish().orElseThrow();
            assertThat(h.host.callCount("accept-mission")).as("accept-mission sends").isEqualTo(f.acceptSends());
            if (f.completed()) {
                assertThat(report.status()).as(why).isEqualTo(RunStatus.COMPLETED);
                assertThat(fr.accepted()).isTrue();
                assertThat(fr.merged()).isTrue();
                assertThat(fr.errorCode()).isEmpty();
                assertThat(h.host.callCount("merge-mission")).isEqualTo(1);
                return;
            }
            // a failed finish: the report says which command, which code, why, and whether the outcome is unknown
            assertThat(report.status()).isEqualTo(RunStatus.FAILED);
            assertThat(fr.outcomeUnknown()).as("outcome unknown").isEqualTo(f.outcomeUnknown());
            assertThat(fr.accepted()).isEqualTo(f.accepted());
            assertThat(fr.mergeAttempted()).isEqualTo(f.mergeAttempted());
            assertThat(fr.merged()).isEqualTo(f.merged());
            assertThat(fr.errorCode()).contains(f.errorCode());
            String command = f.mergeAttempted() ? "merge-mission" : "accept-mission";
            assertThat(String.join("\n", fr.messages())).contains(command).contains(f.message());
            assertThat(report.failureReason()).get().asString().contains(f.errorCode()).contains(command);
            assertThat(h.host.callCount("merge-mission")).as("merge-mission is never sent twice")
                    .isEqualTo(f.mergeAttempted() ? 1 : 0);
        }
    }

    /** Implements WP01 outside the engine and hands it to review, as a previous run would have left it. */
    private static void handToReview(Harness h, EngineOptions options, String wp) {
        String mission = h.mission.directoryName();
        StartImplementationResult claimed = h.client.startImplementation(StartImplementationRequest.builder()
                .mission(mission).wp(wp).actor(options.actor()).policy(options.policy()).build());
        Path ws = Path.of(claimed.workspacePath());
        try {
            java.nio.file.Files.writeString(ws.resolve("earlier-run.txt"), "implemented by an earlier run\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        h.project.git("-C", ws.toString(), "add", "-A");
        h.project.git("-C", ws.toString(), "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q",
                "-m", "earlier run");
        h.client.transition(TransitionRequest.builder().mission(mission).wp(wp).to(Lane.FOR_REVIEW)
                .actor(options.actor()).note("implemented by an earlier run").policy(options.policy()).build());
        assertThat(h.host.lane(mission, wp)).isEqualTo(Lane.FOR_REVIEW);
    }
}
