package dev.speckitty.orchestrator.core.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.core.spi.ParsedVerdict;
import dev.speckitty.orchestrator.core.spi.ReviewOutput;
import dev.speckitty.orchestrator.core.spi.ReviewVerdictParser;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Factories of {@link ReviewVerdictParser}s. */
public final class ReviewVerdictParsers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERDICT_LINE =
            Pattern.compile("^\\s*(?:[*#>`_-]+\\s*)*VERDICT\\s*[:=]\\s*[*`_]*\\s*([A-Za-z_ -]+?)\\s*[*`_.]*\\s*$",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern FEEDBACK_LINE =
            Pattern.compile("^\\s*(?:[*#>`_-]+\\s*)*FEEDBACK\\s*:[*`_]*\\s*(.*)$", Pattern.CASE_INSENSITIVE);

    private ReviewVerdictParsers() {}

    /**
     * Returns the standard parser of the verdict protocol.
     *
     * <ol>
     *   <li>The verdict file: JSON {@code {"verdict": "approved"|"changes_requested", "feedback": "…"}} (preferred;
     *       {@code rejected} and {@code request_changes} are read as changes requested).
     *   <li>Else stdout: the last line {@code VERDICT: APPROVED} or {@code VERDICT: CHANGES_REQUESTED}
     *       (case-insensitive); the feedback is everything after a line starting {@code FEEDBACK:}.
     *   <li>Else the same protocol inside the {@code result} string of a JSON object on stdout (Claude Code's
     *       {@code --output-format json} and stream-json, the last such object).
     *   <li>Else {@link ParsedVerdict#none()}: the review did not happen.
     * </ol>
     *
     * @return the parser
     */
    public static ReviewVerdictParser standard() {
        return ReviewVerdictParsers::parse;
    }

    private static ParsedVerdict parse(ReviewOutput out) {
        if (out.verdictFile().isPresent()) {
            Optional<ParsedVerdict> fromFile = fromFile(out.verdictFile().get());
            if (fromFile.isPresent()) {
                return fromFile.get();
            }
        }
        Optional<ParsedVerdict> plain = fromText(out.stdout(), "stdout");
        if (plain.isPresent()) {
            return plain.get();
        }
        Optional<String> result = claudeResult(out.stdout());
        if (result.isPresent()) {
            Optional<ParsedVerdict> fromJson = fromText(result.get(), "claude-json");
            if (fromJson.isPresent()) {
                return fromJson.get();
            }
        }
        return ParsedVerdict.none();
    }

    private static Optional<ParsedVerdict> fromFile(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject()) {
                return fromText(text, "verdict-file");
            }
            Optional<ReviewVerdict> v = verdictWord(n.path("verdict").asText(""));
            if (v.isEmpty()) {
                return Optional.empty();
            }
            JsonNode fb = n.get("feedback");
            String feedback = fb == null || fb.isNull() ? "" : fb.isTextual() ? fb.asText() : fb.toString();
            return Optional.of(ParsedVerdict.of(v.get(), feedback.strip(), "verdict-file"));
        } catch (java.io.IOException e) {
            return fromText(text, "verdict-file");
        }
    }

    private static Optional<ParsedVerdict> fromText(String text, String source) {
        List<String> lines = text.lines().toList();
        ReviewVerdict verdict = null;
        int feedbackStart = -1;
        String feedbackFirst = "";
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = VERDICT_LINE.matcher(lines.get(i));
            if (m.matches()) {
                Optional<ReviewVerdict> v = verdictWord(m.group(1));
                if (v.isPresent()) {
                    verdict = v.get();
                    continue;
                }
            }
            Matcher f = FEEDBACK_LINE.matcher(lines.get(i));
            if (f.matches()) {
                feedbackStart = i + 1;
                feedbackFirst = f.group(1);
            }
        }
        if (verdict == null) {
            return Optional.empty();
        }
        String feedback = "";
        if (feedbackStart >= 0) {
            StringBuilder sb = new StringBuilder(feedbackFirst);
            for (int i = feedbackStart; i < lines.size(); i++) {
                if (VERDICT_LINE.matcher(lines.get(i)).matches()) {
                    continue;
                }
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(lines.get(i));
            }
            feedback = sb.toString().strip();
        }
        return Optional.of(ParsedVerdict.of(verdict, feedback, source));
    }

    private static Optional<ReviewVerdict> verdictWord(String raw) {
        String w = raw.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        switch (w) {
            case "approved":
            case "approve":
            case "lgtm":
                return Optional.of(ReviewVerdict.APPROVED);
            case "changes_requested":
            case "request_changes":
            case "changes_required":
            case "rejected":
            case "reject":
                return Optional.of(ReviewVerdict.CHANGES_REQUESTED);
            default:
                return Optional.empty();
        }
    }

    private static Optional<String> claudeResult(String stdout) {
        String found = null;
        String trimmed = stdout.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            found = resultOf(trimmed);
        }
        for (String line : stdout.lines().toList()) {
            String l = line.strip();
            if (l.startsWith("{")) {
                String r = resultOf(l);
                if (r != null) {
                    found = r;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private static String resultOf(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n != null && n.isArray() && n.size() > 0) {
                String last = null;
                for (JsonNode e : n) {
                    if (e.path("result").isTextual()) {
                        last = e.get("result").asText();
                    }
                }
                return last;
            }
            return n != null && n.path("result").isTextual() ? n.get("result").asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
