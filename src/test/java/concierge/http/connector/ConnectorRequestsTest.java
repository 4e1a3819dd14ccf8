package concierge.http.connector;

import static concierge.http.Bodies.ENTERPRISE_ID;
import static concierge.http.Bodies.THREAD_ID;
import static concierge.http.Bodies.badFrom;
import static concierge.http.Bodies.field;
import static concierge.http.Bodies.json;
import static concierge.http.Bodies.refusal;
import static concierge.http.Bodies.text;
import static org.assertj.core.api.Assertions.assertThat;

import concierge.http.Bodies;
import concierge.http.RawBody;
import concierge.http.JsonFields;
import concierge.http.RequestFields;
import concierge.ids.EnterpriseId;
import concierge.ids.MessageThreadId;
import concierge.messaging.Limitation;
import concierge.messaging.ThreadFilter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Connector API's request bodies (spec D9, D12, D15, D18), decoded without a server. */
class ConnectorRequestsTest {

    private static final String CREDENTIALS = "'ClientToken': 'C', 'AccessToken': 'A', 'Client': 'Sample Client 1.0.0'";

    /** Bad values of messageThreads/getAll's fields, in the order they are decoded. */
    private static final List<Bodies.Field> GET_ALL_THREADS_BAD_IN_ORDER = List.of(
            field("EnterpriseIds", "['" + ENTERPRISE_ID + "']", "[]"),
            field("MessageThreadIds", "['" + THREAD_ID + "']", "[]"),
            field("CreatedUtc", Bodies.INTERVAL, "1"),
            field("UpdatedUtc", Bodies.INTERVAL, "1"),
            field("Limitation", "{'Count': 10}", "1"));

