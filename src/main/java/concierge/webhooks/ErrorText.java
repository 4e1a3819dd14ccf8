package concierge.webhooks;

/**
 * A delivery error as it is stored and shown: the text comes partly from the receiver (a redirect's
 * path, a status line quoted in an exception), so it may hold anything. PostgreSQL refuses NUL, and
 * an error that cannot be stored is an attempt that is never recorded (the batch would be re-sent
 * forever and never become Dead), so control characters and unpaired surrogates are written as
 * escapes (a backslash, {@code u} and four hex digits) and the text is cut to what the column holds.
 */
final class ErrorText {

    /** The length of the {@code webhook_event.last_error} column (V2 migration), in characters. */
    static final int MAX_CHARS = 1000;

    private ErrorText() {
    }

    static String storable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS));
        for (int i = 0; i < text.length() && out.length() < MAX_CHARS; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (out.length() + 2 > MAX_CHARS) {
                    break; // never cut a pair in half: that would leave an unpaired surrogate
                }
                out.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() > MAX_CHARS ? out.substring(0, MAX_CHARS) : out.toString();
    }
}
