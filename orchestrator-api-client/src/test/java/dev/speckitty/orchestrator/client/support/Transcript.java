package dev.speckitty.orchestrator.client.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One real-host transcript: the {@code $ spec-kitty orchestrator-api <cmd> ...} line split into words (POSIX shell
 * quoting: backslashes, single and double quotes), the exit code and the raw stdout and stderr sections.
 */
public final class Transcript {
    private static final Set<String> FLAGS =
            Set.of("force", "push", "subtasks-complete", "implementation-evidence-present");

    /** One option as given on the command line. */
    public static final class Option {
        public final String name;
        public final String value; // null for a flag

        Option(String name, String value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public String toString() {
            return value == null ? "--" + name : "--" + name + "=" + value;
        }
    }

    public final String file;
    public final List<String> words;
    public final String command;
    public final List<Option> options;
    public final int exitCode;
    public final String stdout;
    public final String stderr;

    private Transcript(String file, List<String> words, int exitCode, String stdout, String stderr) {
        this.file = file;
        this.words = words;
        int at = words.indexOf("orchestrator-api");
        if (at < 0 || at + 1 >= words.size()) {
            throw new IllegalArgumentException(file + ": no orchestrator-api subcommand in " + words);
        }
        this.command = words.get(at + 1);
        this.options = parseOptions(file, words.subList(at + 2, words.size()));
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static Transcript parse(Path path) {
        String text = Contract.read(path);
        String[] lines = text.split("\n", -1);
        List<String> words = null;
        Integer exit = null;
        int stdoutStart = -1;
        int stderrStart = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("$ ") && line.contains("orchestrator-api")) {
                words = shellWords(line.substring(2));
            } else if (line.startsWith("exit_code:")) {
                exit = Integer.parseInt(line.substring("exit_code:".length()).trim());
            } else if (line.equals("----- stdout -----") && stdoutStart < 0) {
                stdoutStart = i + 1;
            } else if (line.equals("----- stderr -----") && stderrStart < 0) {
                stderrStart = i + 1;
            }
        }
        if (words == null || exit == null || stdoutStart < 0 || stderrStart < stdoutStart) {
            throw new IllegalArgumentException(path + " is not a transcript");
        }
        String stdout = join(lines, stdoutStart, stderrStart - 1);
        String stderr = join(lines, stderrStart, lines.length);
        return new Transcript(path.getFileName().toString(), words, exit, stdout, stderr);
    }

    private static String join(String[] lines, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(lines[i]).append('\n');
        }
        return sb.toString();
    }

    private static List<Option> parseOptions(String file, List<String> words) {
        List<Option> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("--")) {
                throw new IllegalArgumentException(file + ": unexpected word " + w);
            }
            String name = w.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                out.add(new Option(name.substring(0, eq), name.substring(eq + 1)));
            } else if (FLAGS.contains(name)) {
                out.add(new Option(name, null));
            } else {
                out.add(new Option(name, words.get(++i)));
            }
        }
        return out;
    }

    public Optional<String> option(String name) {
        return options.stream().filter(o -> o.name.equals(name) && o.value != null).map(o -> o.value).findFirst();
    }

    public boolean has(String name) {
        return options.stream().anyMatch(o -> o.name.equals(name));
    }

    /** Splits a command line like a POSIX shell (no expansions). */
    public static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                inWord = true;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                cur.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i++;
                while (line.charAt(i) != '"') {
                    if (line.charAt(i) == '\\' && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        i++;
                    }
                    cur.append(line.charAt(i++));
                }
                inWord = true;
            } else if (c == ' ' || c == '\t') {
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

    @Override
    public String toString() {
        return file;
    }
}
