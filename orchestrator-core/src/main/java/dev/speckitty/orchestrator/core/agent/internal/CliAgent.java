package dev.speckitty.orchestrator.core.agent.internal;

import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import dev.speckitty.orchestrator.core.spi.AgentUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Base of the built-in adapters: argv assembly ({@code executable, role args, model args, extra args, trailing
 * args}), prompt delivery, and the common interpretation (preconditions, exit code, agent-reported error, missing
 * structured output). Subclasses supply the role arguments and the output parser.
 */
public abstract class CliAgent implements AgentAdapter {
    /**
     * Largest prompt passed inline as one argv element. Linux refuses a single argument above 128 KiB
     * ({@code MAX_ARG_STRLEN}); above this the prompt is referenced by its file instead.
     */
    public static final int MAX_INLINE_PROMPT_BYTES = 100_000;

    private final String id;
    private final String executable;

    /**
     * Creates the adapter.
     *
     * @param id the stable id
     * @param executable the executable name or path
     */
    protected CliAgent(String id, String executable) {
        this.id = Objects.requireNonNull(id, "id");
        this.executable = requireExecutable(executable);
    }

    private static String requireExecutable(String executable) {
        if (executable == null || executable.isBlank()) {
            throw new IllegalArgumentException("an agent executable must be a non-blank name or path");
        }
        return executable;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String executable() {
        return executable;
    }

    /**
     * Returns a copy of this adapter that starts another executable (a full path, or a renamed binary).
     *
     * @param newExecutable the executable
     * @return the copy
     */
    public abstract CliAgent withExecutable(String newExecutable);

    /**
     * Arguments after the executable for a role, before the model and extra arguments.
     *
     * @param invocation the run
     * @return the arguments
     */
    protected abstract List<String> roleArgs(AgentInvocation invocation);

    /**
     * Arguments placed after the extra arguments (a prompt positional, {@code -} for stdin, a {@code --prompt} pair).
     *
     * @param invocation the run
     * @return the arguments, empty by default
     */
    protected List<String> trailingArgs(AgentInvocation invocation) {
        return List.of();
    }

    /**
     * Arguments selecting the model; {@code --model <m>} by default.
     *
     * @param model the model
     * @return the arguments
     */
    protected List<String> modelArgs(String model) {
        return List.of("--model", model);
    }

    /**
     * Whether the full prompt goes to stdin (otherwise stdin is the null device).
     *
     * @return true by default
     */
    protected boolean promptOnStdin() {
        return true;
    }

    @Override
    public AgentCommand command(AgentInvocation invocation) {
        List<String> argv = new ArrayList<>();
        argv.add(executable);
        argv.addAll(roleArgs(invocation));
        invocation.model().filter(m -> !m.isBlank()).ifPresent(m -> argv.addAll(modelArgs(m)));
        argv.addAll(invocation.extraArgs());
        argv.addAll(trailingArgs(invocation));
        AgentCommand.Builder b = AgentCommand.builder().argv(argv);
        if (promptOnStdin()) {
            b.stdin(invocation.prompt());
        }
        return b.build();
    }

    /**
     * Tells whether a role is the read-only review.
     *
     * @param invocation the run
     * @return whether it reviews
     */
    protected static boolean reviewing(AgentInvocation invocation) {
        return invocation.role() == AgentRole.REVIEWER;
    }

    /**
     * The prompt as one argv element: inline when small enough, else an instruction to read the prompt file. A
     * leading {@code -} is shielded with a space so the CLI cannot read the prompt as an option.
     *
     * @param invocation the run
     * @return the argument
     */
    protected static String promptArgument(AgentInvocation invocation) {
        String prompt = invocation.prompt();
        if (prompt.getBytes(StandardCharsets.UTF_8).length > MAX_INLINE_PROMPT_BYTES) {
            return "Your complete instructions are in the file " + invocation.promptFile().toAbsolutePath()
                    + ". Read that whole file first and follow it exactly.";
        }
        return prompt.startsWith("-") ? " " + prompt : prompt;
    }

    /** What an adapter read from the output. */
    public record Parsed(
            boolean structured,
            Optional<String> finalMessage,
            Optional<AgentUsage> usage,
            Optional<String> reportedError) {
        /** Nothing structured was found. */
        public static final Parsed NONE = new Parsed(false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Reads the agent's output.
     *
     * @param out the run
     * @return what was found
     */
    protected abstract Parsed parse(AgentRunOutput out);

    /**
     * Whether exit 0 without structured output means {@link AgentFailure#NO_OUTPUT} (true for JSON-mode CLIs).
     *
     * @return true by default
     */
    protected boolean requiresStructuredOutput() {
        return true;
    }

    /**
     * Agent-specific meaning of a non-zero exit code, consulted before the conventions (41, 42) and the text.
     *
     * @param exitCode the code
     * @return the failure, or empty to use the conventions
     */
    protected Optional<AgentFailure> exitCodeMeaning(int exitCode) {
        return Optional.empty();
    }

    @Override
    public AgentOutcome interpret(AgentInvocation invocation, AgentRunOutput out) {
        Parsed parsed = out.binaryMissing() ? Parsed.NONE : parse(out);
        Optional<AgentUsage> usage = parsed.usage().or(() -> UsageParsing.specKittyUsageLine(out.stdout()));
        Optional<AgentFailure> pre = Classifier.precondition(out);
        if (pre.isPresent()) {
            return build(Optional.of(pre.get()), Classifier.preconditionSummary(pre.get(), out), usage, parsed);
        }
        String error = parsed.reportedError().orElse("");
        if (out.exitCode() != 0) {
            String diagnostic = error + "\n" + Classifier.diagnostic(out);
            AgentFailure failure = exitCodeMeaning(out.exitCode())
                    .orElseGet(() -> Classifier.nonZeroExit(out.exitCode(), diagnostic));
            String detail = error.isBlank() ? Classifier.summaryLine(out.stderr(), out.stdout()) : error;
            return build(Optional.of(failure), "exit " + out.exitCode() + ": " + detail, usage, parsed);
        }
        if (parsed.reportedError().isPresent()) {
            AgentFailure failure = Classifier.fromText(error + "\n" + out.stderr()).orElse(AgentFailure.CRASH);
            return build(Optional.of(failure), "agent reported an error: " + error, usage, parsed);
        }
        if (requiresStructuredOutput() && !parsed.structured()) {
            String why = out.stdout().isBlank() ? "no output" : "no parsable " + id + " output";
            return build(Optional.of(AgentFailure.NO_OUTPUT), "exit 0 but " + why, usage, parsed);
        }
        String summary = parsed.finalMessage().map(Classifier::abbreviate).orElseGet(() -> Classifier.lastLine(out.stdout()));
        return build(Optional.empty(), summary, usage, parsed);
    }

    private static AgentOutcome build(
            Optional<AgentFailure> failure, String summary, Optional<AgentUsage> usage, Parsed parsed) {
        return AgentOutcome.builder()
                .failure(failure)
                .summary(Classifier.abbreviate(summary))
                .usage(usage)
                .finalMessage(parsed.finalMessage())
                .build();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + " -> " + executable + "]";
    }
}
