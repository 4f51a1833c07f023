package dev.speckitty.orchestrator.testkit.host;

import dev.speckitty.orchestrator.testkit.host.internal.FaultRule;
import dev.speckitty.orchestrator.testkit.host.internal.Profile;
import dev.speckitty.orchestrator.testkit.host.internal.PyJson;
import dev.speckitty.orchestrator.testkit.host.internal.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@link SimulatedHostConfig} from JSON (format documented on that type). */
final class ConfigJson {
    private ConfigJson() {}

    /**
     * Finds and reads the config of a project.
     *
     * @param root the project root
     * @param env the environment
     * @return the config when a file was found
     */
    static Optional<SimulatedHostConfig> forProject(Path root, Map<String, String> env) {
        String named = env.get(SimulatedHostConfig.CONFIG_ENV);
        if (named != null && !named.isBlank()) {
            Path file = Path.of(named);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(SimulatedHostConfig.CONFIG_ENV + " names '" + named
                        + "', which is not a file; fix the variable or create the file");
            }
            return read(file);
        }
        return read(root.resolve(SimulatedHostConfig.CONFIG_FILE));
    }

    /**
     * Reads a config file.
     *
     * @param file the file
     * @return the config, empty when absent
     */
    static Optional<SimulatedHostConfig> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read simulated host config " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simulated host config " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the JSON format.
     *
     * @param json the text
     * @return the config
     */
    static SimulatedHostConfig parse(String json) {
        Object root;
        try {
            root = PyJson.parse(json);
        } catch (PyJson.JsonSyntaxException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the config must be a JSON object");
        }
        SimulatedHostConfig.Builder b = SimulatedHostConfig.builder();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            switch (key) {
                case "profile" -> b.profile(HostProfile.parse(str(key, v)));
                case "unseeded_missions" -> list(key, v).forEach(x -> b.addUnseededMission(str(key, x)));
                case "git_timeout_seconds" -> b.gitTimeout(Duration.ofSeconds(num(key, v)));
                case "faults" -> {
                    List<?> faults = list(key, v);
                    for (int i = 0; i < faults.size(); i++) {
                        b.addFault(fault("faults[" + i + "]", faults.get(i)));
                    }
                }
                default -> throw new IllegalArgumentException("unknown key '" + key
                        + "'; known keys: profile, unseeded_missions, git_timeout_seconds, faults");
            }
        }
        return b.build();
    }

    private static Fault fault(String path, Object v) {
        if (!(v instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(path + " must be an object");
        }
        Fault.Builder b = Fault.builder();
        if (!map.containsKey("command") || !map.containsKey("kind")) {
            throw new IllegalArgumentException(path + " needs 'command' (a subcommand or \"*\") and 'kind'");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = path + "." + e.getKey();
            Object x = e.getValue();
            switch (String.valueOf(e.getKey())) {
                case "command" -> b.command(str(key, x));
                case "calls" -> list(key, x).forEach(n -> b.addCall((int) num(key, n)));
                case "kind" -> b.kind(FaultKind.parse(str(key, x)));
                case "latency_ms" -> b.latencyMillis(num(key, x));
                case "error_code" -> b.errorCode(str(key, x));
                case "message" -> b.message(str(key, x));
                case "exit_code" -> b.exitCode((int) num(key, x));
                case "after_apply" -> {
                    if (!(x instanceof Boolean applied)) {
                        throw new IllegalArgumentException(key + " must be true or false");
                    }
                    b.afterApply(applied);
                }
                case "data" -> {
                    if (!(x instanceof Map<?, ?> data)) {
                        throw new IllegalArgumentException(key + " must be an object");
                    }
                    data.forEach((k, val) -> b.putData(String.valueOf(k), val == null ? "" : val));
                }
                default -> throw new IllegalArgumentException("unknown key '" + key + "'; known keys: command, calls,"
                        + " kind, latency_ms, error_code, message, data, exit_code, after_apply");
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException ex) {
            throw new IllegalArgumentException(path + ": " + ex.getMessage(), ex);
        }
    }

    private static String str(String key, Object v) {
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return s;
    }

    private static long num(String key, Object v) {
        if (!(v instanceof Long n)) {
            throw new IllegalArgumentException(key + " must be an integer");
        }
        return n;
    }

    private static List<?> list(String key, Object v) {
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException(key + " must be an array");
        }
        return l;
    }

    /**
     * Converts the public config into the engine's settings.
     *
     * @param c the config
     * @return the settings
     */
    static Settings toSettings(SimulatedHostConfig c) {
        List<FaultRule> rules = c.faults().stream().map(f -> new FaultRule(f.command(), Set.copyOf(f.calls()),
                FaultRule.Kind.valueOf(f.kind().name()), f.latencyMillis(), f.errorCode(), f.message().orElse(null),
                Map.copyOf(f.data()), f.exitCode(), f.afterApply())).toList();
        return new Settings(Profile.valueOf(c.profile().name()), rules, Set.copyOf(c.unseededMissions()),
                c.gitTimeout());
    }

    /**
     * Renders a config as JSON.
     *
     * @param c the config
     * @return the document
     */
    static String write(SimulatedHostConfig c) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("profile", switch (c.profile()) {
            case V1_0_0_FEATURE -> "1.0.0-feature";
            default -> c.profile().contractVersion();
        });
        root.put("unseeded_missions", List.copyOf(c.unseededMissions()));
        root.put("git_timeout_seconds", c.gitTimeout().toSeconds());
        List<Object> faults = new ArrayList<>();
        for (Fault f : c.faults()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("command", f.command());
            m.put("calls", List.copyOf(f.calls()));
            m.put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("latency_ms", f.latencyMillis());
            m.put("error_code", f.errorCode());
            f.message().ifPresent(msg -> m.put("message", msg));
            if (!f.data().isEmpty()) {
                m.put("data", new LinkedHashMap<>(f.data()));
            }
            m.put("exit_code", f.exitCode());
            if (f.afterApply()) {
                m.put("after_apply", true);
            }
            faults.add(m);
        }
        root.put("faults", faults);
        return PyJson.dumpsIndented(root);
    }

    /**
     * Writes a config file.
     *
     * @param c the config
     * @param file the file
     * @return the file
     */
    static Path writeTo(SimulatedHostConfig c, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, write(c), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
