package dev.speckitty.orchestrator.testkit.agent.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes filler output of a given volume, optionally with bytes that are not valid UTF-8. */
public final class Filler {
    // 0xC3 0x28 is an invalid two-byte sequence; 0xFF and 0xFE never occur in UTF-8.
    private static final byte[] INVALID = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE};

    private Filler() {}

    /**
     * Writes {@code lines} numbered filler lines.
     *
     * @param out the stream
     * @param stream a label such as {@code stdout}
     * @param lines how many
     * @param nonUtf8 whether each line carries invalid UTF-8 bytes
     * @throws IOException if the write fails
     */
    public static void lines(OutputStream out, String stream, int lines, boolean nonUtf8) throws IOException {
        for (int i = 1; i <= lines; i++) {
            out.write(("scripted-agent " + stream + " filler line " + i + ": working on it ")
                    .getBytes(StandardCharsets.UTF_8));
            if (nonUtf8) {
                out.write(INVALID);
            }
            out.write('\n');
        }
    }

    /**
     * Writes exactly {@code bytes} bytes as 80-byte lines (the last one may be shorter).
     *
     * @param out the stream
     * @param bytes how many bytes
     * @param nonUtf8 whether each line carries invalid UTF-8 bytes
     * @throws IOException if the write fails
     */
    public static void bytes(OutputStream out, long bytes, boolean nonUtf8) throws IOException {
        byte[] line = new byte[80];
        for (int i = 0; i < 79; i++) {
            line[i] = (byte) ('a' + i % 26);
        }
        if (nonUtf8) {
            System.arraycopy(INVALID, 0, line, 10, INVALID.length);
        }
        line[79] = '\n';
        long left = bytes;
        while (left > 0) {
            int n = (int) Math.min(line.length, left);
            out.write(line, 0, n);
            left -= n;
        }
    }
}
