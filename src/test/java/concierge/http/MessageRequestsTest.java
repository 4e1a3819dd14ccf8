package concierge.http;

import static concierge.http.Bodies.ENTERPRISE_ID;
import static concierge.http.Bodies.THREAD_ID;
import static concierge.http.Bodies.badFrom;
import static concierge.http.Bodies.field;
import static concierge.http.Bodies.json;
import static concierge.http.Bodies.refusal;
import static concierge.http.Bodies.text;
import static org.assertj.core.api.Assertions.assertThat;

import concierge.ids.EnterpriseId;
import concierge.ids.MessageThreadId;
import concierge.messaging.AddMessages;
import concierge.messaging.Limitation;
import concierge.messaging.NewMessage;
import concierge.messaging.TimeInterval;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The bodies of messages/getAll and messages/add, which the Connector and staff APIs share (spec D10, D12). */
class MessageRequestsTest {

    private static final MessageThreadId THREAD = new MessageThreadId(UUID.fromString(THREAD_ID));

    /** Bad values of messages/getAll's fields, in the order they are decoded. */
    private static final List<Bodies.Field> GET_ALL_BAD_IN_ORDER = List.of(
            field("EnterpriseIds", "['" + ENTERPRISE_ID + "']", "[]"),
            field("MessageThreadIds", "['" + THREAD_ID + "']", "[]"),
            field("CreatedUtc", Bodies.INTERVAL, "1"),
            field("Limitation", "{'Count': 10}", "1"));

    @Test
    void getAllDecodesEveryField() {
        GetAllMessagesRequest request = GetAllMessagesRequest.from(json("{'EnterpriseIds': ['" + ENTERPRISE_ID + "'],"
                + " 'MessageThreadIds': ['" + THREAD_ID + "'],"
                + " 'CreatedUtc': {'StartUtc': '2022-03-03T00:00:00Z', 'EndUtc': '2022-03-04T00:00:00Z'},"
                + " 'Limitation': {'Count': 10}}"));

        assertThat(request).isEqualTo(new GetAllMessagesRequest(
                Optional.of(List.of(new EnterpriseId(UUID.fromString(ENTERPRISE_ID)))), List.of(THREAD), Optional.of(new TimeInterval(Instant.parse("2022-03-03T00:00:00Z"),
                Instant.parse("2022-03-04T00:00:00Z"))), new Limitation(10, Optional.empty())));
    }

    @Test
    void getAllNeedsOnlyMessageThreadIdsAndLimitation() {
        GetAllMessagesRequest request = GetAllMessagesRequest.from(
                json("{'MessageThreadIds': ['" + THREAD_ID + "'], 'Limitation': {'Count': 10}}"));

        assertThat(request.enterpriseIds()).isEmpty();
        assertThat(request.createdUtc()).isEmpty();
    }

