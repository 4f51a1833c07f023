package dev.speckitty.orchestrator.core.agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text with {@value #MASK} before it reaches a log file, a state file or a terminal.
 *
 * <p>Two kinds of secrets are recognised:
 *
 * <ul>
 *   <li>well-known token shapes: OpenAI/Anthropic style {@code sk-…} keys, GitHub tokens ({@code ghp_…},
 *       {@code gho_…}, {@code ghu_…}, {@code ghs_…}, {@code ghr_…}, {@code github_pat_…}), AWS access key ids
 *       ({@code AKIA…}, {@code ASIA…}), Slack tokens ({@code xoxb-…}, {@code xoxp-…}, …), Google API keys
 *       ({@code AIza…}), {@code Bearer} tokens, and {@code key=value} / {@code "key": "value"} pairs whose key names
 *       an api key, token, secret or password;
 *   <li>literal values, typically the values of environment variables whose name contains {@code TOKEN},
 *       {@code SECRET}, {@code KEY}, {@code PASSWORD}, {@code PASSWD} or {@code CREDENTIAL} (values shorter than 8
 *       characters are ignored: they are too likely to occur by chance).
 * </ul>
 *
 * <p>Pattern matching is best effort: a secret of an unknown shape that is not in a literal list passes through.
 * Instances are immutable and thread-safe.
 */
public final class SecretRedactor {
    /** The replacement text. */
    public static final String MASK = "[REDACTED]";

    private static final int MIN_LITERAL = 8;

    private static final List<Pattern> TOKEN_SHAPES = List.of(
            Pattern.compile("\\bsk-[A-Za-z0-9_-]{16,}"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{20,}"),
            Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{20,}"),
            Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}"));

    private static final Pattern BEARER = Pattern.compile("(?i)(\\bbearer\\s+)[A-Za-z0-9._~+/=-]{8,}");

    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)(\\b[\\w.-]*(?:api[_-]?key|access[_-]?key|token|secret|password|passwd)[\"']?\\s*[:=]\\s*[\"']?)"
                    + "([^\\s\"',;}{]{6,})");

    private static final SecretRedactor STANDARD = new SecretRedactor(List.of());

    private final List<String> literals;

    private SecretRedactor(List<String> literals) {
        this.literals = literals;
    }

    /**
     * Returns a redactor that knows only the token shapes.
     *
     * @return the shared instance
     */
    public static SecretRedactor standard() {
        return STANDARD;
    }

    /**
     * Returns a redactor that also masks the values of the secret-named variables of an environment.
     *
     * @param environment variable names to values; not null
     * @return the redactor
     */
    public static SecretRedactor forEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        List<String> values = new ArrayList<>();
        environment.forEach((name, value) -> {
            if (name != null && value != null && isSecretName(name)) {
                values.add(value);
            }
        });
        return STANDARD.withLiterals(values);
    }

    /**
     * Tells whether an environment variable name suggests a secret value.
     *
     * @param name the name; not null
     * @return whether it contains TOKEN, SECRET, KEY, PASSWORD, PASSWD or CREDENTIAL (any case)
     */
    public static boolean isSecretName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.contains("TOKEN") || n.contains("SECRET") || n.contains("KEY") || n.contains("PASSWORD")
                || n.contains("PASSWD") || n.contains("CREDENTIAL");
    }

    /**
     * Returns a redactor that additionally masks the given literal values (values shorter than 8 characters and
     * blank values are ignored).
     *
     * @param values the values; not null, no null elements
     * @return a new redactor
     */
    public SecretRedactor withLiterals(Collection<String> values) {
        List<String> merged = new ArrayList<>(literals);
        for (String v : values) {
            Objects.requireNonNull(v, "literal value");
            if (v.strip().length() >= MIN_LITERAL && !merged.contains(v)) {
                merged.add(v);
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        merged.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretRedactor(List.copyOf(merged));
    }

    /**
     * Masks every secret found in a text.
     *
     * @param text the text; null gives null
     * @return the text with secrets replaced by {@value #MASK}
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String literal : literals) {
            result = result.replace(literal, MASK);
        }
        for (Pattern p : TOKEN_SHAPES) {
            result = p.matcher(result).replaceAll(MASK);
        }
        result = BEARER.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        result = KEY_VALUE.matcher(result).replaceAll(m -> m.group(2).equals(MASK)
                ? Matcher.quoteReplacement(m.group())
                : Matcher.quoteReplacement(m.group(1) + MASK));
        return result;
    }
}
