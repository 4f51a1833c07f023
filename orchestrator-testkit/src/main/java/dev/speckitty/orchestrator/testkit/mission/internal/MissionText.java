package dev.speckitty.orchestrator.testkit.mission.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the text files of a generated mission. Pure functions of their arguments. */
public final class MissionText {
    private static final String[] TITLES = {
        "Project scaffolding", "Domain model", "Persistence layer", "REST API endpoints", "Input validation",
        "Authentication", "Error handling", "Logging and metrics", "CLI commands", "Configuration loading",
        "Caching layer", "Background jobs", "Notification service", "Search indexing", "Import and export",
        "User documentation", "Integration tests", "Performance tuning", "Security hardening", "Release packaging"
    };
    private static final String[] SUBTASK_TEMPLATES = {
        "Define the data types for %s", "Implement the core logic of %s", "Write unit tests for %s",
        "Wire %s into the application", "Handle error cases in %s", "Document %s"
    };

    private MissionText() {}

    /**
     * Returns the default title of the i-th WP (1-based).
     *
     * @param index 1..99
     * @return a realistic title
     */
    public static String defaultTitle(int index) {
        String base = TITLES[(index - 1) % TITLES.length];
        int round = (index - 1) / TITLES.length;
        return round == 0 ? base : base + " (part " + (round + 1) + ")";
    }

    /**
     * Returns the description of a subtask.
     *
     * @param title the WP title
     * @param position 0-based position of the subtask within its WP
     * @return the description
     */
    public static String subtaskDescription(String title, int position) {
        String t = title.toLowerCase(Locale.ROOT);
        String text = String.format(SUBTASK_TEMPLATES[position % SUBTASK_TEMPLATES.length], t);
        int round = position / SUBTASK_TEMPLATES.length;
        return round == 0 ? text : text + " (" + (round + 1) + ")";
    }

    /**
     * Turns a title into a file-name part: lower case, runs of other characters become one '-', at most 40 chars.
     *
     * @param title the title
     * @return the kebab-case form, or {@code work-package} if nothing is left
     */
    public static String kebab(String title) {
        String k = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (k.length() > 40) {
            k = k.substring(0, 40).replaceAll("-+$", "");
        }
        return k.isEmpty() ? "work-package" : k;
    }

    /**
     * Escapes a string as a JSON string literal.
     *
     * @param s the text
     * @return the quoted literal
     */
    public static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Renders {@code meta.json}.
     *
     * @param missionId the ULID
     * @param slug the directory name
     * @param missionNumber the number, or null
     * @param missionType e.g. software-dev
     * @param targetBranch e.g. main
     * @return the JSON text
     */
    public static String metaJson(String missionId, String slug, Integer missionNumber, String missionType,
            String targetBranch) {
        return "{\n"
                + "  \"mission_id\": " + json(missionId) + ",\n"
                + "  \"mission_slug\": " + json(slug) + ",\n"
                + "  \"mission_number\": " + (missionNumber == null ? "null" : missionNumber.toString()) + ",\n"
                + "  \"mission_type\": " + json(missionType) + ",\n"
                + "  \"target_branch\": " + json(targetBranch) + "\n"
                + "}\n";
    }

    /**
     * Renders {@code lanes.json} with one lane per WP.
     *
     * @param lanes WP id → lane id, in order
     * @return the JSON text
     */
    public static String lanesJson(Map<String, String> lanes) {
        StringBuilder sb = new StringBuilder("{\n  \"version\": 1,\n  \"lanes\": [");
        boolean first = true;
        for (Map.Entry<String, String> e : lanes.entrySet()) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("    {\"lane_id\": ").append(json(e.getValue())).append(", \"wp_ids\": [")
                    .append(json(e.getKey())).append("]}");
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    /**
     * Returns the lane id for a 0-based lane index: lane-a … lane-z, lane-aa, lane-ab, …
     *
     * @param index 0-based
     * @return the lane id
     */
    public static String laneId(int index) {
        StringBuilder letters = new StringBuilder();
        int n = index;
        do {
            letters.insert(0, (char) ('a' + n % 26));
            n = n / 26 - 1;
        } while (n >= 0);
        return "lane-" + letters;
    }

    /**
     * Renders {@code spec.md}.
     *
     * @param name human mission name
     * @param wpIds the WPs
     * @param titles WP → title
     * @return the Markdown
     */
    public static String spec(String name, List<String> wpIds, Map<String, String> titles) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Feature Specification: ").append(name).append("\n\n")
                .append("## Overview\n\n")
                .append("Build ").append(name.toLowerCase(Locale.ROOT))
                .append(" as a small, well-tested service. This specification was generated for automated tests ")
                .append("of orchestrators; the requirements are realistic but intentionally generic.\n\n")
                .append("## User Scenarios\n\n")
                .append("1. As an operator I can start the service with a configuration file.\n")
                .append("2. As a user I can create, read, update and delete records through the API.\n")
                .append("3. As a maintainer I can see logs and metrics for every request.\n\n")
                .append("## Functional Requirements\n\n");
        int i = 1;
        for (String wp : wpIds) {
            sb.append(String.format("- **FR-%03d**: %s (delivered by %s).%n", i++, titles.get(wp), wp));
        }
        sb.append("\n## Success Criteria\n\n")
                .append("- All functional requirements are implemented and covered by tests.\n")
                .append("- The build passes without warnings.\n");
        return sb.toString();
    }