    @Test
    void credentialsAreTheTwoTokens() {
        assertThat(ConnectorApi.Credentials.from(json("{" + CREDENTIALS + "}")))
                .isEqualTo(new ConnectorApi.Credentials("C", "A"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClientToken", "AccessToken", "Client"})
    void eachCredentialIsRequired(String name) {
        assertThat(refusal(() -> ConnectorApi.Credentials.from(credentialsWithout(name))))
                .isEqualTo("Invalid " + name + ": the property is required.");
    }

    static Stream<Arguments> credentialsNullBlankOrNotAString() {
        return Stream.of("ClientToken", "AccessToken", "Client").flatMap(name ->
                Stream.of("null", "''", "'   '", "42", "true", "['a']", "{'Value': 'a'}")
                        .map(value -> Arguments.of(name, value)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("credentialsNullBlankOrNotAString")
    void aCredentialThatIsNullBlankOrNotAStringIsRefusedNamingIt(String name, String value) {
        assertThat(refusal(() -> ConnectorApi.Credentials.from(
                RawBody.of("ClientToken", "'C'", "AccessToken", "'A'", "Client", "'c'").with(name, value).fields())))
                .startsWith("Invalid " + name + ":");
    }

    @Test
    void theClientTokenIsNamedBeforeTheAccessTokenAndTheClient() {
        assertThat(refusal(() -> ConnectorApi.Credentials.from(json("{}"))))
                .isEqualTo("Invalid ClientToken: the property is required.");
    }

    @Test
    void tokensMayBeAsLongAsTheBodyAllows() {
        String token = text(100_000);

        assertThat(ConnectorApi.Credentials.from(json("{'ClientToken': '" + token + "', 'AccessToken': '" + token
                + "', 'Client': 'c'}")).accessToken()).hasSize(100_000);
    }

    @Test
    void aClientNameLongerThanTheLimitIsRefused() {
        assertThat(refusal(() -> ConnectorApi.Credentials.from(json("{'ClientToken': 'C', 'AccessToken': 'A',"
                + " 'Client': '" + text(RequestFields.MAX_SHORT_TEXT + 1) + "'}"))))
                .isEqualTo("Invalid Client: must be at most 255 characters long.");
    }

    @Test
    void aClientNameOfTheLimitIsAccepted() {
        assertThat(ConnectorApi.Credentials.from(json("{'ClientToken': 'C', 'AccessToken': 'A',"
                + " 'Client': '" + text(RequestFields.MAX_SHORT_TEXT) + "'}")))
                .isEqualTo(new ConnectorApi.Credentials("C", "A"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'LanguageCode': 'en' | Invalid CultureCode: LanguageCode and CultureCode must be sent together.",
            "'CultureCode': 'en-US' | Invalid LanguageCode: LanguageCode and CultureCode must be sent together."})
    void languageCodeAndCultureCodeGoTogether(String one, String message) {
        assertThat(refusal(() -> ConnectorApi.Credentials.from(json("{" + CREDENTIALS + ", " + one + "}"))))
                .isEqualTo(message);
    }

    @Test
    void languageCodeAndCultureCodeTogetherAreAccepted() {
        assertThat(ConnectorApi.Credentials.from(json("{" + CREDENTIALS + ", 'LanguageCode': 'en-US',"
                + " 'CultureCode': 'en-US'}"))).isEqualTo(new ConnectorApi.Credentials("C", "A"));
    }

    @Test
    void languageCodeAndCultureCodeBothNullCountAsAbsent() {
        assertThat(ConnectorApi.Credentials.from(json("{" + CREDENTIALS + ", 'LanguageCode': null,"
                + " 'CultureCode': null}"))).isEqualTo(new ConnectorApi.Credentials("C", "A"));
    }

    @Test
    void credentialsDoNotShowTheTokens() {
        assertThat(new ConnectorApi.Credentials("client-secret", "access-secret").toString())
                .doesNotContain("client-secret", "access-secret");
    }

    @Test
    void getAllThreadsDecodesEveryFilterButIsResolved() {
        ConnectorApi.GetAllMessageThreadsRequest request = ConnectorApi.GetAllMessageThreadsRequest.from(json(
                "{'EnterpriseIds': ['" + ENTERPRISE_ID + "'], 'MessageThreadIds': ['" + THREAD_ID + "'],"
                        + " 'IsResolved': true, 'Limitation': {'Count': 10}}"));

        assertThat(request).isEqualTo(new ConnectorApi.GetAllMessageThreadsRequest(
                Optional.of(List.of(new EnterpriseId(UUID.fromString(ENTERPRISE_ID)))),
                new ThreadFilter(Optional.of(List.of(new MessageThreadId(UUID.fromString(THREAD_ID)))),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                new Limitation(10, Optional.empty())));
    }

    /** The use case then refuses a listing with no thread or time filter (MessageThreadsGetAllRequestTest). */
    @Test
    void getAllThreadsCountsNullFiltersAsAbsent() {
        ConnectorApi.GetAllMessageThreadsRequest request = ConnectorApi.GetAllMessageThreadsRequest.from(json(
                "{'EnterpriseIds': null, 'MessageThreadIds': null, 'CreatedUtc': null, 'UpdatedUtc': null,"
                        + " 'Limitation': {'Count': 10}}"));

        assertThat(request.enterpriseIds()).isEmpty();
        assertThat(request.filter().hasThreadOrTimeFilter()).isFalse();
    }

    @Test
    void getAllThreadsRequiresALimitation() {
        assertThat(refusal(() -> ConnectorApi.GetAllMessageThreadsRequest.from(
                json("{'MessageThreadIds': ['" + THREAD_ID + "']}"))))
                .isEqualTo("Invalid Limitation: the property is required.");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void getAllThreadsNamesTheFirstBadFieldInDecodingOrder(int first) {
        assertThat(refusal(() -> ConnectorApi.GetAllMessageThreadsRequest.from(
                badFrom(GET_ALL_THREADS_BAD_IN_ORDER, first))))
                .startsWith("Invalid " + GET_ALL_THREADS_BAD_IN_ORDER.get(first).name() + ":");
    }

    @Test
    void addThreadDecodesSenderSubjectAndTheOptionalEnterprise() {
        assertThat(ConnectorApi.AddMessageThreadRequest.from(json(
                "{'EnterpriseId': '" + ENTERPRISE_ID + "', 'OriginalSender': 'Jane', 'Subject': 'Parking'}")))
                .isEqualTo(new ConnectorApi.AddMessageThreadRequest(
                        Optional.of(new EnterpriseId(UUID.fromString(ENTERPRISE_ID))), "Jane", "Parking"));
    }

    @Test
    void addThreadWithoutEnterpriseIdLeavesTheChoiceToTheToken() {
        assertThat(ConnectorApi.AddMessageThreadRequest.from(json("{'OriginalSender': 'Jane', 'Subject': 'Parking'}"))
                .enterpriseId()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'EnterpriseId': 'x'}                       | Invalid EnterpriseId: must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.",
            "{'Subject': 'Parking'}                      | Invalid OriginalSender: the property is required.",
            "{'OriginalSender': 'Jane'}                  | Invalid Subject: the property is required.",
            "{'OriginalSender': ' ', 'Subject': 'P'}     | Invalid OriginalSender: must not be empty.",
            "{'OriginalSender': 'Jane', 'Subject': true} | Invalid Subject: must be a string."})
    void addThreadNamesTheBadField(String body, String message) {
        assertThat(refusal(() -> ConnectorApi.AddMessageThreadRequest.from(json(body)))).isEqualTo(message);
    }

    @Test
    void addThreadTakesTextsOfTheMaximumLength() {
        String longest = text(RequestFields.MAX_SHORT_TEXT);

        assertThat(ConnectorApi.AddMessageThreadRequest.from(thread(longest, longest)))
                .isEqualTo(new ConnectorApi.AddMessageThreadRequest(Optional.empty(), longest, longest));
    }

    @Test
    void addThreadRefusesALongerOriginalSenderNamingTheLimit() {
        assertThat(refusal(() -> ConnectorApi.AddMessageThreadRequest.from(
                thread(text(RequestFields.MAX_SHORT_TEXT + 1), "Parking"))))
                .isEqualTo("Invalid OriginalSender: must be at most 255 characters long.");
    }

    @Test
    void addThreadRefusesALongerSubjectNamingTheLimit() {
        assertThat(refusal(() -> ConnectorApi.AddMessageThreadRequest.from(
                thread("Jane", text(RequestFields.MAX_SHORT_TEXT + 1)))))
                .isEqualTo("Invalid Subject: must be at most 255 characters long.");
    }

    /** The three credentials but the one named. */
    private static JsonFields credentialsWithout(String name) {
        return json(Stream.of("ClientToken", "AccessToken", "Client").filter(credential -> !credential.equals(name))
                .map(credential -> "'" + credential + "': 'x'").collect(Collectors.joining(", ", "{", "}")));
    }

    private static JsonFields thread(String originalSender, String subject) {
        return json("{'OriginalSender': '" + originalSender + "', 'Subject': '" + subject + "'}");
    }
}
