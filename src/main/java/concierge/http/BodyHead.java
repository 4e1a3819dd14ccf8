package concierge.http;

import java.util.List;

/**
 * The first {@code length} bytes of a body of {@code fullLength} bytes, for the request log, which
 * masks its tokens ({@link LoggedBodies}) and keeps at most {@link LoggedBodies#PREFIX_BYTES}.
 * {@code bytes} may be longer than {@code length}: an answer's own array, not a copy.
 */
public record BodyHead(byte[] bytes, int length, long fullLength) {

    static final BodyHead NONE = new BodyHead(new byte[0], 0, 0);

    static BodyHead of(byte[] whole) {
        return new BodyHead(whole, Math.min(whole.length, LoggedBodies.PREFIX_BYTES), whole.length);
    }

    /** A copy of the first bytes of a body read in parts (Router reads a body as the parts it arrived in). */
    static BodyHead of(List<byte[]> parts) {
        long size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] head = new byte[(int) Math.min(size, LoggedBodies.PREFIX_BYTES)];
        int filled = 0;
        for (int i = 0; i < parts.size() && filled < head.length; i++) {
            int taken = Math.min(parts.get(i).length, head.length - filled);
            System.arraycopy(parts.get(i), 0, head, filled, taken);
            filled += taken;
        }
        return new BodyHead(head, head.length, size);
    }
}
