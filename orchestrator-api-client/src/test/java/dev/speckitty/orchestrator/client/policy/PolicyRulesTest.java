package dev.speckitty.orchestrator.client.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speckitty.orchestrator.client.support.Contract;
import dev.speckitty.orchestrator.client.support.Results;
import dev.speckitty.orchestrator.client.support.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The host's --policy rules of contract section 5, with its exact messages and its order. */
class PolicyRulesTest {
    static final String VALID = "{\"orchestrator_id\":\"acme-orchestrator\",\"orchestrator_version\":\"1.0.0\","
            + "\"agent_family\":\"claude\",\"approval_mode\":\"full_auto\",\"sandbox_mode\":\"workspace_write\","
            + "\"network_mode\":\"none\",\"dangerous_flags\":[]}";
    static final List<String> REQUIRED = List.of("orchestrator_id", "orchestrator_version", "agent_family",
            "approval_mode", "sandbox_mode", "network_mode", "dangerous_flags");
    static final String SECRET_SUFFIX = "' appears to contain a secret (matched pattern: "
            + "token|secret|key|password|credential). Do not pass secrets via --policy.";

    static String with(Consumer<ObjectNode> edit) {
        ObjectNode node = (ObjectNode) Results.json(VALID);
        edit.accept(node);
        return Results.compact(node);
    }

    static Arguments reject(String name, String json, String field, String message) {
        return Arguments.of(name, json, field, message);
    }

