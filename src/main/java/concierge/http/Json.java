package concierge.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import concierge.ids.Identifier;

/**
 * The API's ObjectMapper: strict on input, PascalCase records with nulls written out on output, and
 * every kind of Id written as its UUID text.
 * (The webhook sender writes its fixed payload with a plain mapper of its own.)
 *
 * <p>Reading is bounded by what the largest valid request needs, so that what parsing builds stays
 * small whatever is sent: a body is parsed into a tree before anybody is authenticated.
 */
public final class Json {

    /**
     * JSON tokens (names, values, brackets) in one body. The largest valid Connector or staff request,
     * messages/add with 1000 items of three properties, has about 8,000; this leaves room for a dozen
     * unknown properties per item. A tree of this many tokens costs at most about 10 MB of heap, where
     * 16 MiB of {@code [{},{},…]} unbounded built about 600 MB. The admin API's integrations/add is
     * the one operation this limits below its item limits (at most ~99,000 EnterpriseIds per request).
     */
    static final int MAX_TOKENS = 100_000;
    /** Nesting of objects and arrays. Valid requests need 3 (body, Messages, item); unknown properties get room. */
    static final int MAX_NESTING = 64;
    /**
     * Characters of one property name. Ours have at most 16; names are also kept in the parser's shared
     * name table (a few thousand of them), so long unique names would otherwise stay in memory.
     */
    static final int MAX_NAME_LENGTH = 256;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxTokenCount(MAX_TOKENS)
                            .maxNestingDepth(MAX_NESTING)
                            .maxNameLength(MAX_NAME_LENGTH)
                            .build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .addModule(new SimpleModule().addSerializer(Identifier.class, ToStringSerializer.instance))
            .build();

    private Json() {
    }
}
