package dev.speckitty.orchestrator.client.support;

import dev.speckitty.orchestrator.client.spi.TransportOption;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import java.util.Set;
import java.util.function.Function;

/**
 * A scripted host of a given contract version and vocabulary era, answering the way real hosts of that era do:
 * unknown commands and options are USAGE_ERROR envelopes (exit 2), or Click prose on stderr for hosts before 2.0.10.
 */
public final class FakeHost implements Function<TransportRequest, TransportResponse> {
    private static final Set<String> FEATURE_COMMANDS = Set.of("contract-version", "feature-state", "list-ready",
            "start-implementation", "start-review", "transition", "append-history", "accept-feature", "merge-feature");
    private static final Set<String> MISSION_COMMANDS = Set.of("contract-version", "mission-state", "list-ready",
            "resolve-workspace", "start-implementation", "start-review", "transition", "append-history",
            "accept-mission", "merge-mission");

    private final String contractVersion;
    private final boolean featureEra;
    private final boolean proseUsageErrors;

    public FakeHost(String contractVersion, boolean featureEra, boolean proseUsageErrors) {
        this.contractVersion = contractVersion;
        this.featureEra = featureEra;
        this.proseUsageErrors = proseUsageErrors;
    }

    @Override
    public TransportResponse apply(TransportRequest r) {
        Set<String> commands = featureEra ? FEATURE_COMMANDS : MISSION_COMMANDS;
        if (!commands.contains(r.command())) {
            return usage("No such command '" + r.command() + "'.");
        }
        String selector = featureEra ? "feature" : "mission";
        for (TransportOption o : r.options()) {
            if ((o.name().equals("mission") || o.name().equals("feature")) && !o.name().equals(selector)) {
                return usage("No such option: --" + o.name());
            }
            if (featureEra && Set.of("evidence-json", "review-result-json", "subtasks-complete",
                    "implementation-evidence-present").contains(o.name())) {
                return usage("No such option: --" + o.name());
            }
        }
        if (r.command().equals("contract-version")) {
            return ok(r, "{\"api_version\": \"" + contractVersion + "\", \"min_supported_provider_version\": \"0.1.0\"}");
        }
        String slug = "\"" + (featureEra ? "feature_slug" : "mission_slug") + "\": \"" + r.option(selector).orElse("")
                + "\"";
        switch (r.command()) {
            case "feature-state":
            case "mission-state":
                return ok(r, "{" + slug + ", \"summary\": {\"planned\": 1}, \"work_packages\": [{\"wp_id\": \"WP01\","
                        + " \"lane\": \"planned\", \"dependencies\": [], \"last_actor\": null}]}");
            case "list-ready":
                return ok(r, "{" + slug + ", \"ready_work_packages\": []}");
            case "accept-feature":
            case "accept-mission":
                return ok(r, "{" + slug + ", \"accepted\": true, \"mode\": \"auto\", \"accepted_at\": \"t\"}");
            case "merge-feature":
            case "merge-mission":
                return ok(r, "{" + slug + ", \"merged\": true, \"target_branch\": \"main\", \"strategy\": \"merge\","
                        + " \"merged_wps\": [\"WP01\"], \"worktree_removed\": false}");
            default:
                return ok(r, "{" + slug + ", \"wp_id\": \"" + r.option("wp").orElse("") + "\", \"from_lane\": "
                        + "\"planned\", \"to_lane\": \"" + r.option("to").orElse("in_progress") + "\", "
                        + "\"workspace_path\": \"/w\", \"prompt_path\": \"/p\", \"policy_metadata_recorded\": true, "
                        + "\"no_op\": false, \"history_entry_id\": \"hist-1\"}");
        }
    }

    private TransportResponse ok(TransportRequest r, String data) {
        return TransportResponse.of(0, Envelopes.success(contractVersion, r.command(), data) + "\n", "");
    }

    private TransportResponse usage(String message) {
        if (proseUsageErrors) {
            return TransportResponse.of(2, "", "Usage: spec-kitty orchestrator-api [OPTIONS] COMMAND [ARGS]...\n"
                    + "Try 'spec-kitty orchestrator-api --help' for help.\n\nError: " + message + "\n");
        }
        return TransportResponse.of(2, Envelopes.envelope(contractVersion, "orchestrator-api.unknown", false,
                "USAGE_ERROR", "{\"message\": \"" + message + "\"}") + "\n", "");
    }
}
