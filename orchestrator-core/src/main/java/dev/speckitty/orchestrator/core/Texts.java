package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.client.error.HostErrorException;

/** Short texts for events, notes and reasons: one line, bounded length, short commit ids, host error texts. */
final class Texts {
    private Texts() {}

    static String errorText(Throwable err) {
        if (err instanceof HostErrorException) {
            HostErrorException h = (HostErrorException) err;
            return h.errorCodeAsString() + ": " + h.hostMessage().orElse(String.valueOf(h.getMessage()));
        }
        return err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
    }

    static String shortSha(String sha) {
        return sha == null ? "?" : sha.length() > 10 ? sha.substring(0, 10) : sha;
    }

    static String summarySuffix(String summary) {
        return summary == null || summary.isBlank() ? "" : " - " + oneLine(summary, 200);
    }

    static String oneLine(String s, int max) {
        return truncate(s == null ? "" : s.replaceAll("\\s+", " ").strip(), max);
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 3)) + "...";
    }
}
