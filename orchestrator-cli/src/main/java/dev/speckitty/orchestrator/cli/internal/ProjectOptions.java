package dev.speckitty.orchestrator.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --repo-root} and {@code --host}, shared by the commands that talk to a project. */
final class ProjectOptions {
    @Option(names = "--repo-root", paramLabel = "<dir>",
            description = "The project root. Default: the nearest directory upwards that holds .kittify/ or"
                    + " kitty-specs/, else the git top level, else the current directory.")
    Path repoRoot;

    @Option(names = "--host", paramLabel = "<executable>",
            description = "The spec-kitty executable (name on PATH or path). Default: config key 'host', else"
                    + " spec-kitty.")
    String host;

    /** The project root for a command started in {@code cwd}. */
    Path resolveRoot(Path cwd) {
        if (repoRoot != null) {
            Path r = cwd.resolve(repoRoot).toAbsolutePath().normalize();
            if (!Files.isDirectory(r)) {
                throw new CliException(dev.speckitty.orchestrator.cli.ExitCode.USAGE,
                        "--repo-root " + repoRoot + ": not a directory");
            }
            return r;
        }
        return detectRoot(cwd);
    }

    static Path detectRoot(Path cwd) {
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".kittify")) || Files.isDirectory(p.resolve("kitty-specs"))) {
                return p;
            }
        }
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return cwd;
    }
}
