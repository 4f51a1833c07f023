package dev.speckitty.orchestrator.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The few front-matter fields of a WP prompt file the engine reads ({@code agent}, {@code model}, {@code subtasks},
 * {@code dependencies}): flow lists ({@code [a, b]}) and block lists ({@code - a}), quotes stripped. Not a YAML
 * parser; unknown keys are ignored.
 */
public final class FrontMatter {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");

    private final Optional<String> agent;
    private final Optional<String> model;
    private final List<String> subtasks;
    private final List<String> dependencies;

    private FrontMatter(Optional<String> agent, Optional<String> model, List<String> subtasks,
            List<String> dependencies) {
        this.agent = agent;
        this.model = model;
        this.subtasks = List.copyOf(subtasks);
        this.dependencies = List.copyOf(dependencies);
    }

    /**
     * Parses the front matter at the top of a prompt file; text without front matter gives empty values.
     *
     * @param text the file text
     * @return the fields
     */
    public static FrontMatter parse(String text) {
        List<String> lines = text.lines().toList();
        int start = 0;
        while (start < lines.size() && lines.get(start).isBlank()) {
            start++;
        }
        if (start >= lines.size() || !lines.get(start).strip().equals("---")) {
            return new FrontMatter(Optional.empty(), Optional.empty(), List.of(), List.of());
        }
        String agent = null;
        String model = null;
        List<String> subtasks = new ArrayList<>();
        List<String> deps = new ArrayList<>();
        List<String> currentList = null;
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().equals("---")) {
                break;
            }
            String s = line.strip();
            if (currentList != null && (s.startsWith("- ") || s.equals("-"))) {
                addSafe(currentList, unquote(s.substring(1)));
                continue;
            }
            currentList = null;
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = stripComment(line.substring(colon + 1)).strip();
            switch (key) {
                case "agent":
                    agent = value.isEmpty() ? null : unquote(value);
                    break;
                case "model":
                    model = value.isEmpty() ? null : unquote(value);
                    break;
                case "subtasks":
                    currentList = readList(value, subtasks);
                    break;
                case "dependencies":
                    currentList = readList(value, deps);
                    break;
                default:
                    break;
            }
        }
        return new FrontMatter(Optional.ofNullable(agent).filter(a -> !a.isBlank()),
                Optional.ofNullable(model).filter(m -> !m.isBlank()), subtasks, deps);
    }

    private static List<String> readList(String value, List<String> target) {
        if (value.isEmpty()) {
            return target;
        }
        if (value.startsWith("[")) {
            String inner = value.substring(1, value.endsWith("]") ? value.length() - 1 : value.length());
            for (String part : inner.split(",")) {
                addSafe(target, unquote(part.strip()));
            }
        } else {
            addSafe(target, unquote(value));
        }
        return null;
    }

    private static void addSafe(List<String> target, String id) {
        if (SAFE_ID.matcher(id).matches()) {
            target.add(id);
        }
    }

    private static String stripComment(String v) {
        int hash = v.indexOf(" #");
        return hash >= 0 ? v.substring(0, hash) : v;
    }

    private static String unquote(String v) {
        String s = v.strip();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    /**
     * Returns the {@code agent} hint.
     *
     * @return the hint, if any
     */
    public Optional<String> agent() {
        return agent;
    }

    /**
     * Returns the {@code model} hint.
     *
     * @return the hint, if any
     */
    public Optional<String> model() {
        return model;
    }

    /**
     * Returns the subtask ids (safe tokens only).
     *
     * @return the ids
     */
    public List<String> subtasks() {
        return subtasks;
    }

    /**
     * Returns the dependency ids.
     *
     * @return the ids
     */
    public List<String> dependencies() {
        return dependencies;
    }
}
