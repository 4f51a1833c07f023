package dev.speckitty.orchestrator.client.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host's {@code --policy} validation rules (contract section 5), in the host's order, first failure wins.
 *
 * <p>Used by {@link PolicyMetadata} before any process starts, and by anyone who needs to know whether a raw policy
 * document would pass (the test kit's simulated host uses it, so both sides apply one rule set).
 *
 * <p>Thread-safe and stateless.
 */
public final class PolicyRules {
    /** The required keys, in the order the host checks them. */
    public static final List<String> REQUIRED_FIELDS = List.of(
            "orchestrator_id",
            "orchestrator_version",
            "agent_family",
            "approval_mode",
            "sandbox_mode",
            "network_mode",
            "dangerous_flags");

    /** Flags that may never appear in {@code dangerous_flags} (exact, case-sensitive match). */
    public static final List<String> BANNED_FLAGS = List.of(
            "--full-auto", "--yolo", "--dangerously-bypass-approvals-and-sandbox", "--dangerously-skip-permissions");

    /** The host's secret pattern, matched case-insensitively anywhere inside every string value. */
    public static final Pattern SECRET_PATTERN =
            Pattern.compile("(token|secret|key|password|credential)", Pattern.CASE_INSENSITIVE);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json.loads accepts NaN and Infinity
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // and refuses "Extra data"
            .build();

    private PolicyRules() {}

    /**
     * Checks a raw {@code --policy} document exactly as the host does.
     *
     * @param policyJson the document; {@code null} or empty means "missing"
     * @return the first violation, or empty when the host would accept the policy. A missing policy is reported
     *     with field {@code ""} and the message {@code --policy is required}
     */
    public static Optional<PolicyViolation> check(String policyJson) {
        if (policyJson == null || policyJson.isEmpty()) {
            return Optional.of(PolicyViolation.of("", "--policy is required"));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(policyJson);
        } catch (JsonProcessingException e) {
            return Optional.of(PolicyViolation.of("", "--policy is not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            return Optional.of(PolicyViolation.of("", "--policy is not valid JSON: Expecting value"));
        }
        if (!root.isObject()) {
            return Optional.of(PolicyViolation.of("", "--policy must be a JSON object"));
        }
        for (String key : REQUIRED_FIELDS) {
            if (!root.has(key)) {
                return Optional.of(PolicyViolation.of(key, "--policy missing required field: '" + key + "'"));
            }
        }
        for (String key : REQUIRED_FIELDS.subList(0, 6)) {
            if (!root.get(key).isTextual()) {
                return Optional.of(PolicyViolation.of(key, "--policy." + key + " must be a string"));
            }
        }
        JsonNode flags = root.get("dangerous_flags");
        if (!flags.isArray()) {
            return Optional.of(
                    PolicyViolation.of("dangerous_flags", "--policy.dangerous_flags must be a JSON array"));
        }
        for (int i = 0; i < flags.size(); i++) {
            if (!flags.get(i).isTextual()) {
                return Optional.of(PolicyViolation.of(
                        "dangerous_flags[" + i + "]", "--policy.dangerous_flags entries must be strings"));
            }
        }
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i).textValue();
            if (BANNED_FLAGS.contains(flag)) {
                return Optional.of(PolicyViolation.of(
                        "dangerous_flags[" + i + "]",
                        "--policy.dangerous_flags contains a banned flag: '" + flag
                                + "'. Banned flags must never appear in orchestrator policy payloads."));
            }
        }
        JsonNode tools = root.get("tool_restrictions");
        if (tools != null && !tools.isTextual() && !tools.isNull()) {
            return Optional.of(PolicyViolation.of(
                    "tool_restrictions", "--policy.tool_restrictions must be a string or null"));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Optional<String> path = findSecret(field.getKey(), field.getValue());
            if (path.isPresent()) {
                return Optional.of(PolicyViolation.of(path.get(), secretMessage(path.get())));
            }
        }
        return Optional.empty();
    }

    /**
     * Tells whether a string would trip the host's secret scan.
     *
     * @param value any string
     * @return {@code true} if the host would call it a secret (e.g. {@code "monkey"} does)
     */
    public static boolean looksLikeSecret(String value) {
        return value != null && SECRET_PATTERN.matcher(value).find();
    }

    private static Optional<String> findSecret(String path, JsonNode node) {
        if (node.isTextual()) {
            return looksLikeSecret(node.textValue()) ? Optional.of(path) : Optional.empty();
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> hit = findSecret(path + "[" + i + "]", node.get(i));
                if (hit.isPresent()) {
                    return hit;
                }
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> child = it.next();
                Optional<String> hit = findSecret(path + "." + child.getKey(), child.getValue());
                if (hit.isPresent()) {
                    return hit;
                }
            }
        }
        return Optional.empty();
    }

    private static String secretMessage(String path) {
        return "--policy field '" + path + "' appears to contain a secret (matched pattern: "
                + "token|secret|key|password|credential). Do not pass secrets via --policy.";
    }
}
