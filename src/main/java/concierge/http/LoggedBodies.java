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
            wellFormedUpTo = length;
        } catch (IOException e) {
            // wellFormedUpTo stays at the start of the token that could not be read
        }
        out.write(prefix, copied, Math.max(0, wellFormedUpTo - copied));
        String kept = out.toString(StandardCharsets.UTF_8);
        if (wellFormedUpTo < length || length < fullLength) {
            return kept + (length < fullLength
                    ? "…[cut: the log keeps the first " + PREFIX_BYTES + " bytes of " + fullLength + "]"
                    : "…[the rest is not JSON and is not kept]");
        }
        return kept;
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
