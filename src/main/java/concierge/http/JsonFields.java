package concierge.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import concierge.errors.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads one JSON object of a request. Property names match case-insensitively; unknown ones are
 * ignored; JSON {@code null} counts as absent. Every failure names the property by its JSON path.
 */
public final class JsonFields {

    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final String path;
    private final Map<String, JsonNode> fields;

    private JsonFields(String path, Map<String, JsonNode> fields) {
        this.path = path;
        this.fields = fields;
    }

    public static JsonFields parse(byte[] body) {
        return parse(new ByteArrayInputStream(body));
    }

    /** Parses the whole stream (it is not closed: the caller owns it). */
    public static JsonFields parse(InputStream body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(new Unclosed(body));
        } catch (JacksonException e) {
            // Some failures, such as a nesting limit, carry no location.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw InvalidRequestException.invalidJson(withoutParserInternals(e.getOriginalMessage()) + where + ".");
        } catch (IOException e) {
            throw InvalidRequestException.invalidJson("the body could not be read.");
        }
        if (root == null || !root.isObject()) {
            throw InvalidRequestException.invalidJson("the body must be a JSON object.");
        }
        return of("", root);
    }

    /** Jackson closes what it read; a request body stream is the server's to close. */
    private static final class Unclosed extends FilterInputStream {
        Unclosed(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    /**
     * Jackson's message without what only its own developers can read: the redacted source, the Java
     * type a value was bound as, and the names of its settings. Line and column stay.
     */
    static String withoutParserInternals(String message) {
        return message
                .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]", "line $1, column $2")
                .replaceAll(" \\(bound as `[^`]*`\\)", "")
                .replaceAll(": not allowed as per `[^`]*`", "")
                .replaceAll(": enable `[^`]*` to allow", "")
                .replaceAll(", from `[^`]*`", "");
    }

    private static JsonFields of(String path, JsonNode object) {
        Map<String, JsonNode> fields = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (fields.put(folded(field.getKey()), field.getValue()) != null) {
                throw InvalidRequestException.invalidJson("duplicate property '" + join(path, field.getKey()) + "'.");
            }
        }
        return new JsonFields(path, fields);
    }

    public String path(String name) {
        return join(path, name);
    }

    public String string(String name, int maxLength) {
        return optionalString(name, maxLength).orElseThrow(() -> required(name));
    }

    /**
     * A present string must not be blank, must not exceed {@code maxLength} characters, and must be
     * text every engine stores as sent: no NUL (PostgreSQL refuses it) and no unpaired surrogate
     * (no UTF-8 for it; PostgreSQL would store '?').
     */
    public Optional<String> optionalString(String name, int maxLength) {
        return value(name).map(node -> text(path(name), node, maxLength));
    }

    /** An array of 1 to {@code maxItems} strings, each as {@link #optionalString} takes it; absent or null is "not given". */
    public Optional<List<String>> optionalStrings(String name, int maxItems, int maxLength) {
        return value(name).map(node -> {
            checkArray(name, node, maxItems);
            List<String> texts = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                texts.add(text(path(name) + "[" + i + "]", node.get(i), maxLength));
            }
            return List.copyOf(texts);
        });
    }

    private static String text(String path, JsonNode node, int maxLength) {
        if (!node.isTextual()) {
            throw InvalidRequestException.field(path, "must be a string.");
        }
        String text = node.textValue();
        if (text.isBlank()) {
            throw InvalidRequestException.field(path, "must not be empty.");
        }
        if (text.length() > maxLength) {
            throw InvalidRequestException.field(path, "must be at most " + maxLength + " characters long.");
        }
        if (!isStorableText(text)) {
            throw InvalidRequestException.field(path, "must not contain NUL characters or unpaired surrogates.");
        }
        return text;
    }

    private static boolean isStorableText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    public int integer(String name) {
        JsonNode node = value(name).orElseThrow(() -> required(name));
        if (!node.isInt()) {
            throw InvalidRequestException.field(path(name), "must be a whole number.");
        }
        return node.intValue();
    }

    public boolean bool(String name) {
        return optionalBoolean(name).orElseThrow(() -> required(name));
    }

    public Optional<Boolean> optionalBoolean(String name) {
        return value(name).map(node -> {
            if (!node.isBoolean()) {
                throw InvalidRequestException.field(path(name), "must be true or false.");
            }
            return node.booleanValue();
        });
    }

    public UUID uuid(String name) {
        return optionalUuid(name).orElseThrow(() -> required(name));
    }

    public Optional<UUID> optionalUuid(String name) {
        return value(name).map(node -> uuid(path(name), node));
    }

    /** An array of 1 to {@code maxItems} UUIDs; {@code []} is invalid, absent or null is "not given". */
    public Optional<List<UUID>> optionalUuids(String name, int maxItems) {
        return value(name).map(node -> {
            checkArray(name, node, maxItems);
            List<UUID> ids = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                ids.add(uuid(path(name) + "[" + i + "]", node.get(i)));
            }
            return List.copyOf(ids);
        });
    }

    public List<UUID> uuids(String name, int maxItems) {
        return optionalUuids(name, maxItems).orElseThrow(() -> required(name));
    }

    /**
     * What the ISO parser below accepts, less two forms that are not ISO 8601 (a decimal point with no
     * digits, {@code 16:09:45.Z}; an offset with seconds, {@code +01:00:30}). The parser checks the values.
     */
    private static final Pattern DATE_TIME_SHAPE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?([Zz]|[+-]\\d{2}(:\\d{2})?)");

    /** ISO 8601 with {@code Z} or an offset and 0 to 9 fractional digits, normalised to UTC. */
    public Instant instant(String name) {
        JsonNode node = value(name).orElseThrow(() -> required(name));
        String example = "an ISO 8601 date-time with Z or an offset, such as 2022-03-03T00:00:00Z.";
        if (!node.isTextual()) {
            throw InvalidRequestException.field(path(name), "must be " + example);
        }
        if (!DATE_TIME_SHAPE.matcher(node.textValue()).matches()) {
            throw InvalidRequestException.field(path(name), "must be " + example);
        }
        try {
            Instant instant = OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw InvalidRequestException.field(path(name), "must be between years 0001 and 9999.");
            }
            return instant;
        } catch (DateTimeException e) {
            throw InvalidRequestException.field(path(name), "must be " + example);
        }
    }

    public JsonFields object(String name) {
        return optionalObject(name).orElseThrow(() -> required(name));
    }

    public Optional<JsonFields> optionalObject(String name) {
        return value(name).map(node -> {
            if (!node.isObject()) {
                throw InvalidRequestException.field(path(name), "must be an object.");
            }
            return of(path(name), node);
        });
    }

    /** An array of 1 to {@code maxItems} objects. */
    public List<JsonFields> objects(String name, int maxItems) {
        JsonNode node = value(name).orElseThrow(() -> required(name));
        checkArray(name, node, maxItems);
        List<JsonFields> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path(name) + "[" + i + "]";
            if (!node.get(i).isObject()) {
                throw InvalidRequestException.field(itemPath, "must be an object.");
            }
            items.add(of(itemPath, node.get(i)));
        }
        return items;
    }

    private void checkArray(String name, JsonNode node, int maxItems) {
        if (!node.isArray()) {
            throw InvalidRequestException.field(path(name), "must be an array.");
        }
        if (node.isEmpty() || node.size() > maxItems) {
            throw InvalidRequestException.field(path(name), "must have from 1 to " + maxItems + " items.");
        }
    }

    private Optional<JsonNode> value(String name) {
        JsonNode node = fields.get(folded(name));
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    private InvalidRequestException required(String name) {
        return InvalidRequestException.field(path(name), "the property is required.");
    }

    private static UUID uuid(String path, JsonNode node) {
        if (!node.isTextual() || !UUID_SHAPE.matcher(node.textValue()).matches()) {
            throw InvalidRequestException.field(path, "must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.");
        }
        return UUID.fromString(node.textValue());
    }

    /**
     * Case folded in ASCII only, as an ordinal case-insensitive match does: Unicode folding would make
     * {@code ClientTo\u212Aen} (KELVIN SIGN) or a dotted capital I match our ASCII names.
     */
    private static String folded(String name) {
        StringBuilder folded = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (folded == null) {
                    folded = new StringBuilder(name);
                }
                folded.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return folded == null ? name : folded.toString();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
