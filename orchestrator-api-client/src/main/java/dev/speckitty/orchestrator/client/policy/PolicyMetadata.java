package dev.speckitty.orchestrator.client.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The policy metadata an orchestrator declares on every run-affecting call ({@code --policy}, contract section 5).
 *
 * <p>{@link Builder#build()} applies exactly the host's rules ({@link PolicyRules}): required fields, banned
 * dangerous flags, the optional {@code tool_restrictions}, and the case-insensitive secret-like substring rule over
 * every string at every depth (so {@code agentFamily("monkey")} is refused, as the host refuses it). A built value is
 * therefore always accepted by the host; a refused one throws {@link InvalidPolicyException} naming the field.
 *
 * <pre>{@code
 * PolicyMetadata policy = PolicyMetadata.builder()
 *     .orchestratorId("acme-orchestrator").orchestratorVersion("1.0.0")
 *     .agentFamily("claude").approvalMode(ApprovalMode.FULL_AUTO)
 *     .sandboxMode(SandboxMode.WORKSPACE_WRITE).networkMode(NetworkMode.NONE)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Derive per-agent variants with {@code PolicyMetadata.builder().from(base)}.
 */
@Value.Immutable
public abstract class PolicyMetadata {
    /** ASCII-only output like Python's json.dumps: argv survives hosts and JVMs running under a non-UTF-8 locale. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    PolicyMetadata() {}

    /**
     * Returns {@code orchestrator_id}.
     *
     * @return the orchestrator's identity
     */
    @Nullable
    public abstract String orchestratorId();

    /**
     * Returns {@code orchestrator_version}.
     *
     * @return the orchestrator's version
     */
    @Nullable
    public abstract String orchestratorVersion();

    /**
     * Returns {@code agent_family}, e.g. {@code "claude"}.
     *
     * @return the agent family
     */
    @Nullable
    public abstract String agentFamily();

    /**
     * Returns {@code approval_mode}, e.g. {@code "full_auto"}.
     *
     * @return the approval mode
     */
    @Nullable
    public abstract String approvalMode();

    /**
     * Returns {@code sandbox_mode}, e.g. {@code "workspace_write"}.
     *
     * @return the sandbox mode
     */
    @Nullable
    public abstract String sandboxMode();

    /**
     * Returns {@code network_mode}, e.g. {@code "none"}.
     *
     * @return the network mode
     */
    @Nullable
    public abstract String networkMode();

    /**
     * Returns {@code dangerous_flags}: the risky agent flags in use (never a banned one).
     *
     * @return the flags, possibly empty
     */
    public abstract List<String> dangerousFlags();

    /**
     * Returns the optional {@code tool_restrictions} text.
     *
     * @return the tool restrictions, if any
     */
    public abstract Optional<String> toolRestrictions();

    /**
     * Returns extra top-level keys. The host accepts and secret-scans them, then drops them; values may be strings,
     * numbers, booleans, {@code null}, lists and string-keyed maps of those.
     *
     * @return the extra fields, in insertion order
     */
    public abstract Map<String, Object> extraFields();

    /**
     * Renders the policy as the one-line JSON object sent as {@code --policy}, keys in the host's order.
     *
     * @return the JSON document
     */
    @Value.Lazy
    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("orchestrator_id", orchestratorId());
        doc.put("orchestrator_version", orchestratorVersion());
        doc.put("agent_family", agentFamily());
        doc.put("approval_mode", approvalMode());
        doc.put("sandbox_mode", sandboxMode());
        doc.put("network_mode", networkMode());
        doc.put("dangerous_flags", dangerousFlags());
        toolRestrictions().ifPresent(t -> doc.put("tool_restrictions", t));
        extraFields().forEach(doc::putIfAbsent);
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("policy extra fields cannot be rendered as JSON: " + e.getMessage(), e);
        }
    }

    /** Applies the host's rules; runs on every {@code build()}. */
    @Value.Check
    protected void check() {
        String[] names = {"orchestrator_id", "orchestrator_version", "agent_family", "approval_mode", "sandbox_mode",
            "network_mode"};
        String[] values = {orchestratorId(), orchestratorVersion(), agentFamily(), approvalMode(), sandboxMode(),
            networkMode()};
        for (int i = 0; i < names.length; i++) {
            if (values[i] == null) {
                throw new InvalidPolicyException(
                        PolicyViolation.of(names[i], "--policy missing required field: '" + names[i] + "'"));
            }
        }
        for (Map.Entry<String, Object> extra : extraFields().entrySet()) {
            if (PolicyRules.REQUIRED_FIELDS.contains(extra.getKey()) || extra.getKey().equals("tool_restrictions")) {
                throw new InvalidPolicyException(PolicyViolation.of(extra.getKey(),
                        "extra field '" + extra.getKey() + "' duplicates a known policy field; set it directly"));
            }
            requireJsonValue(extra.getKey(), extra.getValue());
        }
        PolicyRules.check(toJson()).ifPresent(v -> {
            throw new InvalidPolicyException(v);
        });
    }

    private static void requireJsonValue(String path, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        if (value instanceof List<?>) {
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                requireJsonValue(path + "[" + i + "]", list.get(i));
            }
            return;
        }
        if (value instanceof Map<?, ?>) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new InvalidPolicyException(PolicyViolation.of(path, "policy field '" + path
                            + "' has a non-string key; JSON objects need string keys"));
                }
                requireJsonValue(path + "." + e.getKey(), e.getValue());
            }
            return;
        }
        throw new InvalidPolicyException(PolicyViolation.of(path, "policy field '" + path + "' holds a "
                + value.getClass().getSimpleName() + "; use strings, numbers, booleans, null, lists or maps"));
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link PolicyMetadata}; {@link #build()} throws {@link InvalidPolicyException}. */
    public static final class Builder extends ImmutablePolicyMetadata.Builder {
        /** Creates an empty builder. */
        public Builder() {}

        /**
         * Sets {@code approval_mode} from a well-known value.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder approvalMode(ApprovalMode mode) {
            return approvalMode(mode.wireValue());
        }

        /**
         * Sets {@code sandbox_mode} from a well-known value.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder sandboxMode(SandboxMode mode) {
            return sandboxMode(mode.wireValue());
        }

        /**
         * Sets {@code network_mode} from a well-known value.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder networkMode(NetworkMode mode) {
            return networkMode(mode.wireValue());
        }
    }
}