    /**
     * Renders {@code plan.md}.
     *
     * @param name human mission name
     * @param wpIds WPs
     * @param titles WP → title
     * @param deps WP → dependencies
     * @return the Markdown
     */
    public static String plan(String name, List<String> wpIds, Map<String, String> titles,
            Map<String, List<String>> deps) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Implementation Plan: ").append(name).append("\n\n")
                .append("## Technical Context\n\n")
                .append("- Language: Java 17\n- Build: Maven\n- Testing: JUnit 5\n\n")
                .append("## Work Breakdown\n\n")
                .append("| WP | Title | Depends on |\n|---|---|---|\n");
        for (String wp : wpIds) {
            List<String> d = deps.get(wp);
            sb.append("| ").append(wp).append(" | ").append(titles.get(wp)).append(" | ")
                    .append(d.isEmpty() ? "-" : String.join(", ", d)).append(" |\n");
        }
        sb.append("\n## Risks\n\n- Parallel work packages may touch shared files; keep changes focused.\n");
        return sb.toString();
    }

    /**
     * Renders {@code tasks.md}.
     *
     * @param name mission name
     * @param wpIds WPs
     * @param titles WP → title
     * @param deps WP → dependencies
     * @param subtasks WP → subtask ids
     * @param descriptions subtask id → description
     * @return the Markdown
     */
    public static String tasks(String name, List<String> wpIds, Map<String, String> titles,
            Map<String, List<String>> deps, Map<String, List<String>> subtasks, Map<String, String> descriptions) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Work Packages: ").append(name).append("\n\n");
        for (String wp : wpIds) {
            List<String> d = deps.get(wp);
            sb.append("## Work Package ").append(wp).append(": ").append(titles.get(wp)).append("\n\n")
                    .append("**Dependencies**: ").append(d.isEmpty() ? "none" : String.join(", ", d)).append("\n")
                    .append("**Prompt**: `tasks/").append(wp).append('-').append(kebab(titles.get(wp)))
                    .append(".md`\n\n");
            for (String t : subtasks.get(wp)) {
                sb.append("- [ ] ").append(t).append(' ').append(descriptions.get(t)).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Renders a WP prompt file (front matter and body).
     *
     * @param wp id
     * @param title title
     * @param deps dependencies
     * @param subtasks subtask ids
     * @param descriptions subtask id → description
     * @param agent agent hint or null
     * @param model model hint or null
     * @param missionDir mission directory name
     * @return the file text
     */
    public static String prompt(String wp, String title, List<String> deps, List<String> subtasks,
            Map<String, String> descriptions, String agent, String model, String missionDir) {
        StringBuilder sb = new StringBuilder("---\n");
        sb.append("work_package_id: ").append(wp).append('\n')
                .append("title: ").append(FrontMatter.quote(title)).append('\n')
                .append("dependencies: ").append(FrontMatter.flowList(deps)).append('\n')
                .append("subtasks: ").append(FrontMatter.flowList(subtasks)).append('\n');
        if (agent != null) {
            sb.append("agent: ").append(FrontMatter.quote(agent)).append('\n');
        }
        if (model != null) {
            sb.append("model: ").append(FrontMatter.quote(model)).append('\n');
        }
        sb.append("---\n\n")
                .append("# Work Package Prompt: ").append(wp).append(" – ").append(title).append("\n\n")
                .append("## Objective\n\n")
                .append("Implement ").append(title.toLowerCase(Locale.ROOT))
                .append(" for this mission. Keep the change focused on this work package and leave the code ")
                .append("compiling with all tests passing.\n\n")
                .append("## Context\n\n");
        if (deps.isEmpty()) {
            sb.append("This work package has no dependencies; it can start right away.\n\n");
        } else {
            sb.append("Builds on ").append(String.join(", ", deps))
                    .append(". Their changes are already merged into your lane; reuse them instead of duplicating ")
                    .append("code.\n\n");
        }
        sb.append("## Subtasks\n\n");
        if (subtasks.isEmpty()) {
            sb.append("No separate subtasks.\n");
        }
        for (String t : subtasks) {
            sb.append("- [ ] ").append(t).append(' ').append(descriptions.get(t)).append('\n');
        }
        sb.append("\n## Definition of Done\n\n")
                .append("- The code for every subtask is written and committed in your workspace.\n")
                .append("- Tests cover the new behaviour.\n");
        if (!subtasks.isEmpty()) {
            sb.append("- Mark the subtasks done: `spec-kitty agent tasks mark-status ")
                    .append(String.join(" ", subtasks)).append(" --status done --mission ").append(missionDir)
                    .append("`\n");
        }
        return sb.toString();
    }
}
