package dev.speckitty.orchestrator.core.agent;

import dev.speckitty.orchestrator.core.agent.internal.Classifier;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An adapter for any agent CLI, configured with an argv template per role. This is what runs the test kit's scripted
 * agent and any CLI without a built-in adapter.
 *
 * <pre>{@code
 * AgentAdapter agent = GenericCommandAgent.builder()
 *         .id("my-agent")
 *         .executable("/opt/bin/my-agent")
 *         .implementerArgs(List.of("run", "--prompt-file", "{prompt_file}", "--wp", "{wp}"))
 *         .reviewerArgs(List.of("review", "--prompt-file", "{prompt_file}", "--verdict", "{verdict_file}"))
 *         .modelArgs(List.of("--model", "{model}"))
 *         .promptOnStdin(false)
 *         .putEnvironment("MY_AGENT_ROLE", "{role}")
 *         .build();
 * }</pre>
 *
 * <p>Placeholders: {@code {prompt_file}}, {@code {workspace}}, {@code {verdict_file}} (absolute paths),
 * {@code {wp}}, {@code {mission}}, {@code {role}} ({@code implementer} or {@code reviewer}), {@code {attempt}}
 * (1-based), {@code {model}}. Each is replaced inside one argv element (or environment value); the result is never
 * split, re-scanned or given to a shell, so a path with spaces or quotes stays one argument. An element that mentions
 * {@code {model}} is left out when no model is chosen; {@link Builder#modelArgs(List)} are appended only when one is.
 * Other text in braces (e.g. JSON) is kept as is, but a brace-word that looks like a placeholder and is not one
 * ({@code {prompt}}, {@code {wp_id}}, …) is rejected by {@code build()}, so a typo fails before any process starts.
 *
 * <p>The argv is: executable, the role's template, model arguments, the invocation's extra arguments. Interpretation
 * is {@link AgentAdapters#classifyByExitCode(AgentRunOutput)} (exit codes 124, 41, 42 and error text) with usage from
 * the {@code SPEC_KITTY_USAGE:} line; with {@link Builder#requireOutput(boolean)} an exit 0 with empty stdout is
 * {@link AgentFailure#NO_OUTPUT}. Immutable and thread-safe.
 */
public final class GenericCommandAgent implements AgentAdapter {
    /** The placeholder names understood in templates. */
    public static final Set<String> PLACEHOLDERS = Set.of(
            "prompt_file", "workspace", "wp", "mission", "role", "attempt", "model", "verdict_file");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z_]*)}");

    private final String id;
    private final String executable;
    private final List<String> implementerArgs;
    private final List<String> reviewerArgs;
    private final List<String> modelArgs;
    private final List<String> versionArgs;
    private final Map<String, String> environment;
    private final boolean promptOnStdin;
    private final boolean requireOutput;

    private GenericCommandAgent(Builder b) {
        this.id = requireText(b.id, "id");
        this.executable = requireText(b.executable, "executable");
        this.implementerArgs = List.copyOf(b.implementerArgs);
        this.reviewerArgs = b.reviewerArgs == null ? implementerArgs : List.copyOf(b.reviewerArgs);
        this.modelArgs = List.copyOf(b.modelArgs);
        this.versionArgs = List.copyOf(b.versionArgs);
        this.environment = Map.copyOf(b.environment);
        this.promptOnStdin = b.promptOnStdin;
        this.requireOutput = b.requireOutput;
        validate("implementer args", implementerArgs);
        validate("reviewer args", reviewerArgs);
        validate("model args", modelArgs);
        validate("environment values", new ArrayList<>(environment.values()));
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a generic agent needs a non-blank " + what);
        }
        return value;
    }

    private void validate(String where, List<String> templates) {
        for (String t : templates) {
            Objects.requireNonNull(t, () -> "null element in " + where + " of agent '" + id + "'");
            Matcher m = PLACEHOLDER.matcher(t);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    String hint = m.group(1).equals("prompt")
                            ? " (the prompt itself is never put in argv: read {prompt_file} or stdin)"
                            : "";
                    throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} in " + where
                            + " of agent '" + id + "' (element \"" + t + "\"); known placeholders: "
                            + new TreeSet<>(PLACEHOLDERS) + hint);
                }
            }
        }
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String executable() {
        return executable;
    }

    @Override
    public List<String> versionArgs() {
        return versionArgs;
    }

    /**
     * Returns the argv template of a role (without the executable).
     *
     * @param role the role; not null
     * @return the template
     */
    public List<String> argsTemplate(AgentRole role) {
        return role == AgentRole.REVIEWER ? reviewerArgs : implementerArgs;
    }

    /**
     * Tells whether the prompt is fed on stdin.
     *
     * @return whether the prompt goes to stdin
     */
    public boolean promptOnStdin() {
        return promptOnStdin;
    }

    @Override
    public AgentCommand command(AgentInvocation invocation) {
        Map<String, String> values = values(invocation);
        boolean hasModel = invocation.model().filter(m -> !m.isBlank()).isPresent();
        List<String> argv = new ArrayList<>();
        argv.add(executable);
        for (String t : argsTemplate(invocation.role())) {
            if (hasModel || !t.contains("{model}")) {
                argv.add(substitute(t, values));
            }
        }
        if (hasModel) {
            for (String t : modelArgs) {
                argv.add(substitute(t, values));
            }
        }
        argv.addAll(invocation.extraArgs());
        Map<String, String> env = new LinkedHashMap<>();
        environment.forEach((k, v) -> env.put(k, substitute(v, values)));
        AgentCommand.Builder b = AgentCommand.builder().argv(argv).environment(env);
        if (promptOnStdin) {
            b.stdin(invocation.prompt());
        }
        return b.build();
    }

    private static Map<String, String> values(AgentInvocation in) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("prompt_file", in.promptFile().toAbsolutePath().toString());
        v.put("workspace", in.workspace().toAbsolutePath().toString());
        v.put("verdict_file", in.verdictFile().toAbsolutePath().toString());
        v.put("wp", in.wpId());
        v.put("mission", in.mission());
        v.put("role", in.role().name().toLowerCase(Locale.ROOT));
        v.put("attempt", Integer.toString(in.attempt()));
        v.put("model", in.model().orElse(""));
        return v;
    }

    /** One pass over the template: substituted values are never scanned again. */
    private static String substitute(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @Override
    public AgentOutcome interpret(AgentInvocation invocation, AgentRunOutput output) {
        AgentOutcome outcome = Classifier.byExitCode(output);
        if (requireOutput && outcome.succeeded() && output.stdout().isBlank()) {
            return Classifier.failure(AgentFailure.NO_OUTPUT, "exit 0 but no output", outcome.usage());
        }
        return outcome;
    }

    @Override
    public String toString() {
        return "GenericCommandAgent[" + id + " -> " + executable + "]";
    }

    /** Builder for {@link GenericCommandAgent}. Not thread-safe. */
    public static final class Builder {
        private String id;
        private String executable;
        private List<String> implementerArgs = List.of();
        private List<String> reviewerArgs;
        private List<String> modelArgs = List.of();
        private List<String> versionArgs = List.of("--version");
        private final Map<String, String> environment = new LinkedHashMap<>();
        private boolean promptOnStdin = true;
        private boolean requireOutput;

        private Builder() {}

        /**
         * Sets the id used in configuration (required).
         *
         * @param id the id
         * @return this
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the executable: a name looked up on {@code PATH}, or a path (required).
         *
         * @param executable the executable
         * @return this
         */
        public Builder executable(String executable) {
            this.executable = executable;
            return this;
        }

        /**
         * Sets the implementer's argv template (after the executable).
         *
         * @param args the template; not null
         * @return this
         */
        public Builder implementerArgs(List<String> args) {
            this.implementerArgs = List.copyOf(args);
            return this;
        }

        /**
         * Sets the reviewer's argv template; defaults to the implementer's.
         *
         * @param args the template; not null
         * @return this
         */
        public Builder reviewerArgs(List<String> args) {
            this.reviewerArgs = List.copyOf(args);
            return this;
        }

        /**
         * Sets arguments appended only when a model is chosen, e.g. {@code ["--model", "{model}"]}.
         *
         * @param args the template; not null
         * @return this
         */
        public Builder modelArgs(List<String> args) {
            this.modelArgs = List.copyOf(args);
            return this;
        }

        /**
         * Sets the arguments that print the version (default {@code --version}).
         *
         * @param args the arguments; not null
         * @return this
         */
        public Builder versionArgs(List<String> args) {
            this.versionArgs = List.copyOf(args);
            return this;
        }

        /**
         * Adds an environment variable; the value may contain placeholders.
         *
         * @param name the name
         * @param value the value template
         * @return this
         */
        public Builder putEnvironment(String name, String value) {
            this.environment.put(requireText(name, "environment variable name"), Objects.requireNonNull(value, name));
            return this;
        }

        /**
         * Adds environment variables; values may contain placeholders.
         *
         * @param env the variables; not null
         * @return this
         */
        public Builder environment(Map<String, String> env) {
            env.forEach(this::putEnvironment);
            return this;
        }

        /**
         * Sets whether the prompt is fed on stdin (default true); otherwise stdin is the null device and the agent
         * reads {@code {prompt_file}}.
         *
         * @param onStdin whether to use stdin
         * @return this
         */
        public Builder promptOnStdin(boolean onStdin) {
            this.promptOnStdin = onStdin;
            return this;
        }

        /**
         * Sets whether exit 0 with empty stdout counts as {@link AgentFailure#NO_OUTPUT} (default false).
         *
         * @param require whether output is required
         * @return this
         */
        public Builder requireOutput(boolean require) {
            this.requireOutput = require;
            return this;
        }

        /**
         * Builds the adapter.
         *
         * @return the adapter
         * @throws IllegalArgumentException when the id or executable is blank or a template has an unknown
         *     placeholder
         */
        public GenericCommandAgent build() {
            return new GenericCommandAgent(this);
        }
    }
}
