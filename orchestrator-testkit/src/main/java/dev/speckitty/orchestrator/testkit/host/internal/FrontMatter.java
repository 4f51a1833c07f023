package dev.speckitty.orchestrator.testkit.host.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small YAML subset WP prompt files use in their front matter: {@code key: scalar}, flow lists
 * {@code [a, b]} and block lists ({@code - item} lines), quoted or plain scalars.
 */
final class FrontMatter {
    private FrontMatter() {}

    /**
     * Parses the front matter of a Markdown file.
     *
     * @param text the file text
     * @return keys to values (String or List of String); empty when there is no front matter
     */
    static Map<String, Object> parse(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (lines.length == 0 || !lines[0].trim().equals("---")) {
            return out;
        }
        String listKey = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.trim().equals("---")) {
                break;
            }
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            String t = line.trim();
            if (listKey != null && t.startsWith("- ") || listKey != null && t.equals("-")) {
                @SuppressWarnings("unchecked")
                List<String> l = (List<String>) out.get(listKey);
                l.add(unquote(t.substring(1).trim()));
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                continue; // nested mapping we do not need
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = stripComment(line.substring(colon + 1).trim());
            listKey = null;
            if (value.isEmpty()) {
                out.put(key, new ArrayList<String>());
                listKey = key;
            } else if (value.startsWith("[") && value.endsWith("]")) {
                List<String> l = new ArrayList<>();
                String inner = value.substring(1, value.length() - 1).trim();
                if (!inner.isEmpty()) {
                    for (String part : inner.split(",")) {
                        if (!part.isBlank()) {
                            l.add(unquote(part.trim()));
                        }
                    }
                }
                out.put(key, l);
            } else {
                out.put(key, unquote(value));
            }
        }
        return out;
    }

    private static String stripComment(String v) {
        if (v.startsWith("\"") || v.startsWith("'")) {
            return v;
        }
        int hash = v.indexOf(" #");
        return hash >= 0 ? v.substring(0, hash).trim() : v;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /**
     * Returns a list-valued key.
     *
     * @param fm the parsed front matter
     * @param key the key
     * @return the list (a scalar becomes a one-element list; {@code null}/missing an empty list)
     */
    @SuppressWarnings("unchecked")
    static List<String> list(Map<String, Object> fm, String key) {
        Object v = fm.get(key);
        if (v instanceof List<?> l) {
            return List.copyOf((List<String>) l);
        }
        if (v instanceof String s && !s.isBlank() && !s.equals("null") && !s.equals("~")) {
            return List.of(s);
        }
        return List.of();
    }
}
