package dev.speckitty.orchestrator.testkit.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON form of {@link AgentScenario}, by hand on the tree model so that errors can name the field. */
final class ScenarioJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Set<String> SCENARIO_KEYS =
            Set.of("defaults", "rules", "log_file", "prompt_record_directory", "spec_kitty_bin");
    private static final Set<String> RULE_KEYS = Set.of("wp", "role", "attempt", "behavior");
    private static final Set<String> BEHAVIOR_KEYS = Set.of("exit_code", "duration_ms", "files", "commit",
            "commit_message", "mark_subtasks", "subtasks", "verdict", "feedback", "verdict_delivery", "stdout_lines",
            "stderr_lines", "stdout_bytes", "stderr_bytes", "non_utf8_output", "stdout_text", "stderr_text", "usage",
            "failure", "hang", "read_prompt_from_stdin");
    private static final Set<String> USAGE_KEYS = Set.of("input_tokens", "output_tokens", "cost_usd");

    private ScenarioJson() {}

    static String write(AgentScenario s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("defaults", behavior(s.defaults()));
        ArrayNode rules = root.putArray("rules");
        for (AgentRule r : s.rules()) {
            ObjectNode n = rules.addObject();
            r.wp().ifPresent(w -> n.put("wp", w));
            r.role().ifPresent(x -> n.put("role", x.wireValue()));
            r.attempt().ifPresent(a -> n.put("attempt", a));
            n.set("behavior", behavior(r.behavior()));
        }
        s.logFile().ifPresent(v -> root.put("log_file", v));
        s.promptRecordDirectory().ifPresent(v -> root.put("prompt_record_directory", v));
        s.specKittyBin().ifPresent(v -> root.put("spec_kitty_bin", v));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise scenario", e);
        }
    }

    private static ObjectNode behavior(AgentBehavior b) {
        ObjectNode n = MAPPER.createObjectNode();
        b.exitCode().ifPresent(v -> n.put("exit_code", v));
        b.durationMillis().ifPresent(v -> n.put("duration_ms", v));
        b.files().ifPresent(files -> {
            ObjectNode f = n.putObject("files");
            files.forEach(f::put);
        });
        b.commit().ifPresent(v -> n.put("commit", v));
        b.commitMessage().ifPresent(v -> n.put("commit_message", v));
        b.markSubtasks().ifPresent(v -> n.put("mark_subtasks", v));
        b.subtasks().ifPresent(ids -> {
            ArrayNode a = n.putArray("subtasks");
            ids.forEach(a::add);
        });
        b.verdict().ifPresent(v -> n.put("verdict", v.wireValue()));
        b.feedback().ifPresent(v -> n.put("feedback", v));
        b.verdictDelivery().ifPresent(v -> n.put("verdict_delivery", v.wireValue()));
        b.stdoutLines().ifPresent(v -> n.put("stdout_lines", v));
        b.stderrLines().ifPresent(v -> n.put("stderr_lines", v));
        b.stdoutBytes().ifPresent(v -> n.put("stdout_bytes", v));
        b.stderrBytes().ifPresent(v -> n.put("stderr_bytes", v));
        b.nonUtf8Output().ifPresent(v -> n.put("non_utf8_output", v));
        b.stdoutText().ifPresent(v -> n.put("stdout_text", v));
        b.stderrText().ifPresent(v -> n.put("stderr_text", v));
        b.usage().ifPresent(u -> {
            ObjectNode un = n.putObject("usage");
            un.put("input_tokens", u.inputTokens());
            un.put("output_tokens", u.outputTokens());
            u.costUsd().ifPresent(c -> un.put("cost_usd", c));
        });
        b.failure().ifPresent(v -> n.put("failure", v.wireValue()));
        b.hang().ifPresent(v -> n.put("hang", v));
        b.readPromptFromStdin().ifPresent(v -> n.put("read_prompt_from_stdin", v));
        return n;
    }

    static AgentScenario read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        requireObject(root, "scenario", SCENARIO_KEYS);
        AgentScenario.Builder b = AgentScenario.builder();
        if (root.has("defaults")) {
            b.defaults(readBehavior(root.get("defaults"), "defaults"));
        }
        JsonNode rules = root.get("rules");
        if (rules != null && !rules.isNull()) {
            if (!rules.isArray()) {
                throw new IllegalArgumentException("'rules' must be an array of rule objects");
            }
            for (int i = 0; i < rules.size(); i++) {
                String where = "rules[" + i + "]";
                JsonNode r = rules.get(i);
                requireObject(r, where, RULE_KEYS);
                AgentRule.Builder rb = AgentRule.builder();
                if (has(r, "wp")) {
                    rb.wp(text(r, "wp", where));
                }
                if (has(r, "role")) {
                    try {
                        rb.role(ScriptedRole.fromWire(text(r, "role", where)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + ".role: " + e.getMessage(), e);
                    }
                }
                if (has(r, "attempt")) {
                    rb.attempt(integer(r, "attempt", where));
                }
                if (!has(r, "behavior")) {
                    throw new IllegalArgumentException(where + " has no 'behavior' object");
                }
                rb.behavior(readBehavior(r.get("behavior"), where + ".behavior"));
                try {
                    b.addRule(rb.build());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
            }
        }
        if (has(root, "log_file")) {
            b.logFile(text(root, "log_file", "scenario"));
        }
        if (has(root, "prompt_record_directory")) {
            b.promptRecordDirectory(text(root, "prompt_record_directory", "scenario"));
        }
        if (has(root, "spec_kitty_bin")) {
            b.specKittyBin(text(root, "spec_kitty_bin", "scenario"));
        }
        return b.build();
    }

    private static AgentBehavior readBehavior(JsonNode n, String where) {
        requireObject(n, where, BEHAVIOR_KEYS);
        AgentBehavior.Builder b = AgentBehavior.builder();
        try {
            if (has(n, "exit_code")) {
                b.exitCode(integer(n, "exit_code", where));
            }
            if (has(n, "duration_ms")) {
                b.durationMillis(longValue(n, "duration_ms", where));
            }
            if (has(n, "files")) {
                JsonNode f = n.get("files");
                if (!f.isObject()) {
                    throw new IllegalArgumentException(where + ".files must be an object of path -> content");
                }
                Map<String, String> files = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : f.properties()) {
                    if (!e.getValue().isTextual()) {
                        throw new IllegalArgumentException(where + ".files['" + e.getKey() + "'] must be a string");
                    }
                    files.put(e.getKey(), e.getValue().asText());
                }
                b.files(files);
            }
            if (has(n, "commit")) {
                b.commit(bool(n, "commit", where));
            }
            if (has(n, "commit_message")) {
                b.commitMessage(text(n, "commit_message", where));
            }
            if (has(n, "mark_subtasks")) {
                b.markSubtasks(bool(n, "mark_subtasks", where));
            }
            if (has(n, "subtasks")) {
                JsonNode a = n.get("subtasks");
                if (!a.isArray()) {
                    throw new IllegalArgumentException(where + ".subtasks must be an array of ids like \"T001\"");
                }
                List<String> ids = new ArrayList<>();
                a.forEach(x -> {
                    if (!x.isTextual()) {
                        throw new IllegalArgumentException(where + ".subtasks must contain strings");
                    }
                    ids.add(x.asText());
                });
                b.subtasks(ids);
            }
            if (has(n, "verdict")) {
                String v = text(n, "verdict", where);
                ReviewVerdict verdict = ReviewVerdict.fromWire(v.toLowerCase(java.util.Locale.ROOT));
                if (verdict == ReviewVerdict.UNKNOWN) {
                    throw new IllegalArgumentException(where + ".verdict '" + v
                            + "' is not known: use approved or changes_requested");
                }
                b.verdict(verdict);
            }
            if (has(n, "feedback")) {
                b.feedback(text(n, "feedback", where));
            }
            if (has(n, "verdict_delivery")) {
                b.verdictDelivery(VerdictDelivery.fromWire(text(n, "verdict_delivery", where)));
            }
            if (has(n, "stdout_lines")) {
                b.stdoutLines(integer(n, "stdout_lines", where));
            }
            if (has(n, "stderr_lines")) {
                b.stderrLines(integer(n, "stderr_lines", where));
            }
            if (has(n, "stdout_bytes")) {
                b.stdoutBytes(longValue(n, "stdout_bytes", where));
            }
            if (has(n, "stderr_bytes")) {
                b.stderrBytes(longValue(n, "stderr_bytes", where));
            }
            if (has(n, "non_utf8_output")) {
                b.nonUtf8Output(bool(n, "non_utf8_output", where));
            }
            if (has(n, "stdout_text")) {
                b.stdoutText(text(n, "stdout_text", where));
            }
            if (has(n, "stderr_text")) {
                b.stderrText(text(n, "stderr_text", where));
            }
            if (has(n, "usage")) {
                JsonNode u = n.get("usage");
                String uw = where + ".usage";
                requireObject(u, uw, USAGE_KEYS);
                UsageFigures.Builder ub = UsageFigures.builder()
                        .inputTokens(has(u, "input_tokens") ? longValue(u, "input_tokens", uw) : 0)
                        .outputTokens(has(u, "output_tokens") ? longValue(u, "output_tokens", uw) : 0);
                if (has(u, "cost_usd")) {
                    if (!u.get("cost_usd").isNumber()) {
                        throw new IllegalArgumentException(uw + ".cost_usd must be a number");
                    }
                    ub.costUsd(u.get("cost_usd").asDouble());
                }
                b.usage(ub.build());
            }
            if (has(n, "failure")) {
                b.failure(SimulatedFailure.fromWire(text(n, "failure", where)));
            }
            if (has(n, "hang")) {
                b.hang(bool(n, "hang", where));
            }
            if (has(n, "read_prompt_from_stdin")) {
                b.readPromptFromStdin(bool(n, "read_prompt_from_stdin", where));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static void requireObject(JsonNode n, String where, Set<String> allowed) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + " has an unknown key '" + key + "'; known keys: "
                        + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static boolean has(JsonNode n, String key) {
        return n.has(key) && !n.get(key).isNull();
    }

    private static String text(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(where + "." + key + " must be a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(where + "." + key + " must be true or false");
        }
        return v.asBoolean();
    }

    private static int integer(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException(where + "." + key + " must be an integer");
        }
        return v.asInt();
    }

    private static long longValue(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(where + "." + key + " must be an integer");
        }
        return v.asLong();
    }
}
