package dev.speckitty.orchestrator.reliability;

import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.reliability.Harness.End;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Appends each cell's observed outcome to target/reliability-matrix.tsv (the figures in docs/reliability.md). */
final class Matrix {
    private static final Path OUT = Path.of("target", "reliability-matrix.tsv");

    private Matrix() {}

    static synchronized void record(String group, String cell, Map<String, End> ends, RunReport report) {
        String why = report.stuck().stream().filter(s -> s.wpId().equals("WP01")).map(s -> s.reason())
                .findFirst().orElse("");
        String line = group + "\t" + cell + "\t" + ends + "\t" + report.status() + "\t"
                + why.replace('\t', ' ').replace('\n', ' ') + "\t" + report.totalHostCalls() + "\n";
        try {
            Files.createDirectories(OUT.getParent());
            Files.writeString(OUT, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
