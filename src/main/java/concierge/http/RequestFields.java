package concierge.http;

import concierge.ids.EnterpriseId;
import concierge.messaging.Limitation;
import concierge.messaging.TimeInterval;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The request pieces several operations share, each decoded here and nowhere else, and the size
 * limits of the wire (spec D7, D12) that no use case checks because {@link JsonFields} does.
 */
public final class RequestFields {

    /** Ids in one Id array, any array (D7): 1 to this many. */
    public static final int MAX_IDS_PER_ARRAY = 1000;

    /**
     * Characters in a one-line text: Subject, OriginalSender, Client, Identifier (D12), and the names
     * and codes our own APIs take. The stored ones are VARCHAR(255) columns.
     */
    public static final int MAX_SHORT_TEXT = 255;

    /** Characters in a message's Text (D12); the column is VARCHAR(10000). */
    public static final int MAX_MESSAGE_TEXT = 10_000;

    private RequestFields() {
    }

    /** {@code EnterpriseIds}: narrows a listing to some of the caller's enterprises (D7); absent means all. */
    public static Optional<List<EnterpriseId>> enterpriseIds(JsonFields body) {
        return optionalIds(body, "EnterpriseIds", EnterpriseId::new);
    }

    public static List<UUID> ids(JsonFields body, String name) {
        return body.uuids(name, MAX_IDS_PER_ARRAY);
    }

    public static Optional<List<UUID>> optionalIds(JsonFields body, String name) {
        return body.optionalUuids(name, MAX_IDS_PER_ARRAY);
    }

    /** The Ids as the domain's kind of Id, {@code kind} say {@code MessageThreadId::new}: its types start here. */
    public static <I> List<I> ids(JsonFields body, String name, Function<UUID, I> kind) {
        return ids(body, name).stream().map(kind).toList();
    }

    public static <I> Optional<List<I>> optionalIds(JsonFields body, String name, Function<UUID, I> kind) {
        return optionalIds(body, name).map(ids -> ids.stream().map(kind).toList());
    }

    /** When the interval object is present, both bounds are required (D1). */
    public static Optional<TimeInterval> interval(JsonFields body, String name) {
        return body.optionalObject(name).map(interval ->
                new TimeInterval(interval.instant("StartUtc"), interval.instant("EndUtc")));
    }

    /** {@code Limitation}: required, with a Count (checked by the use case, D5) and an optional Cursor. */
    public static Limitation limitation(JsonFields body) {
        JsonFields limitation = body.object("Limitation");
        return new Limitation(limitation.integer("Count"), limitation.optionalUuid("Cursor"));
    }
}
