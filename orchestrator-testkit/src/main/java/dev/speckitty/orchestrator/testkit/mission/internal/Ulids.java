package dev.speckitty.orchestrator.testkit.mission.internal;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

/** Deterministic ULIDs (Crockford base32, 26 upper-case characters) derived from a seed. */
public final class Ulids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");
    // 2026-01-01T00:00:00Z: generated ids look like ids made this year.
    private static final long BASE_MILLIS = 1_767_225_600_000L;

    private Ulids() {}

    /**
     * Returns a valid ULID derived only from {@code seed}. The timestamp part lies within about four years after
     * 2026-01-01 and varies with the seed in steps of 256 ms (29 bits of a 64-bit mix of the seed), so the first 8
     * characters (the mid8) differ between seeds in practice (two seeds share a mid8 with probability 2^-29).
     *
     * @param seed any value
     * @return the ULID
     */
    public static String fromSeed(long seed) {
        long mixed = mix(seed);
        long time = BASE_MILLIS + ((mixed & ((1L << 29) - 1)) << 8);
        char[] out = new char[26];
        long t = time;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (t & 31)];
            t >>>= 5;
        }
        SplittableRandom random = new SplittableRandom(mixed);
        for (int i = 10; i < 26; i++) {
            out[i] = ALPHABET[random.nextInt(32)];
        }
        return new String(out);
    }

    /**
     * Tells whether a string is a well-formed ULID.
     *
     * @param value the string
     * @return whether it has 26 Crockford base32 upper-case characters and fits in 128 bits
     */
    public static boolean isValid(String value) {
        return value != null && ULID.matcher(value).matches();
    }

    private static long mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
