package dev.speckitty.orchestrator.client.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Locates the shared contract material: system property {@code speckitty.shared.dir}, else /work/shared. */
public final class Contract {
    private Contract() {}

    public static Path sharedDir() {
        String prop = System.getProperty("speckitty.shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        return Path.of("/work/shared");
    }

    public static Path fixturesDir() {
        return sharedDir().resolve("contract/fixtures");
    }

    public static Path transcriptsDir() {
        return sharedDir().resolve("contract/real-host-3.2.6rc3");
    }

    public static List<Path> fixtures() {
        return list(fixturesDir(), ".json");
    }

    public static List<Path> transcripts() {
        return list(transcriptsDir(), ".txt");
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted()
                    .collect(Collectors.toList());
            if (files.isEmpty()) {
                throw new IllegalStateException("no " + suffix + " files in " + dir);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + " (set -Dspeckitty.shared.dir)", e);
        }
    }
}
