package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the missions that have a run state, so {@code --mission} may be left out when there is only one. */
final class StoredRuns {
    private static final String PREFIX = "orchestrator-run-state-";

    private StoredRuns() {
    }

    static List<String> missions(Path root) {
        Path dir = root.resolve(".kittify");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(PREFIX) && n.endsWith(".json"))
                    .map(n -> n.substring(PREFIX.length(), n.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static String missionOrOnly(Path root, String given) {
        if (given != null) {
            return given;
        }
        List<String> all = missions(root);
        if (all.size() == 1) {
            return all.get(0);
        }
        throw new CliException(ExitCode.USAGE, all.isEmpty()
                ? "no orchestrator run is recorded in " + root + "; pass --mission <slug>"
                : "several missions have runs (" + String.join(", ", all) + "); pass --mission <slug>");
    }
}
