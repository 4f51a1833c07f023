package dev.speckitty.orchestrator.client.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PolicyMetadata.builder(): the host's rules on build(), violations naming the field, JSON the host accepts. */
class PolicyMetadataBuilderTest {

    static PolicyMetadata.Builder complete() {
        return PolicyMetadata.builder()
                .orchestratorId("acme")
                .orchestratorVersion("1.0.0")
                .agentFamily("claude")
                .approvalMode(ApprovalMode.SUPERVISED)
                .sandboxMode(SandboxMode.READ_ONLY)
                .networkMode(NetworkMode.ALLOWLIST);
    }

    static Stream<Arguments> missing() {
        List<Arguments> out = new ArrayList<>();
        List<String> fields = List.of("orchestrator_id", "orchestrator_version", "agent_family", "approval_mode",
                "sandbox_mode", "network_mode");
        for (int skip = 0; skip < fields.size(); skip++) {
            int s = skip;
            Consumer<PolicyMetadata.Builder> build = b -> {
                if (s != 0) b.orchestratorId("o");
                if (s != 1) b.orchestratorVersion("1");
                if (s != 2) b.agentFamily("a");
                if (s != 3) b.approvalMode("m");
                if (s != 4) b.sandboxMode("s");
                if (s != 5) b.networkMode("n");
            };
            out.add(Arguments.of(fields.get(skip), build));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missing")
    void missingFieldIsNamed(String field, Consumer<PolicyMetadata.Builder> fill) {
        PolicyMetadata.Builder b = PolicyMetadata.builder();
        fill.accept(b);
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, b::build);
        assertThat(e).isNotNull().isInstanceOf(IllegalArgumentException.class);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.violation().field()).isEqualTo(field);
        assertThat(e.getMessage()).isEqualTo("--policy missing required field: '" + field + "'");
    }

    @Test
    void nothingSetNamesTheFirstFieldInHostOrder() {
        assertThatThrownBy(() -> PolicyMetadata.builder().build()).isInstanceOf(InvalidPolicyException.class)
                .hasMessage("--policy missing required field: 'orchestrator_id'");
    }

    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of((Consumer<PolicyMetadata.Builder>) b -> b.orchestratorId("monkey-orch"), "orchestrator_id"),
                Arguments.of((Consumer<PolicyMetadata.Builder>) b -> b.orchestratorVersion("passwordless-1"),
                        "orchestrator_version"),
                Arguments.of((Consumer<PolicyMetadata.Builder>) b -> b.agentFamily("keyboard-cat"), "agent_family"),
                Arguments.of((Consumer<PolicyMetadata.Builder>) b -> b.approvalMode("tokenizer"), "approval_mode"),
                Arguments.of((Consumer<PolicyMetadata.Builder>) b -> b.sandboxMode("secretive"), "sandbox_mode"),
                Arguments.of((Consumer<PolicyMetadata.Builder>) b -> b.networkMode("credentialed"), "network_mode"),
                Arguments.of((Consumer<PolicyMetadata.Builder>) b -> b.addDangerousFlags("--ok", "--hotkey"),
                        "dangerous_flags[1]"),
                Arguments.of((Consumer<PolicyMetadata.Builder>) b -> b.toolRestrictions("no monkey business"),
                        "tool_restrictions"),
                Arguments.of((Consumer<PolicyMetadata.Builder>) b -> b.putExtraField("note", "KEYBOARD"), "note"),
                Arguments.of((Consumer<PolicyMetadata.Builder>) b -> b.putExtraField("tags", List.of(1, "x", "turkey")),
                        "tags[2]"),
                Arguments.of((Consumer<PolicyMetadata.Builder>) b -> b.putExtraField("meta",
                        Map.of("sub", Map.of("deep", List.of("ok", "passwordless")))), "meta.sub.deep[1]"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("secrets")
    void secretLikeValuesAreRejectedAtAnyDepthWithTheirPath(Consumer<PolicyMetadata.Builder> edit, String path) {
        PolicyMetadata.Builder b = complete();
        edit.accept(b);
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, b::build);
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo(path);
        assertThat(e.getMessage()).isEqualTo("--policy field '" + path + "' appears to contain a secret (matched "
                + "pattern: token|secret|key|password|credential). Do not pass secrets via --policy.");
        // the offending value is never echoed
        assertThat(e.getMessage()).doesNotContain("monkey", "turkey", "KEYBOARD", "passwordless-1");
    }

