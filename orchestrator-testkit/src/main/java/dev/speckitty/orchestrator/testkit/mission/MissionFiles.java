package dev.speckitty.orchestrator.testkit.mission;

import dev.speckitty.orchestrator.testkit.mission.internal.FrontMatter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
