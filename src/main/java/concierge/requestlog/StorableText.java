package concierge.requestlog;

/**
 * Text every engine stores as it is: NUL (which PostgreSQL refuses) and unpaired surrogates (which it
 * would store as '?') become U+FFFD, and each text fits its column. A body that failed to decode, or
 * a cut through a surrogate pair, must not make the whole batch fail.
 */
final class StorableText {

    /** Characters of an operation's name; the column is VARCHAR(255). */
    static final int MAX_OPERATION_CHARS = 255;

    private StorableText() {
    }

    static LoggedRequest of(LoggedRequest request) {
        return new LoggedRequest(request.requestId(), request.createdUtc(),
                fitted(request.operation(), MAX_OPERATION_CHARS), request.status(), request.durationMicros(),
                request.clientId(), request.integrationId(),
                request.errorMessage().map(message -> fitted(message, RequestLogWriter.MAX_ERROR_MESSAGE_CHARS)),
                fitted(request.requestBody(), RequestLogWriter.MAX_BODY_CHARS),
                fitted(request.responseBody(), RequestLogWriter.MAX_BODY_CHARS));
    }

    static String fitted(String text, int maxChars) {
        String cut = text.length() > maxChars ? text.substring(0, maxChars) : text;
        StringBuilder fixed = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c) && i + 1 < cut.length()
                    && Character.isLowSurrogate(cut.charAt(i + 1));
            if (pairStart) {
                if (fixed != null) {
                    fixed.append(c).append(cut.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean unstorable = c == 0 || Character.isSurrogate(c);
            if (unstorable && fixed == null) {
                fixed = new StringBuilder(cut.length()).append(cut, 0, i);
            }
            if (fixed != null) {
                fixed.append(unstorable ? '\uFFFD' : c);
            }
        }
        return fixed == null ? cut : fixed.toString();
    }
}
