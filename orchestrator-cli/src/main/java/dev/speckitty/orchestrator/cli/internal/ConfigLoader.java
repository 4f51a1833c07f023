package dev.speckitty.orchestrator.cli.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Loads the configuration. Precedence, highest first: command line, environment ({@code SPEC_KITTY_ORCHESTRATOR_<KEY>}
 * where KEY is the dotted key upper-cased with dots as underscores), {@code .kittify/orchestrator.yaml},
 * {@code .kittify/orchestrator.toml}, defaults. Every problem is a {@link ConfigException} naming the source, the key
 * and what is wrong; unknown keys are errors with a "did you mean" hint.
 */
final class ConfigLoader {
    /** Environment variable prefix. */
    static final String ENV_PREFIX = "SPEC_KITTY_ORCHESTRATOR_";
    static final String YAML_FILE = ".kittify/orchestrator.yaml";
    static final String TOML_FILE = ".kittify/orchestrator.toml";

    enum Kind { POSITIVE_INT, NON_NEGATIVE_INT, STRING, BOOL, STRING_LIST, MERGE_STRATEGY, PROMPT_MODE }

    /** Every scalar key, in documentation order. */
    static final Map<String, Kind> KEYS = new LinkedHashMap<>();
    private static final Set<String> TABLES = Set.of("agents", "merge");
    private static final Map<String, Kind> AGENT_SETTING_KEYS = new LinkedHashMap<>();
    private static final Map<String, Kind> CUSTOM_AGENT_KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("max_concurrent_wps", Kind.POSITIVE_INT);
        KEYS.put("actor", Kind.STRING);
        KEYS.put("host", Kind.STRING);
        KEYS.put("inhibit_sleep", Kind.BOOL);
        KEYS.put("agents.implementation", Kind.STRING_LIST);
        KEYS.put("agents.review", Kind.STRING_LIST);
        KEYS.put("agents.max_retries", Kind.NON_NEGATIVE_INT);
        KEYS.put("agents.timeout_seconds", Kind.POSITIVE_INT);
        KEYS.put("agents.idle_timeout_seconds", Kind.POSITIVE_INT);
        KEYS.put("agents.single_agent_mode", Kind.BOOL);
        KEYS.put("merge.target", Kind.STRING);
        KEYS.put("merge.strategy", Kind.MERGE_STRATEGY);
        KEYS.put("merge.push", Kind.BOOL);
        AGENT_SETTING_KEYS.put("model", Kind.STRING);
        AGENT_SETTING_KEYS.put("extra_args", Kind.STRING_LIST);
        AGENT_SETTING_KEYS.put("implementation_timeout_seconds", Kind.POSITIVE_INT);
        AGENT_SETTING_KEYS.put("review_timeout_seconds", Kind.POSITIVE_INT);
        AGENT_SETTING_KEYS.put("idle_timeout_seconds", Kind.POSITIVE_INT);
        AGENT_SETTING_KEYS.put("implementation_idle_timeout_seconds", Kind.POSITIVE_INT);
        AGENT_SETTING_KEYS.put("review_idle_timeout_seconds", Kind.POSITIVE_INT);
        AGENT_SETTING_KEYS.put("max_concurrent", Kind.POSITIVE_INT);
        AGENT_SETTING_KEYS.put("env", null);
        CUSTOM_AGENT_KEYS.put("command", Kind.STRING_LIST);
        CUSTOM_AGENT_KEYS.put("review_command", Kind.STRING_LIST);
        CUSTOM_AGENT_KEYS.put("model_args", Kind.STRING_LIST);
        CUSTOM_AGENT_KEYS.put("prompt", Kind.PROMPT_MODE);
        CUSTOM_AGENT_KEYS.put("version_args", Kind.STRING_LIST);
    }

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, CliSettings.AgentSettings> agentSettings = new TreeMap<>();
    private final Map<String, CliSettings.CustomAgent> customAgents = new TreeMap<>();
    private final List<String> sources = new ArrayList<>();

    private ConfigLoader() {
        values.put("max_concurrent_wps", 4);
        values.put("actor", "spec-kitty-orchestrator");
        values.put("host", "spec-kitty");
        values.put("inhibit_sleep", true);
        values.put("agents.implementation", List.of("claude-code"));
        values.put("agents.review", List.of("claude-code"));
        values.put("agents.max_retries", 2);
        values.put("agents.timeout_seconds", 3600);
        values.put("agents.single_agent_mode", false);
        values.put("merge.push", false);
    }

    /**
     * Loads the effective settings.
     *
     * @param repoRoot the project root holding {@code .kittify/}
     * @param env the environment
     * @param commandLine values given on the command line, keyed by dotted key (already typed or as strings)
     * @return the settings
     * @throws ConfigException on any problem
     */
    static CliSettings load(Path repoRoot, Map<String, String> env, Map<String, Object> commandLine) {
        ConfigLoader loader = new ConfigLoader();
        Path toml = repoRoot.resolve(TOML_FILE);
        if (Files.isRegularFile(toml)) {
            loader.applyTree(toml.toString(), TomlParser.parse(toml.toString(), read(toml)), false);
            loader.sources.add(toml.toString());
        }
        Path yaml = repoRoot.resolve(YAML_FILE);
        if (Files.isRegularFile(yaml)) {
            loader.applyTree(yaml.toString(), parseYaml(yaml), false);
            loader.sources.add(yaml.toString());
        }
        loader.applyEnv(env);
        for (Map.Entry<String, Object> e : commandLine.entrySet()) {
            Kind kind = KEYS.get(e.getKey());
            if (kind == null) {
                throw new IllegalArgumentException("not a configuration key: " + e.getKey());
            }
            loader.values.put(e.getKey(), convert("command line", e.getKey(), kind, e.getValue(), true));
        }
        return loader.build();
    }

    /** The environment variable for a dotted key, e.g. {@code SPEC_KITTY_ORCHESTRATOR_AGENTS_MAX_RETRIES}. */
    static String envName(String key) {
        return ENV_PREFIX + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static Map<String, Object> parseYaml(Path file) {
        YAMLMapper mapper = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
        String text = read(file);
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            Object root = mapper.readValue(text, Object.class);
            if (root == null) {
                return Map.of();
            }
            if (!(root instanceof Map)) {
                throw new ConfigException(file + ": the top level must be a mapping of keys to values");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) root;
            return map;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new ConfigException(file + where + ": not valid YAML: " + e.getOriginalMessage());
        }
    }

    private void applyEnv(Map<String, String> env) {
        Map<String, String> byEnvName = new LinkedHashMap<>();
        KEYS.keySet().forEach(k -> byEnvName.put(envName(k), k));
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String key = byEnvName.get(e.getKey());
            if (key == null) {
                throw new ConfigException("environment variable " + e.getKey() + ": unknown setting"
                        + hint(e.getKey(), byEnvName.keySet()) + " (unset it, or see docs/cli.md)");
            }
            values.put(key, convert("environment variable " + e.getKey(), key, KEYS.get(key), e.getValue(), true));
        }
    }

    private void applyTree(String source, Map<String, Object> tree, boolean lenient) {
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            walk(source, "", String.valueOf(e.getKey()), e.getValue(), lenient);
        }
    }

    @SuppressWarnings("unchecked")
    private void walk(String source, String prefix, String key, Object value, boolean lenient) {
        String path = prefix.isEmpty() ? key : prefix + "." + key;
        if (path.equals("agents.settings")) {
            for (Map.Entry<String, Object> agent : table(source, path, value).entrySet()) {
                String id = agent.getKey();
                agentSettings.put(id, agentSettings(source, path + "." + id, table(source, path + "." + id,
                        agent.getValue())));
            }
            return;
        }
        if (path.equals("agents.custom")) {
            for (Map.Entry<String, Object> agent : table(source, path, value).entrySet()) {
                String id = agent.getKey();
                customAgents.put(id, customAgent(source, path + "." + id, id, table(source, path + "." + id,
                        agent.getValue())));
            }
            return;
        }
        Kind kind = KEYS.get(path);
        if (kind != null) {
            values.put(path, convert(source, path, kind, value, lenient));
            return;
        }
        if (TABLES.contains(path)) {
            for (Map.Entry<String, Object> e : table(source, path, value).entrySet()) {
                walk(source, path, String.valueOf(e.getKey()), e.getValue(), lenient);
            }
            return;
        }
        List<String> siblings = new ArrayList<>();
        String want = prefix.isEmpty() ? "" : prefix + ".";
        for (String k : KEYS.keySet()) {
            if (k.startsWith(want) && !k.substring(want.length()).contains(".")) {
                siblings.add(k.substring(want.length()));
            }
        }
        for (String t : TABLES) {
            if (t.startsWith(want) && !t.substring(want.length()).contains(".")) {
                siblings.add(t.substring(want.length()));
            }
        }
        if (prefix.equals("agents")) {
            siblings.add("settings");
            siblings.add("custom");
        }
        throw new ConfigException(source + ": unknown key '" + path + "'" + hint(key, siblings)
                + "; known keys" + (prefix.isEmpty() ? "" : " in [" + prefix + "]") + ": "
                + siblings.stream().sorted().collect(Collectors.joining(", ")));
    }

    private static CliSettings.AgentSettings agentSettings(String source, String path, Map<String, Object> t) {
        Map<String, String> env = new TreeMap<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : t.entrySet()) {
            String key = e.getKey();
            if (!AGENT_SETTING_KEYS.containsKey(key)) {
                throw new ConfigException(source + ": unknown key '" + path + "." + key + "'"
                        + hint(key, AGENT_SETTING_KEYS.keySet()) + "; known keys: "
                        + String.join(", ", AGENT_SETTING_KEYS.keySet()));
            }
            if (key.equals("env")) {
                for (Map.Entry<String, Object> v : table(source, path + ".env", e.getValue()).entrySet()) {
                    if (!(v.getValue() instanceof String) && !(v.getValue() instanceof Number)
                            && !(v.getValue() instanceof Boolean)) {
                        throw new ConfigException(source + ": key '" + path + ".env." + v.getKey()
                                + "': expected a string value");
                    }
                    env.put(v.getKey(), String.valueOf(v.getValue()));
                }
            } else {
                typed.put(key, convert(source, path + "." + key, AGENT_SETTING_KEYS.get(key), e.getValue(), false));
            }
        }
        @SuppressWarnings("unchecked")
        List<String> extra = (List<String>) typed.getOrDefault("extra_args", List.of());
        return new CliSettings.AgentSettings(
                Optional.ofNullable((String) typed.get("model")),
                extra,
                Optional.ofNullable((Integer) typed.get("implementation_timeout_seconds")).map(Duration::ofSeconds),
                Optional.ofNullable((Integer) typed.get("review_timeout_seconds")).map(Duration::ofSeconds),
                seconds(typed, "implementation_idle_timeout_seconds").or(() -> seconds(typed, "idle_timeout_seconds")),
                seconds(typed, "review_idle_timeout_seconds").or(() -> seconds(typed, "idle_timeout_seconds")),
                Optional.ofNullable((Integer) typed.get("max_concurrent")),
                Map.copyOf(env));
    }

    private static Optional<Duration> seconds(Map<String, Object> typed, String key) {
        return Optional.ofNullable((Integer) typed.get(key)).map(Duration::ofSeconds);
    }

    @SuppressWarnings("unchecked")
    private static CliSettings.CustomAgent customAgent(String source, String path, String id,
            Map<String, Object> t) {
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : t.entrySet()) {
            Kind kind = CUSTOM_AGENT_KEYS.get(e.getKey());
            if (kind == null) {
                throw new ConfigException(source + ": unknown key '" + path + "." + e.getKey() + "'"
                        + hint(e.getKey(), CUSTOM_AGENT_KEYS.keySet()) + "; known keys: "
                        + String.join(", ", CUSTOM_AGENT_KEYS.keySet()));
            }
            typed.put(e.getKey(), convert(source, path + "." + e.getKey(), kind, e.getValue(), false));
        }
        List<String> command = (List<String>) typed.get("command");
        if (command == null || command.isEmpty()) {
            throw new ConfigException(source + ": key '" + path + ".command' is required: the argv that starts the"
                    + " agent, e.g. command = [\"my-agent\", \"--yes\"]");
        }
        List<String> review = (List<String>) typed.get("review_command");
        if (review != null && !review.get(0).equals(command.get(0))) {
            throw new ConfigException(source + ": key '" + path + ".review_command' must start with the same"
                    + " executable as 'command' (" + command.get(0) + "), got " + review.get(0));
        }
        return new CliSettings.CustomAgent(id, command, Optional.ofNullable(review),
                (List<String>) typed.getOrDefault("model_args", List.of()), "file".equals(typed.get("prompt")),
                (List<String>) typed.getOrDefault("version_args", List.of("--version")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(String source, String path, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new ConfigException(source + ": key '" + path + "': expected a table (a mapping of keys to values),"
                    + " got " + describe(value));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) value).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /**
     * Converts one value. Lenient sources (environment, command line) may give every kind as a string; lists from
     * strings are comma-separated.
     */
    static Object convert(String source, String key, Kind kind, Object value, boolean lenient) {
        String where = source + ": key '" + key + "'";
        if (value == null) {
            throw new ConfigException(where + ": missing value");
        }
        switch (kind) {
            case POSITIVE_INT, NON_NEGATIVE_INT -> {
                long n;
                if (value instanceof Number num && !(value instanceof Double) && !(value instanceof Float)) {
                    n = num.longValue();
                } else if (lenient && value instanceof String s && s.trim().matches("[+-]?\\d{1,10}")) {
                    n = Long.parseLong(s.trim());
                } else {
                    throw new ConfigException(where + ": expected an integer, got " + describe(value));
                }
                long min = kind == Kind.POSITIVE_INT ? 1 : 0;
                if (n < min || n > Integer.MAX_VALUE) {
                    throw new ConfigException(where + ": must be " + (min == 1 ? "at least 1" : "0 or more")
                            + ", got " + n);
                }
                return (int) n;
            }
            case BOOL -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                if (lenient && value instanceof String s) {
                    String v = s.trim().toLowerCase(Locale.ROOT);
                    if (Set.of("true", "1", "yes", "on").contains(v)) {
                        return true;
                    }
                    if (Set.of("false", "0", "no", "off").contains(v)) {
                        return false;
                    }
                }
                throw new ConfigException(where + ": expected true or false, got " + describe(value));
            }
            case STRING -> {
                if (value instanceof String s && !s.isBlank()) {
                    return s;
                }
                throw new ConfigException(where + ": expected a non-empty string, got " + describe(value));
            }
            case MERGE_STRATEGY -> {
                String s = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
                if (value instanceof String && Set.of("merge", "squash", "rebase").contains(s)) {
                    return s;
                }
                throw new ConfigException(where + ": expected one of merge, squash, rebase, got " + describe(value));
            }
            case PROMPT_MODE -> {
                if (value instanceof String s && (s.equals("stdin") || s.equals("file"))) {
                    return s;
                }
                throw new ConfigException(where + ": expected \"stdin\" or \"file\", got " + describe(value));
            }
            case STRING_LIST -> {
                List<String> out = new ArrayList<>();
                if (value instanceof String s) {
                    for (String part : s.split(",")) {
                        if (!part.isBlank()) {
                            out.add(part.trim());
                        }
                    }
                } else if (value instanceof Collection<?> c) {
                    for (Object o : c) {
                        if (!(o instanceof String str) || str.isBlank()) {
                            throw new ConfigException(where + ": expected a list of non-empty strings, found "
                                    + describe(o));
                        }
                        out.add(str);
                    }
                } else {
                    throw new ConfigException(where + ": expected a list of strings, got " + describe(value));
                }
                if (out.isEmpty()) {
                    throw new ConfigException(where + ": the list must not be empty");
                }
                return List.copyOf(out);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof Map) {
            return "a table";
        }
        if (value instanceof Collection) {
            return "a list";
        }
        return value.toString();
    }

    /** A " (did you mean 'x'?)" hint when a known name is close to the given one, else "". */
    static String hint(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        return known.stream()
                .map(k -> Map.entry(k, distance(g, k.toLowerCase(Locale.ROOT))))
                .filter(e -> e.getValue() <= Math.max(2, e.getKey().length() / 3)
                        || e.getKey().toLowerCase(Locale.ROOT).startsWith(g)
                        || g.startsWith(e.getKey().toLowerCase(Locale.ROOT)))
                .min(Comparator.comparingInt(Map.Entry::getValue))
                .map(e -> " (did you mean '" + e.getKey() + "'?)")
                .orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    @SuppressWarnings("unchecked")
    private CliSettings build() {
        return new CliSettings(
                (Integer) values.get("max_concurrent_wps"),
                (String) values.get("actor"),
                (String) values.get("host"),
                (Boolean) values.get("inhibit_sleep"),
                (List<String>) values.get("agents.implementation"),
                (List<String>) values.get("agents.review"),
                (Integer) values.get("agents.max_retries"),
                Duration.ofSeconds((Integer) values.get("agents.timeout_seconds")),
                Optional.ofNullable((Integer) values.get("agents.idle_timeout_seconds")).map(Duration::ofSeconds),
                (Boolean) values.get("agents.single_agent_mode"),
                Map.copyOf(agentSettings),
                Map.copyOf(customAgents),
                Optional.ofNullable((String) values.get("merge.target")),
                Optional.ofNullable((String) values.get("merge.strategy")),
                (Boolean) values.get("merge.push"),
                List.copyOf(sources));
    }
}
