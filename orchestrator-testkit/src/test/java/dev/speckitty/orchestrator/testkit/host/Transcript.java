package dev.speckitty.orchestrator.testkit.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One real-host transcript file: {@code $ spec-kitty orchestrator-api …} (shell-escaped), {@code exit_code:},
 * then the raw stdout and stderr.
 */
record Transcript(String name, List<String> argv, int exitCode, String stdout, String stderr) {

    static Path sharedDir() {
        String configured = System.getProperty("speckitty.shared.dir");
        if (configured != null && Files.isDirectory(Path.of(configured).resolve("contract"))) {
            return Path.of(configured);
        }
        return Path.of("/work/shared"); // a developer worktree keeps shared/ there
    }

    static List<Transcript> all() {
        Path dir = sharedDir().resolve("contract/real-host-3.2.6rc3");
        try (var files = Files.list(dir)) {
            List<Transcript> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().matches("\\d{3}-.*\\.txt")).sorted().toList()) {
                out.add(parse(f));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Transcript parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> argv = null;
        int exit = -1;
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        StringBuilder target = null;
        for (String line : lines) {
            if (target == null && line.startsWith("$ ") && !line.startsWith("$ cd ")) {
                argv = shellSplit(line.substring(2));
            } else if (target == null && line.startsWith("exit_code: ")) {
                exit = Integer.parseInt(line.substring("exit_code: ".length()).trim());
            } else if (line.equals("----- stdout -----")) {
                target = out;
            } else if (line.equals("----- stderr -----")) {
                target = err;
            } else if (target != null) {
                target.append(line).append('\n');
            }
        }
        if (argv == null || exit < 0) {
            throw new IllegalArgumentException(file + " is not a transcript");
        }
        return new Transcript(file.getFileName().toString(), argv.subList(1, argv.size()), exit, out.toString(),
                err.toString());
    }

    /** POSIX shell word splitting with backslash escapes, single and double quotes. */
    static List<String> shellSplit(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
                inWord = true;
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                cur.append(s, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i++;
                while (s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
                        i++;
                    }
                    cur.append(s.charAt(i++));
                }
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }

    String option(String name) {
        int i = argv.indexOf("--" + name);
        return i >= 0 && i + 1 < argv.size() ? argv.get(i + 1) : null;
    }

    String subcommand() {
        return argv.size() > 1 ? argv.get(1) : "";
    }
}
