package dev.speckitty.orchestrator.core.agent.internal;

import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import dev.speckitty.orchestrator.core.spi.AgentUsage;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Failure classification shared by every adapter. Order matters (first match wins): missing binary, timeout, then
 * for a non-zero exit the exit-code conventions (41 auth, 42 rate limit) and the error text.
 *
 * <p>Text matching is deliberately narrower than the Python reference's plain {@code "auth"} substring (which also
 * matched "author" and "OAuth hint"), and it only looks at diagnostic text (stderr, an agent's reported error, the
 * tail of stdout), never at the whole transcript, so a model that merely talks about authentication code does not
 * turn a crash into an auth failure.
 */
public final class Classifier {
    /** Exit code of {@code timeout(1)} and of the reference's own kill: a timeout. */
    public static final int EXIT_TIMEOUT = 124;
    /** Conventional exit code for authentication failures (Gemini CLI's {@code FatalAuthenticationError}). */
    public static final int EXIT_AUTH = 41;
    /** Conventional exit code for rate limits (used by the test kit's scripted agent). */
    public static final int EXIT_RATE_LIMIT = 42;

    private static final int SUMMARY_MAX = 300;
    private static final int STDOUT_TAIL = 2_000;

    private static final Pattern AUTH = Pattern.compile(
            "not logged in|not currently logged in|please (?:log ?in|sign ?in|run /login|run `?\\w+ login)"
                    + "|login required|log in again|invalid[ _-]?api[ _-]?key|incorrect api key"
                    + "|api[ _-]?key (?:is )?(?:not valid|invalid|missing|expired)|no api key"
                    + "|\\bauthenticat(?:ion|ed|e)|\\bunauthori[sz]ed\\b|\\b401\\b|\\b403 forbidden\\b"
                    + "|invalid (?:x-api-key|credentials|token)|credentials? (?:expired|not found|missing)"
                    + "|token (?:has )?expired",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern RATE_LIMIT = Pattern.compile(
            "rate[ _-]?limit|\\b429\\b|\\bquota\\b|too many requests|resource[_ ]exhausted|usage limit"
                    + "|capacity exhausted|\\boverloaded\\b|\\b529\\b",
            Pattern.CASE_INSENSITIVE);

    private Classifier() {}

    /**
     * Classifies diagnostic text: auth first, then rate limit.
     *
     * @param text diagnostic text, may be empty
     * @return AUTH, RATE_LIMIT or empty
     */
    public static Optional<AgentFailure> fromText(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        if (AUTH.matcher(text).find()) {
            return Optional.of(AgentFailure.AUTH);
        }
        if (RATE_LIMIT.matcher(text).find()) {
            return Optional.of(AgentFailure.RATE_LIMIT);
        }
        return Optional.empty();
    }

    /**
     * Failures that need no parsing: the binary was missing or the run timed out (flag or exit 124).
     *
     * @param out the run
     * @return MISSING_BINARY, TIMEOUT or empty
     */
    public static Optional<AgentFailure> precondition(AgentRunOutput out) {
        if (out.binaryMissing()) {
            return Optional.of(AgentFailure.MISSING_BINARY);
        }
        if (out.timedOut() || out.exitCode() == EXIT_TIMEOUT) {
            return Optional.of(AgentFailure.TIMEOUT);
        }
        return Optional.empty();
    }

    /**
     * Classifies a non-zero exit with the conventional codes, then the text, else CRASH.
     *
     * @param exitCode the exit code
     * @param diagnostic diagnostic text
     * @return the failure
     */
    public static AgentFailure nonZeroExit(int exitCode, String diagnostic) {
        if (exitCode == EXIT_AUTH) {
            return AgentFailure.AUTH;
        }
        if (exitCode == EXIT_RATE_LIMIT) {
            return AgentFailure.RATE_LIMIT;
        }
        return fromText(diagnostic).orElse(AgentFailure.CRASH);
    }

    /**
     * Returns the text worth classifying: stderr plus the tail of stdout.
     *
     * @param out the run
     * @return the diagnostic text
     */
    public static String diagnostic(AgentRunOutput out) {
        String stdout = out.stdout();
        String tail = stdout.length() > STDOUT_TAIL ? stdout.substring(stdout.length() - STDOUT_TAIL) : stdout;
        return out.stderr() + "\n" + tail;
    }

    /**
     * The generic reading: preconditions, then exit code 0 = success, else the non-zero classification. Usage comes
     * from the {@code SPEC_KITTY_USAGE:} line, if any.
     *
     * @param out the run
     * @return the outcome
     */
    public static AgentOutcome byExitCode(AgentRunOutput out) {
        Optional<AgentUsage> usage = UsageParsing.specKittyUsageLine(out.stdout());
        Optional<AgentFailure> pre = precondition(out);
        if (pre.isPresent()) {
            return failure(pre.get(), preconditionSummary(pre.get(), out), usage);
        }
        if (out.exitCode() == 0) {
            return AgentOutcome.builder().usage(usage).summary(lastLine(out.stdout())).build();
        }
        AgentFailure failure = nonZeroExit(out.exitCode(), diagnostic(out));
        return failure(failure, "exit " + out.exitCode() + ": " + summaryLine(out.stderr(), out.stdout()), usage);
    }

    /**
     * Builds a failed outcome.
     *
     * @param failure the class
     * @param summary the one-line summary
     * @param usage usage, if any
     * @return the outcome
     */
    public static AgentOutcome failure(AgentFailure failure, String summary, Optional<AgentUsage> usage) {
        return AgentOutcome.builder().failure(failure).summary(abbreviate(summary)).usage(usage).build();
    }

    /**
     * Summary for a precondition failure.
     *
     * @param failure the failure
     * @param out the run
     * @return the summary
     */
    public static String preconditionSummary(AgentFailure failure, AgentRunOutput out) {
        if (failure == AgentFailure.MISSING_BINARY) {
            String detail = summaryLine(out.stderr(), "");
            return "agent executable not found" + (detail.isEmpty() ? "" : ": " + detail);
        }
        if (out.idleTimeout().isPresent()) {
            return "no output for " + out.idleTimeout().get().toSeconds() + " s (idle-output timeout): process tree"
                    + " killed after " + out.duration().toSeconds() + " s; partial output is in the log";
        }
        return out.timedOut() ? "timed out after " + out.duration().toSeconds() + " s" : "timed out (exit 124)";
    }

    /**
     * Picks a one-line summary: the first stderr line mentioning an error, else the last non-blank stderr line, else
     * the last non-blank stdout line.
     *
     * @param stderr stderr
     * @param stdout stdout
     * @return the line, possibly empty, abbreviated
     */
    public static String summaryLine(String stderr, String stdout) {
        for (String line : stderr.split("\\R")) {
            String l = line.strip();
            if (!l.isEmpty() && l.toLowerCase(java.util.Locale.ROOT).contains("error")) {
                return abbreviate(l);
            }
        }
        String last = lastLine(stderr);
        return last.isEmpty() ? lastLine(stdout) : last;
    }

    /**
     * Returns the last non-blank line, abbreviated.
     *
     * @param text the text
     * @return the line or empty
     */
    public static String lastLine(String text) {
        String[] lines = text.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return abbreviate(lines[i].strip());
            }
        }
        return "";
    }

    /**
     * Cuts a text to one line of at most 300 characters.
     *
     * @param text the text
     * @return the abbreviation
     */
    public static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s*\\R\\s*", " ").strip();
        return oneLine.length() <= SUMMARY_MAX ? oneLine : oneLine.substring(0, SUMMARY_MAX - 1) + "…";
    }
}
