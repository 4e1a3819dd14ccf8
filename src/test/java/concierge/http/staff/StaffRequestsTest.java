package concierge.http.staff;

import static concierge.http.Bodies.THREAD_ID;
import static concierge.http.Bodies.badFrom;
import static concierge.http.Bodies.field;
import static concierge.http.Bodies.json;
import static concierge.http.Bodies.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import concierge.http.Bodies;
import concierge.ids.MessageThreadId;
import concierge.messaging.Limitation;
import concierge.messaging.ThreadFilter;
import concierge.messaging.ThreadOrder;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The staff API's own request bodies (spec §3), decoded without a server. */
class StaffRequestsTest {

    /** Bad values of the staff messageThreads/getAll's fields, in the order they are decoded: filters first. */
    private static final List<Bodies.Field> GET_ALL_THREADS_BAD_IN_ORDER = List.of(
            field("MessageThreadIds", "['" + THREAD_ID + "']", "[]"),
            field("CreatedUtc", Bodies.INTERVAL, "1"),
            field("UpdatedUtc", Bodies.INTERVAL, "1"),
            field("IsResolved", "true", "'yes'"),
            field("Search", "'Breakfast'", "''"),
            field("EnterpriseIds", "['" + Bodies.ENTERPRISE_ID + "']", "[]"),
            field("Order", "'UpdatedUtc'", "'Newest'"),
            field("Limitation", "{'Count': 10}", "1"));

    @Test
    void getAllThreadsNeedsNoFilter() {
        StaffApi.GetAllMessageThreadsRequest request = StaffApi.GetAllMessageThreadsRequest.from(
                json("{'Limitation': {'Count': 10}}"));

        assertThat(request).isEqualTo(new StaffApi.GetAllMessageThreadsRequest(Optional.empty(),
                new ThreadFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()),
                ThreadOrder.CREATED_UTC, new Limitation(10, Optional.empty())));
    }

    @ParameterizedTest
    @CsvSource({"true, true", "false, false"})
    void getAllThreadsFiltersByIsResolved(String isResolved, boolean expected) {
        assertThat(StaffApi.GetAllMessageThreadsRequest.from(
                json("{'IsResolved': " + isResolved + ", 'Limitation': {'Count': 10}}")).filter().isResolved())
                .contains(expected);
    }

    @Test
    void isResolvedNullIsNoFilter() {
        assertThat(StaffApi.GetAllMessageThreadsRequest.from(
                json("{'IsResolved': null, 'Limitation': {'Count': 10}}")).filter().isResolved()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void getAllThreadsNamesTheFirstBadFieldInDecodingOrder(int first) {
        assertThat(refusal(() -> StaffApi.GetAllMessageThreadsRequest.from(
                badFrom(GET_ALL_THREADS_BAD_IN_ORDER, first))))
                .startsWith("Invalid " + GET_ALL_THREADS_BAD_IN_ORDER.get(first).name() + ":");
    }

    @Test
    void resolveDecodesTheThreadsAndTheirNewState() {
        assertThat(StaffApi.ResolveMessageThreadsRequest.from(
                json("{'MessageThreadIds': ['" + THREAD_ID + "'], 'IsResolved': false}")))
                .isEqualTo(new StaffApi.ResolveMessageThreadsRequest(
                        List.of(new MessageThreadId(UUID.fromString(THREAD_ID))), false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'IsResolved': true}                                    | Invalid MessageThreadIds: the property is required.",
            "{'MessageThreadIds': []}                                | Invalid MessageThreadIds: must have from 1 to 1000 items.",
            "{'MessageThreadIds': ['" + THREAD_ID + "']}                  | Invalid IsResolved: the property is required.",
            "{'MessageThreadIds': ['" + THREAD_ID + "'], 'IsResolved': null} | Invalid IsResolved: the property is required.",
            "{'MessageThreadIds': ['" + THREAD_ID + "'], 'IsResolved': 1}    | Invalid IsResolved: must be true or false.",
            "{'MessageThreadIds': 1, 'IsResolved': 'x'}              | Invalid MessageThreadIds: must be an array."})
    void resolveNamesTheBadField(String body, String message) {
        assertThat(refusal(() -> StaffApi.ResolveMessageThreadsRequest.from(json(body)))).isEqualTo(message);
    }
}
