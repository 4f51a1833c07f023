package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.core.FinishReport;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.StuckWorkPackage;
import dev.speckitty.orchestrator.core.WorkPackageOutcome;
import dev.speckitty.orchestrator.core.WorkPackageReport;
import dev.speckitty.orchestrator.core.spi.AgentUsage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Prints the end-of-run summary. */
final class Summary {
    private Summary() {
    }

    static void print(PrintWriter out, RunReport r, Path root, Path logDir, boolean mergeAsked) {
        Map<WorkPackageOutcome, Integer> counts = new TreeMap<>();
        r.workPackages().forEach(w -> counts.merge(w.outcome(), 1, Integer::sum));
        StringBuilder c = new StringBuilder();
        counts.forEach((k, v) -> c.append(c.length() == 0 ? "" : ", ").append(v).append(' ')
                .append(k.name().toLowerCase(Locale.ROOT)));
        out.println();
        out.println("Run " + r.runId() + " " + r.status().name().toLowerCase(Locale.ROOT) + " after "
                + RunView.elapsed(r.duration()) + ": " + r.workPackages().size() + " work package(s)"
                + (c.length() == 0 ? "" : ": " + c));
        out.printf(Locale.ROOT, "  %-5s %-12s %-10s %5s %7s %7s %9s  %s%n", "WP", "LANE", "OUTCOME", "IMPL", "REVIEW",
                "CYCLES", "COST", "LAST ERROR");
        for (WorkPackageReport w : r.workPackages()) {
            out.printf(Locale.ROOT, "  %-5s %-12s %-10s %5d %7d %7d %9s  %s%n", w.wpId(), w.lane(),
                    w.outcome().name().toLowerCase(Locale.ROOT), w.implementationAttempts(), w.reviewAttempts(),
                    w.reviewCycles(), cost(w.usage()), w.lastError().map(Summary::oneLine).orElse(""));
        }
        if (!r.stuck().isEmpty()) {
            out.println("Stalled:");
            for (StuckWorkPackage s : r.stuck()) {
                out.println("  " + s.summary());
            }
        }
        r.failureReason().ifPresent(f -> out.println("Reason: " + f));
        r.finish().ifPresent(f -> out.println("Finish: " + finish(f)));
        int wps = Math.max(1, r.workPackages().size());
        out.printf(Locale.ROOT, "Host calls: %d (%.1f per work package). Agent cost: %s%s%n", r.totalHostCalls(),
                r.totalHostCalls() / (double) wps, cost(r.usage()), tokens(r.usage()));
        out.println("Logs: " + root.relativize(logDir));
        switch (r.status()) {
            case COMPLETED -> {
                if (!mergeAsked) {
                    out.println("Next: review the lane branches, then merge with `spec-kitty merge --mission "
                            + r.mission() + "` (or rerun with --merge).");
                }
            }
            case INTERRUPTED -> out.println("Interrupted; continue with: spec-kitty-orchestrator resume --mission "
                    + r.mission());
            default -> out.println("Not every work package is done; fix what is listed above, then run:"
                    + " spec-kitty-orchestrator resume --mission " + r.mission());
        }
        out.flush();
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ');
        return t.length() > 100 ? t.substring(0, 99) + "…" : t;
    }

    static String cost(AgentUsage u) {
        return u.costUsd().isPresent() ? String.format(Locale.ROOT, "$%.4f", u.costUsd().getAsDouble()) : "-";
    }

    private static String tokens(AgentUsage u) {
        if (u.inputTokens().isEmpty() && u.outputTokens().isEmpty()) {
            return "";
        }
        return " (" + u.inputTokens().orElse(0) + " tokens in, " + u.outputTokens().orElse(0) + " out)";
    }

    private static String finish(FinishReport f) {
        StringBuilder sb = new StringBuilder();
        if (f.acceptAttempted()) {
            sb.append(f.accepted() ? "accepted" : "accept refused");
        }
        if (f.mergeAttempted()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.merged() ? "merged" + f.mergeTarget().map(t -> " into "
                    + t).orElse("") : "merge refused");
        }
        f.errorCode().ifPresent(e -> sb.append(" (").append(e).append(')'));
        f.messages().forEach(m -> sb.append("\n  ").append(m));
        return sb.toString();
    }
}
