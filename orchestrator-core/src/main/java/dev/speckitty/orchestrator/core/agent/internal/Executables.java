package dev.speckitty.orchestrator.core.agent.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Executable lookup with an explicit {@code PATH} value (the child's, not necessarily this JVM's). */
public final class Executables {
    private Executables() {}

    /**
     * Tells whether a name is a path (contains a separator) rather than a bare command name.
     *
     * @param name the name
     * @return whether it is a path
     */
    public static boolean isPath(String name) {
        return name.indexOf('/') >= 0 || name.indexOf(File.separatorChar) >= 0;
    }

    /**
     * Finds an executable: a path is checked as is; a bare name is searched in the directories of {@code pathValue}
     * (with {@code PATHEXT} extensions on Windows).
     *
     * @param name the name or path
     * @param pathValue the {@code PATH} to search, may be null
     * @param pathext the {@code PATHEXT} value (Windows), may be null
     * @return the absolute path of a regular executable file
     */
    public static Optional<Path> find(String name, String pathValue, String pathext) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            if (isPath(name)) {
                return executable(Path.of(name));
            }
            if (pathValue == null) {
                return Optional.empty();
            }
            List<String> suffixes = new ArrayList<>(List.of(""));
            if (pathext != null && File.separatorChar == '\\') {
                suffixes.addAll(List.of(pathext.toLowerCase(Locale.ROOT).split(";")));
            }
            for (String dir : pathValue.split(File.pathSeparator)) {
                if (dir.isBlank()) {
                    continue;
                }
                for (String suffix : suffixes) {
                    Optional<Path> found = executable(Path.of(dir, name + suffix));
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
    }
}