    static Stream<Arguments> violations() {
        List<Arguments> out = new ArrayList<>();
        out.add(reject("empty", "", "", "--policy is required"));
        out.add(reject("array", "[]", "", "--policy must be a JSON object"));
        out.add(reject("string", "\"x\"", "", "--policy must be a JSON object"));
        out.add(reject("number", "42", "", "--policy must be a JSON object"));
        out.add(reject("null", "null", "", "--policy must be a JSON object"));
        for (int i = 0; i < REQUIRED.size(); i++) {
            String key = REQUIRED.get(i);
            out.add(reject("missing " + key, with(n -> n.remove(key)), key,
                    "--policy missing required field: '" + key + "'"));
            // a later missing key does not hide an earlier one: host order
            List<String> later = REQUIRED.subList(i, REQUIRED.size());
            out.add(reject("missing from " + key, with(n -> later.forEach(n::remove)), key,
                    "--policy missing required field: '" + key + "'"));
        }
        for (String key : REQUIRED.subList(0, 6)) {
            out.add(reject(key + " number", with(n -> n.put(key, 1)), key, "--policy." + key + " must be a string"));
            out.add(reject(key + " null", with(n -> n.putNull(key)), key, "--policy." + key + " must be a string"));
            out.add(reject(key + " array", with(n -> n.putArray(key).add("a")), key,
                    "--policy." + key + " must be a string"));
            out.add(reject(key + " boolean", with(n -> n.put(key, true)), key, "--policy." + key + " must be a string"));
        }
        out.add(reject("type error before missing flags", with(n -> {
            n.put("network_mode", 3);
            n.remove("dangerous_flags");
        }), "dangerous_flags", "--policy missing required field: 'dangerous_flags'"));
        out.add(reject("first type error wins", with(n -> {
            n.put("sandbox_mode", 3);
            n.put("orchestrator_version", 3);
        }), "orchestrator_version", "--policy.orchestrator_version must be a string"));
        for (String bad : List.of("\"--yolo\"", "null", "{}", "5")) {
            out.add(reject("dangerous_flags " + bad, with(n -> n.set("dangerous_flags", Results.json(bad))),
                    "dangerous_flags", "--policy.dangerous_flags must be a JSON array"));
        }
        out.add(reject("flag entry number", with(n -> n.putArray("dangerous_flags").add("--ok").add(1)),
                "dangerous_flags[1]", "--policy.dangerous_flags entries must be strings"));
        out.add(reject("flag entry null", with(n -> n.putArray("dangerous_flags").addNull()),
                "dangerous_flags[0]", "--policy.dangerous_flags entries must be strings"));
        out.add(reject("entry types before banned flags", with(n -> n.putArray("dangerous_flags").add("--yolo").add(2)),
                "dangerous_flags[1]", "--policy.dangerous_flags entries must be strings"));
        for (String flag : List.of("--full-auto", "--yolo", "--dangerously-bypass-approvals-and-sandbox",
                "--dangerously-skip-permissions")) {
            out.add(reject("banned " + flag, with(n -> n.putArray("dangerous_flags").add("--sandbox").add(flag)),
                    "dangerous_flags[1]", "--policy.dangerous_flags contains a banned flag: '" + flag
                            + "'. Banned flags must never appear in orchestrator policy payloads."));
        }
        for (String bad : List.of("5", "[]", "{}", "true")) {
            out.add(reject("tool_restrictions " + bad, with(n -> n.set("tool_restrictions", Results.json(bad))),
                    "tool_restrictions", "--policy.tool_restrictions must be a string or null"));
        }
        out.add(reject("banned flag before tool type", with(n -> {
            n.putArray("dangerous_flags").add("--yolo");
            n.put("tool_restrictions", 5);
        }), "dangerous_flags[0]", "--policy.dangerous_flags contains a banned flag: '--yolo'. Banned flags must"
                + " never appear in orchestrator policy payloads."));
        out.add(reject("tool type before secret", with(n -> {
            n.put("orchestrator_id", "monkey");
            n.put("tool_restrictions", 5);
        }), "tool_restrictions", "--policy.tool_restrictions must be a string or null"));
        out.add(reject("banned flag before secret", with(n -> {
            n.put("agent_family", "keyboard");
            n.putArray("dangerous_flags").add("--full-auto");
        }), "dangerous_flags[0]", "--policy.dangerous_flags contains a banned flag: '--full-auto'. Banned flags"
                + " must never appear in orchestrator policy payloads."));
        // the secret scan: innocent words, every field, every depth
        String[] words = {"monkey", "keyboard", "tokenizer", "passwordless", "TOKEN", "Secret-sauce", "credentials"};
        for (String key : REQUIRED.subList(0, 6)) {
            for (String word : words) {
                out.add(reject(key + " " + word, with(n -> n.put(key, "x-" + word + "-y")), key,
                        "--policy field '" + key + SECRET_SUFFIX));
            }
        }
        out.add(reject("dangerous flag keyboard", with(n -> n.putArray("dangerous_flags").add("--ok").add("--keyboard")),
                "dangerous_flags[1]", "--policy field 'dangerous_flags[1]" + SECRET_SUFFIX));
        out.add(reject("tool_restrictions tokenizer", with(n -> n.put("tool_restrictions", "no tokenizer")),
                "tool_restrictions", "--policy field 'tool_restrictions" + SECRET_SUFFIX));
        out.add(reject("extra string", with(n -> n.put("notes", "passwordless login")), "notes",
                "--policy field 'notes" + SECRET_SUFFIX));
        out.add(reject("extra array", with(n -> n.putArray("tags").add(1).add("ok").add("monkey")), "tags[2]",
                "--policy field 'tags[2]" + SECRET_SUFFIX));
        out.add(reject("extra nested object", with(n -> n.putObject("meta").putObject("sub").put("v", "hotkey")),
                "meta.sub.v", "--policy field 'meta.sub.v" + SECRET_SUFFIX));
        out.add(reject("array in object in array", with(n -> n.putArray("a").addObject().putArray("b").add("x")
                .add("turkey")), "a[0].b[1]", "--policy field 'a[0].b[1]" + SECRET_SUFFIX));
        out.add(reject("object in array", with(n -> n.putArray("list").add("ok").addObject().put("k", "keystone")),
                "list[1].k", "--policy field 'list[1].k" + SECRET_SUFFIX));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void rejectsWithTheHostsMessage(String name, String json, String field, String message) {
        Optional<PolicyViolation> v = PolicyRules.check(json);
        assertThat(v).as(json).isPresent();
        assertThat(v.get().message()).isEqualTo(message);
        assertThat(v.get().field()).isEqualTo(field);
    }

    @Test
    void notJsonKeepsTheHostPrefix() {
        for (String bad : List.of("not json", "{\"a\":", "{} extra", "{'a': 1}")) {
            assertThat(PolicyRules.check(bad)).as(bad).get()
                    .satisfies(v -> assertThat(v.message()).startsWith("--policy is not valid JSON: "));
        }
        assertThat(PolicyRules.check(null)).get().satisfies(v -> assertThat(v.message()).isEqualTo("--policy is required"));
    }

    static Stream<String> accepted() {
        return Stream.of(
                VALID,
                // empty strings are strings
                with(n -> REQUIRED.subList(0, 6).forEach(k -> n.put(k, ""))),
                // keys are never scanned
                with(n -> n.put("api_key_name", "x")),
                with(n -> n.putObject("extra").put("token", "plain").put("password_hint", 1)),
                // numbers, booleans and null are ignored
                with(n -> n.putArray("numbers").add(1).add(2.5).add(true).addNull()),
                with(n -> n.putNull("nothing")),
                // banned flags are exact, case-sensitive
                with(n -> n.putArray("dangerous_flags").add("--YOLO").add("--yolo ").add("--Full-Auto").add("-yolo")),
                with(n -> n.put("tool_restrictions", "read-only")),
                with(n -> n.putNull("tool_restrictions")),
                // pretty-printed, non-ASCII and escaped text
                "{\n  \"orchestrator_id\": \"\\u00e9-orch\", \"orchestrator_version\": \"1\", \"agent_family\": \"c\","
                        + " \"approval_mode\": \"a\", \"sandbox_mode\": \"s\", \"network_mode\": \"n\","
                        + " \"dangerous_flags\": [\"--sandbox\"]\n}");
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void accepts(String json) {
        assertThat(PolicyRules.check(json)).as(json).isEmpty();
    }

    @Test
    void acceptsTheContractExampleAndEveryTranscriptPolicyTheHostAccepted() {
        assertThat(PolicyRules.check("{\"orchestrator_id\":\"acme-orchestrator\",\"orchestrator_version\":\"1.0.0\","
                + "\"agent_family\":\"claude\",\"approval_mode\":\"full_auto\",\"sandbox_mode\":\"workspace_write\","
                + "\"network_mode\":\"none\",\"dangerous_flags\":[]}")).isEmpty();
        int accepted = 0;
        for (var path : Contract.transcripts()) {
            if (path.getFileName().toString().equals("README.md")) {
                continue;
            }
            Transcript t = Transcript.parse(path);
            Optional<String> policy = t.option("policy");
            if (policy.isEmpty()) {
                continue;
            }
            String code = t.stdout.isBlank() ? null
                    : Results.json(t.stdout.strip().lines().reduce((a, b) -> b).orElseThrow()).path("error_code")
                            .asText(null);
            Optional<PolicyViolation> v = PolicyRules.check(policy.get());
            if ("POLICY_VALIDATION_FAILED".equals(code)) {
                assertThat(v).as(t.file).isPresent();
            } else {
                assertThat(v).as(t.file).isEmpty();
                accepted++;
            }
        }
        assertThat(accepted).isGreaterThan(40);
    }

    @Test
    void fixtureMessagesAreReproducedExactly() {
        String[][] cases = {
            {"host_error_policy_secret_false_positive.json", with(n -> n.put("orchestrator_id", "monkey-orchestrator"))},
            {"host_error_policy_banned_flag.json", with(n -> n.putArray("dangerous_flags").add("--yolo"))},
            {"host_error_policy_missing_field.json", with(n -> n.remove("network_mode"))},
        };
        for (String[] c : cases) {
            JsonNode env = Results.json(Contract.read(Contract.fixturesDir().resolve(c[0])));
            assertThat(PolicyRules.check(c[1])).as(c[0]).get()
                    .satisfies(v -> assertThat(v.message()).isEqualTo(env.get("data").get("message").asText()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"monkey", "hotkey", "keystone", "TOKENIZER", "passwordless", "my-credential", "SeCrEt"})
    void looksLikeSecretIsACaseInsensitiveSubstringMatch(String s) {
        assertThat(PolicyRules.looksLikeSecret(s)).isTrue();
        assertThat(PolicyRules.looksLikeSecret("claude-code")).isFalse();
        assertThat(PolicyRules.looksLikeSecret(null)).isFalse();
    }
}
