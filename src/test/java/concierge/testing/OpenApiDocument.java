package concierge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The server's OpenAPI document as the jar holds it (src/main/resources/openapi/concierge.json), and the official fragment. */
public final class OpenApiDocument {

    public static final String OURS = "/openapi/concierge.json";
    /** The official Connector definition, copied unchanged from the spec folder. */
    public static final String OFFICIAL = "/openapi/connector-messaging-openapi.yaml";

    private OpenApiDocument() {
    }

    public static String text(String resource) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode ours() {
        try {
            return new ObjectMapper().readTree(text(OURS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
