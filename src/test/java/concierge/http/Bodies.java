package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import concierge.errors.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Request bodies for the decoder tests, which need no server. Written with single quotes for
 * readability: {@code json("{'Limitation': {'Count': 10}}")}.
 */
public final class Bodies {

    public static final String THREAD_ID = "1b0b3c4e-6f2a-4d8e-9a51-0c2f6b7d8e91";
    public static final String ENTERPRISE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    public static final String INTERVAL = "{'StartUtc': '2022-03-03T00:00:00Z', 'EndUtc': '2022-03-04T00:00:00Z'}";

    private Bodies() {
    }

    public static JsonFields json(String singleQuoted) {
        return JsonFields.parse(singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    /** The Message of the 400 the decoding answers. */
    public static String refusal(ThrowingCallable decoding) {
        Throwable thrown = catchThrowable(decoding);
        assertThat(thrown).isInstanceOf(InvalidRequestException.class);
        return thrown.getMessage();
    }

    /** A JSON array of {@code count} distinct UUIDs, single-quoted. */
    public static String uuids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "'" + new UUID(0, i) + "'")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** One property of a body: its name, a valid and an invalid value (single-quoted JSON). */
    public record Field(String name, String valid, String invalid) {
    }

    public static Field field(String name, String valid, String invalid) {
        return new Field(name, valid, invalid);
    }

    /**
     * A body of the fields, valid before index {@code firstBad} and invalid from it on: the decoder
     * must name the field at {@code firstBad}, the first bad one in the order it decodes them.
     */
    public static JsonFields badFrom(List<Field> fields, int firstBad) {
        return json(IntStream.range(0, fields.size())
                .mapToObj(i -> "'" + fields.get(i).name() + "': "
                        + (i < firstBad ? fields.get(i).valid() : fields.get(i).invalid()))
                .collect(Collectors.joining(", ", "{", "}")));
    }

    /** A string of {@code length} letters. */
    public static String text(int length) {
        return "x".repeat(length);
    }
}
