package dev.speckitty.orchestrator.testkit.host.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEP 440 version parsing and ordering, as the host applies to {@code --provider-version}. */
public final class Pep440 {
    private static final Pattern VERSION = Pattern.compile(
            "^\\s*v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
                    + "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d*))?"
                    + "(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d*))?"
                    + "(?:[-_.]?(dev)[-_.]?(\\d*))?"
                    + "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?\\s*$",
            Pattern.CASE_INSENSITIVE);

    private Pep440() {}

    /** A parsed version; comparable in PEP 440 order. */
    public record Version(long epoch, List<Long> release, long preRank, long pre, long post, long dev)
            implements Comparable<Version> {
        @Override
        public int compareTo(Version o) {
            int c = Long.compare(epoch, o.epoch);
            if (c != 0) {
                return c;
            }
            int n = Math.max(release.size(), o.release.size());
            for (int i = 0; i < n; i++) {
                c = Long.compare(i < release.size() ? release.get(i) : 0, i < o.release.size() ? o.release.get(i) : 0);
                if (c != 0) {
                    return c;
                }
            }
            c = Long.compare(preRank, o.preRank);
            if (c == 0) {
                c = Long.compare(pre, o.pre);
            }
            if (c == 0) {
                c = Long.compare(post, o.post);
            }
            return c != 0 ? c : Long.compare(dev, o.dev);
        }
    }

    /**
     * Parses a version string.
     *
     * @param text the text
     * @return the version, empty when it is not valid PEP 440
     */
    public static Optional<Version> parse(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long epoch = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        List<Long> release = new ArrayList<>();
        for (String part : m.group(2).split("\\.")) {
            release.add(Long.parseLong(part));
        }
        boolean hasPost = m.group(5) != null || m.group(6) != null;
        boolean hasDev = m.group(8) != null;
        long preRank;
        long pre = 0;
        if (m.group(3) != null) {
            String phase = m.group(3).toLowerCase(Locale.ROOT);
            preRank = switch (phase) {
                case "a", "alpha" -> 0;
                case "b", "beta" -> 1;
                default -> 2;
            };
            pre = m.group(4).isEmpty() ? 0 : Long.parseLong(m.group(4));
        } else {
            preRank = !hasPost && hasDev ? -1 : 3; // X.devN sorts before X's pre-releases; a release after them
        }
        long post = m.group(5) != null ? Long.parseLong(m.group(5))
                : m.group(6) != null ? (m.group(7).isEmpty() ? 0 : Long.parseLong(m.group(7))) : -1;
        long dev = hasDev ? (m.group(9).isEmpty() ? 0 : Long.parseLong(m.group(9))) : Long.MAX_VALUE;
        return Optional.of(new Version(epoch, List.copyOf(release), preRank, pre, post, dev));
    }
}