    @Test
    void bannedFlagsAreRejectedExactCaseOnly() {
        for (String flag : PolicyRules.BANNED_FLAGS) {
            InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class,
                    () -> complete().addDangerousFlags("--sandbox", flag).build());
            assertThat(e.field()).isEqualTo("dangerous_flags[1]");
            assertThat(e.getMessage()).isEqualTo("--policy.dangerous_flags contains a banned flag: '" + flag
                    + "'. Banned flags must never appear in orchestrator policy payloads.");
        }
        PolicyMetadata p = complete().addDangerousFlags("--YOLO", "--Dangerously-Skip-Permissions").build();
        assertThat(p.dangerousFlags()).containsExactly("--YOLO", "--Dangerously-Skip-Permissions");
    }

    @Test
    void keysAreNotScannedAndNonStringsAreIgnored() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("token", 1);
        nested.put("password", null);
        nested.put("secret_flag", true);
        PolicyMetadata p = complete().putExtraField("api_key", 12).putExtraField("credentials", nested)
                .putExtraField("list", Arrays.asList(1, 2.5, false, null)).build();
        assertThat(PolicyRules.check(p.toJson())).isEmpty();
        assertThat(p.toJson()).contains("\"api_key\":12", "\"credentials\":{\"token\":1,\"password\":null,"
                + "\"secret_flag\":true}", "\"list\":[1,2.5,false,null]");
    }

    @Test
    void emptyStringsAreAccepted() {
        PolicyMetadata p = PolicyMetadata.builder().orchestratorId("").orchestratorVersion("").agentFamily("")
                .approvalMode("").sandboxMode("").networkMode("").toolRestrictions("").build();
        assertThat(p.toJson()).isEqualTo("{\"orchestrator_id\":\"\",\"orchestrator_version\":\"\","
                + "\"agent_family\":\"\",\"approval_mode\":\"\",\"sandbox_mode\":\"\",\"network_mode\":\"\","
                + "\"dangerous_flags\":[],\"tool_restrictions\":\"\"}");
        assertThat(PolicyRules.check(p.toJson())).isEmpty();
    }

    @Test
    void extraFieldsMayNotShadowKnownFieldsOrHoldNonJsonValues() {
        assertThatThrownBy(() -> complete().putExtraField("network_mode", "open").build())
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("set it directly")
                .satisfies(e -> assertThat(((InvalidPolicyException) e).field()).isEqualTo("network_mode"));
        assertThatThrownBy(() -> complete().putExtraField("tool_restrictions", "x").build())
                .isInstanceOf(InvalidPolicyException.class);
        assertThatThrownBy(() -> complete().putExtraField("when", new Object()).build())
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("'when'")
                .hasMessageContaining("use strings, numbers, booleans, null, lists or maps");
        assertThatThrownBy(() -> complete().putExtraField("m", Map.of(1, "x")).build())
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("string keys");
    }

    @Test
    void renderedJsonPassesTheHostRulesAndKeepsHostKeyOrder() {
        PolicyMetadata p = complete().addDangerousFlags("--sandbox", "danger-full-access").toolRestrictions("none")
                .putExtraField("run_id", "r-1").build();
        assertThat(PolicyRules.check(p.toJson())).isEmpty();
        assertThat(p.toJson()).isEqualTo("{\"orchestrator_id\":\"acme\",\"orchestrator_version\":\"1.0.0\","
                + "\"agent_family\":\"claude\",\"approval_mode\":\"supervised\",\"sandbox_mode\":\"read_only\","
                + "\"network_mode\":\"allowlist\",\"dangerous_flags\":[\"--sandbox\",\"danger-full-access\"],"
                + "\"tool_restrictions\":\"none\",\"run_id\":\"r-1\"}");
        assertThat(PolicyMetadata.builder().from(p).build()).isEqualTo(p);
        assertThat(p.approvalMode()).isEqualTo(ApprovalMode.SUPERVISED.wireValue());
    }

    @Test
    void enumsCarryTheReferenceProviderWireValues() {
        assertThat(Arrays.stream(ApprovalMode.values()).map(ApprovalMode::wireValue))
                .containsExactly("full_auto", "interactive", "supervised");
        assertThat(Arrays.stream(SandboxMode.values()).map(SandboxMode::wireValue))
                .containsExactly("workspace_write", "read_only", "none");
        assertThat(Arrays.stream(NetworkMode.values()).map(NetworkMode::wireValue))
                .containsExactly("allowlist", "none", "open");
    }
}
