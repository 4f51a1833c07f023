package dev.speckitty.orchestrator.core.agent.internal;

/**
 * In-memory capture of a stream that keeps the first and the last {@code cap} characters and counts what it dropped
 * in between, so a flood of output costs bounded memory while both the start (banners, errors at startup) and the end
 * (final JSON, usage lines) survive. Thread-safe.
 */
public final class CappedText {
    private final int cap;
    private final StringBuilder head = new StringBuilder();
    private char[] tail;
    private int tailStart;
    private int tailLength;
    private long dropped;

    /**
     * Creates a capture.
     *
     * @param cap characters kept at each end; positive
     */
    public CappedText(int cap) {
        if (cap <= 0) {
            throw new IllegalArgumentException("cap must be positive: " + cap);
        }
        this.cap = cap;
    }

    /**
     * Appends characters.
     *
     * @param chars the buffer
     * @param offset the start
     * @param length the count
     */
    public synchronized void append(char[] chars, int offset, int length) {
        int i = offset;
        int end = offset + length;
        int room = cap - head.length();
        if (room > 0) {
            int n = Math.min(room, length);
            head.append(chars, i, n);
            i += n;
        }
        if (i < end && tail == null) {
            // allocated only when output outgrows the head: small runs cost no more than their text
            tail = new char[cap];
        }
        for (; i < end; i++) {
            if (tailLength < cap) {
                tail[(tailStart + tailLength) % cap] = chars[i];
                tailLength++;
            } else {
                tail[tailStart] = chars[i];
                tailStart = (tailStart + 1) % cap;
                dropped++;
            }
        }
    }

    /**
     * Returns how many characters were dropped from the middle.
     *
     * @return the count
     */
    public synchronized long dropped() {
        return dropped;
    }

    /**
     * Returns the head, a marker with the dropped count when something was dropped, and the tail.
     *
     * @return the text
     */
    @Override
    public synchronized String toString() {
        StringBuilder sb = new StringBuilder(head.length() + tailLength + 64).append(head);
        if (dropped > 0) {
            sb.append("\n[... ").append(dropped).append(" characters omitted ...]\n");
        }
        for (int k = 0; k < tailLength; k++) {
            sb.append(tail[(tailStart + k) % cap]);
        }
        return sb.toString();
    }
}
