package dev.speckitty.orchestrator.testkit.mission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.testkit.mission.internal.FrontMatter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the files of a mission directory the way a host does. Stateless and thread-safe.
 */
public final class MissionFiles {
    private static final Pattern PROMPT_FILE = Pattern.compile("(WP\\d{2})(?:-.*)?\\.md");

    private MissionFiles() {}

    /**
     * Reads every WP prompt file in {@code <missionDir>/tasks/} ({@code WPnn.md} or {@code WPnn-title.md}).
     *
     * @param missionDir the mission directory, e.g. {@code <root>/kitty-specs/demo-01KV8NPC}
     * @return the work packages sorted by id
     * @throws IllegalArgumentException if a file has no or malformed front matter, no {@code work_package_id}, an id
     *     that differs from its file name, or two files declare the same WP (the message names the file)
     * @throws UncheckedIOException if the directory or a file cannot be read
     */
    public static List<WorkPackageFile> readWorkPackages(Path missionDir) {
        Path tasks = missionDir.resolve("tasks");
        if (!Files.isDirectory(tasks)) {
            throw new IllegalArgumentException("no tasks/ directory in " + missionDir
                    + ": is this a mission directory under kitty-specs/?");
        }
        List<WorkPackageFile> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(tasks)) {
            for (Path file : files.sorted().toList()) {
                Matcher m = PROMPT_FILE.matcher(file.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(file)) {
                    continue;
                }
                WorkPackageFile wp = readWorkPackage(file);
                if (!wp.workPackageId().equals(m.group(1))) {
                    throw new IllegalArgumentException(file + ": work_package_id " + wp.workPackageId()
                            + " does not match the file name (" + m.group(1) + ")");
                }
                for (WorkPackageFile other : result) {
                    if (other.workPackageId().equals(wp.workPackageId())) {
                        throw new IllegalArgumentException("two prompt files declare " + wp.workPackageId() + ": "
                                + other.path() + " and " + file);
                    }
                }
                result.add(wp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tasks, e);
        }
        result.sort(Comparator.comparing(WorkPackageFile::workPackageId));
        return List.copyOf(result);
    }

    /**
     * Reads one WP prompt file.
     *
     * @param promptFile the file
     * @return its fields and body
     * @throws IllegalArgumentException if the front matter is missing, malformed or has no {@code work_package_id}
     * @throws UncheckedIOException if the file cannot be read
     */
    public static WorkPackageFile readWorkPackage(Path promptFile) {
        String text;
        try {
            text = Files.readString(promptFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + promptFile, e);
        }
        FrontMatter.Document doc = FrontMatter.parse(text, promptFile.toString());
        String id = FrontMatter.string(doc, "work_package_id").orElseThrow(() -> new IllegalArgumentException(
                promptFile + ": front matter has no work_package_id"));
        return WorkPackageFile.builder()
                .workPackageId(id)
                .title(FrontMatter.string(doc, "title").orElse(""))
                .dependencies(FrontMatter.list(doc, "dependencies"))
                .subtasks(FrontMatter.list(doc, "subtasks"))
                .agent(FrontMatter.string(doc, "agent"))
                .model(FrontMatter.string(doc, "model"))
                .body(doc.body())
                .path(promptFile)
                .build();
    }

    /**
     * Reads {@code lanes.json} ({@code {"version": 1, "lanes": [{"lane_id": "lane-a", "wp_ids": ["WP01"]}]}}).
     *
     * @param missionDir the mission directory
     * @return WP id → lane id in file order; empty when the mission has no {@code lanes.json}
     * @throws IllegalArgumentException if the file is not valid JSON of that shape or puts a WP in two lanes
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Map<String, String> readLanes(Path missionDir) {
        Path file = missionDir.resolve("lanes.json");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        JsonNode root = readJson(file);
        JsonNode lanes = root.get("lanes");
        if (lanes == null || !lanes.isArray()) {
            throw new IllegalArgumentException(file + ": expected an object with a \"lanes\" array");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (JsonNode lane : lanes) {
            JsonNode id = lane.get("lane_id");
            JsonNode wps = lane.get("wp_ids");
            if (id == null || !id.isTextual() || wps == null || !wps.isArray()) {
                throw new IllegalArgumentException(file + ": every lane needs a string \"lane_id\" and a \"wp_ids\""
                        + " array, got " + lane);
            }
            for (JsonNode wp : wps) {
                String previous = result.put(wp.asText(), id.asText());
                if (previous != null) {
                    throw new IllegalArgumentException(file + ": " + wp.asText() + " is in two lanes, " + previous
                            + " and " + id.asText());
                }
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * Reads {@code mission_id} from {@code meta.json}.
     *
     * @param missionDir the mission directory
     * @return the mission id; empty when there is no {@code meta.json} or it has no string {@code mission_id}
     * @throws IllegalArgumentException if {@code meta.json} is not a JSON object
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Optional<String> readMissionId(Path missionDir) {
        Path file = missionDir.resolve("meta.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode id = readJson(file).get("mission_id");
        return id != null && id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }

    private static JsonNode readJson(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " must contain a JSON object");
        }
        return root;
    }

    /**
     * Finds a WP's prompt file in a mission directory.
     *
     * @param missionDir the mission directory
     * @param wpId the WP id
     * @return the file, if there is one
     * @throws UncheckedIOException if the directory cannot be listed
     */
    public static Optional<Path> findPromptFile(Path missionDir, String wpId) {
        Path tasks = missionDir.resolve("tasks");
        if (!Files.isDirectory(tasks)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(tasks)) {
            return files.filter(f -> {
                Matcher m = PROMPT_FILE.matcher(f.getFileName().toString());
                return m.matches() && m.group(1).equals(wpId);
            }).sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tasks, e);
        }
    }
}
