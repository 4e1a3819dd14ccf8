package concierge.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import concierge.requestlog.RequestLogWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A body as the request log keeps it: the value of every {@code ClientToken} and {@code AccessToken}
 * property, at any depth and in any letter case, shows only its last 4 characters, and the body is
 * cut at {@link #PREFIX_BYTES}. Only the bytes before the first thing that is not JSON are kept
 * (the end of a cut body is such a thing): a token in what could not be read is never shown.
 */
final class LoggedBodies {

    /** The bytes of a body the log reads; room is left for the note that says the rest is not kept. */
    static final int PREFIX_BYTES = RequestLogWriter.MAX_BODY_CHARS - 128;
    /**
     * The bytes of an answer the log keeps: an error's body whole, a page's first items. Storing whole
     * 16 KB pages cost PostgreSQL ~0.4 ms per row (TOAST compression; 6 KB a row), more than the
     * getAll it logged (bench/results/2026-12-01/request-log-cost.md).
     */
    static final int ANSWER_PREFIX_BYTES = 2 * 1024;
    /** A token shorter than this shows none of its characters. */
    static final int MIN_TOKEN_SHOWN = 12;
    static final int TOKEN_CHARS_SHOWN = 4;
    /**
     * Not the API's parser: that one refuses duplicate properties, and the log keeps a body with two
     * AccessTokens (answered 400) whole, both masked. The prefix bounds what it reads.
     */
    private static final JsonFactory PARSERS = new JsonFactory();

    private LoggedBodies() {
    }

    /**
     * {@code prefix} holds the first bytes of a body of {@code fullLength} bytes, at most
     * {@link #PREFIX_BYTES} of them.
     */
    static String masked(byte[] prefix, int length, long fullLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 64);
        int copied = 0;
        int wellFormedUpTo = 0;
        try (JsonParser parser = PARSERS.createParser(prefix, 0, length)) {
            boolean tokenValueNext = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                if (start < 0) {
                    // No byte offsets: Jackson took the body for UTF-16 or UTF-32 from its first bytes (the
                    // API reads only UTF-8). Nothing of it is kept: a token in it could not be masked.
                    break;
                }
                wellFormedUpTo = start;
                if (token == JsonToken.FIELD_NAME) {
                    tokenValueNext = isTokenName(parser.currentName());
                    continue;
                }
                if (!tokenValueNext) {
                    continue;
                }
                tokenValueNext = false;
                String shown = token.isScalarValue() ? shownOf(parser.getText()) : "";
                if (token.isStructStart()) {
                    parser.skipChildren();
                }
                int end = (int) parser.currentLocation().getByteOffset();
                out.write(prefix, copied, start - copied);
                out.write('"');
                out.write(new String(JsonStringEncoder.getInstance().quoteAsString("****" + shown))
                        .getBytes(StandardCharsets.UTF_8));
                out.write('"');
                copied = end;
                wellFormedUpTo = end;
            }
            if (token == null) {
                wellFormedUpTo = length;
            }
        } catch (IOException e) {
            // wellFormedUpTo stays at the start of the token that could not be read
        }
        out.write(prefix, copied, Math.max(0, wellFormedUpTo - copied));
        String kept = out.toString(StandardCharsets.UTF_8);
        if (wellFormedUpTo < length || length < fullLength) {
            return kept + (length < fullLength ? cutNote(length, fullLength) : "…[the rest is not JSON and is not kept]");
        }
        return kept;
    }

    /**
     * An answer of ours, masked only when it could hold a token property: the server writes the JSON
     * (no name is escaped), and a name that ends in "oken" is followed at once by its quote. Most
     * answers have none, and a page of 100 threads is not parsed a second time.
     */
    static String maskedAnswer(byte[] prefix, int available, long fullLength) {
        int length = Math.min(available, ANSWER_PREFIX_BYTES);
        for (int i = 4; i < length; i++) {
            if (prefix[i] == '"' && (prefix[i - 1] | 0x20) == 'n' && (prefix[i - 2] | 0x20) == 'e'
                    && (prefix[i - 3] | 0x20) == 'k' && (prefix[i - 4] | 0x20) == 'o') {
                return masked(prefix, length, fullLength);
            }
        }
        return new String(prefix, 0, length, StandardCharsets.UTF_8)
                + (length < fullLength ? cutNote(length, fullLength) : "");
    }

    private static String cutNote(int kept, long fullLength) {
        return "…[cut: the log keeps the first " + kept + " bytes of " + fullLength + "]";
    }

    /** The names JsonFields reads as credentials, and those that differ from them only in case. */
    private static boolean isTokenName(String name) {
        return "ClientToken".equalsIgnoreCase(name) || "AccessToken".equalsIgnoreCase(name);
    }

    private static String shownOf(String token) {
        if (token.length() < MIN_TOKEN_SHOWN) {
            return "";
        }
        int from = token.offsetByCodePoints(token.length(), -TOKEN_CHARS_SHOWN);
        return token.substring(from);
    }
}