    @Test
    void getAllRequiresMessageThreadIds() {
        assertThat(refusal(() -> GetAllMessagesRequest.from(json("{'Limitation': {'Count': 10}}"))))
                .isEqualTo("Invalid MessageThreadIds: the property is required.");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void getAllNamesTheFirstBadFieldInDecodingOrder(int first) {
        assertThat(refusal(() -> GetAllMessagesRequest.from(badFrom(GET_ALL_BAD_IN_ORDER, first))))
                .startsWith("Invalid " + GET_ALL_BAD_IN_ORDER.get(first).name() + ":");
    }

    @Test
    void addDecodesTheItemsInRequestOrder() {
        AddMessagesRequest request = AddMessagesRequest.from(json("{'Messages': ["
                + "{'MessageThreadId': '" + THREAD_ID + "', 'Text': 'first', 'Identifier': 'a-1'},"
                + "{'MessageThreadId': '" + THREAD_ID + "', 'Text': 'second'}]}"));

        assertThat(request.messages()).containsExactly(
                new NewMessage(THREAD, "first", Optional.of("a-1")), new NewMessage(THREAD, "second", Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, AddMessages.MAX_ITEMS})
    void addTakesOneToTheMaximumOfItems(int count) {
        assertThat(AddMessagesRequest.from(json("{'Messages': " + messages(count) + "}")).messages()).hasSize(count);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, AddMessages.MAX_ITEMS + 1})
    void addRefusesNoItemsOrMoreThanTheMaximum(int count) {
        assertThat(refusal(() -> AddMessagesRequest.from(json("{'Messages': " + messages(count) + "}"))))
                .isEqualTo("Invalid Messages: must have from 1 to 1000 items.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{'Messages': null}"})
    void addRequiresMessages(String body) {
        assertThat(refusal(() -> AddMessagesRequest.from(json(body))))
                .isEqualTo("Invalid Messages: the property is required.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'hello'", "1", "null", "['" + THREAD_ID + "']"})
    void anItemThatIsNoObjectIsNamedByItsIndex(String item) {
        assertThat(refusal(() -> AddMessagesRequest.from(json("{'Messages': [" + message("ok") + ", " + item + "]}"))))
                .isEqualTo("Invalid Messages[1]: must be an object.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'Text': 'hi'}                                   | Invalid Messages[1].MessageThreadId: the property is required.",
            "{'MessageThreadId': 'x', 'Text': 'hi'}           | Invalid Messages[1].MessageThreadId: must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.",
            "{'MessageThreadId': '" + THREAD_ID + "'}              | Invalid Messages[1].Text: the property is required.",
            "{'MessageThreadId': '" + THREAD_ID + "', 'Text': ' '} | Invalid Messages[1].Text: must not be empty.",
            "{'MessageThreadId': '" + THREAD_ID + "', 'Text': 1}   | Invalid Messages[1].Text: must be a string.",
            "{'MessageThreadId': '" + THREAD_ID + "', 'Text': 'hi', 'Identifier': ''} | Invalid Messages[1].Identifier: must not be empty."})
    void aBadItemIsNamedByItsIndexAndField(String item, String message) {
        assertThat(refusal(() -> AddMessagesRequest.from(json("{'Messages': [" + message("ok") + ", " + item + "]}"))))
                .isEqualTo(message);
    }

    @Test
    void aTextOfTheMaximumLengthIsAccepted() {
        assertThat(AddMessagesRequest.from(json("{'Messages': [" + message(text(RequestFields.MAX_MESSAGE_TEXT)) + "]}"))
                .messages().getFirst().text()).hasSize(10_000);
    }

    @Test
    void aLongerTextIsRefusedNamingTheLimit() {
        assertThat(refusal(() -> AddMessagesRequest.from(
                json("{'Messages': [" + message(text(RequestFields.MAX_MESSAGE_TEXT + 1)) + "]}"))))
                .isEqualTo("Invalid Messages[0].Text: must be at most 10000 characters long.");
    }

    @Test
    void aTextWithANulCharacterIsRefused() {
        assertThat(refusal(() -> AddMessagesRequest.from(json("{'Messages': [" + message("a\\u0000b") + "]}"))))
                .isEqualTo("Invalid Messages[0].Text: must not contain NUL characters or unpaired surrogates.");
    }

    @Test
    void anIdentifierOfTheMaximumLengthIsAccepted() {
        assertThat(AddMessagesRequest.from(json("{'Messages': [" + identified(text(RequestFields.MAX_SHORT_TEXT)) + "]}"))
                .messages().getFirst().identifier()).hasValue(text(255));
    }

    @Test
    void aLongerIdentifierIsRefusedNamingTheLimit() {
        assertThat(refusal(() -> AddMessagesRequest.from(
                json("{'Messages': [" + identified(text(RequestFields.MAX_SHORT_TEXT + 1)) + "]}"))))
                .isEqualTo("Invalid Messages[0].Identifier: must be at most 255 characters long.");
    }

    private static String identified(String identifier) {
        return "{'MessageThreadId': '" + THREAD_ID + "', 'Text': 'hi', 'Identifier': '" + identifier + "'}";
    }

    private static String message(String text) {
        return "{'MessageThreadId': '" + THREAD_ID + "', 'Text': '" + text + "'}";
    }

    private static String messages(int count) {
        return IntStream.range(0, count).mapToObj(i -> message("m" + i)).collect(Collectors.joining(",", "[", "]"));
    }
}
