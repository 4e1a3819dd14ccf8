package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants.Integration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10 §10: a time filter with sub-second bounds gives the same answer on both engines, the exact
 * one: {@code StartUtc <= X < EndUtc} (or {@code X == StartUtc}) with the bounds as sent, to the
 * nanosecond, against values stored at whole seconds. PostgreSQL used to round a bound to
 * microseconds first, so 16:09:44.9999999 matched a thread created at 16:09:45 there and not on H2.
 */
class SubSecondBoundsTest extends OnBothEngines {

    private static final Instant T = Instant.parse("2022-03-07T16:09:45Z");

    @ParameterizedTest(name = "[{0}, {1}) matches: {2}")
    @CsvSource({
            "2022-03-07T16:09:44.9999999Z, 2022-03-07T16:09:44.9999999Z, false",
            "2022-03-07T16:09:45.0000001Z, 2022-03-07T16:09:45.0000001Z, false",
            "2022-03-07T16:09:45.0000004Z, 2022-03-07T16:09:45.0000004Z, false",
            "2022-03-07T17:09:44.999999999+01:00, 2022-03-07T17:09:44.999999999+01:00, false",
            "2022-03-07T16:09:45.000Z, 2022-03-07T16:09:45Z, true",
            "2022-03-07T16:09:45.0000001Z, 2022-03-07T16:09:46Z, false",
            "2022-03-07T16:09:45.0000004Z, 2022-03-07T16:09:45.9Z, false",
            "2022-03-07T16:09:44Z, 2022-03-07T16:09:45.0000001Z, true",
            "2022-03-07T16:09:44.9999999Z, 2022-03-07T16:09:45.0000001Z, true",
            "2022-03-07T16:09:44.9999995Z, 2022-03-07T16:09:45Z, false",
            "2022-03-07T16:09:44.5Z, 2022-03-07T16:09:44.9999999Z, false"})
    void everyFilterComparesTheExactBoundsWithTheStoredSecond(String start, String end, boolean matches) {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread thread = tenants.seedThread(integration, integration.enterpriseId(), T, T);
        Message message = tenants.seedMessage(integration, integration.enterpriseId(), thread.id().value(), T);
        Map<String, String> interval = Map.of("StartUtc", start, "EndUtc", end);
        Map<String, Integer> limitation = Map.of("Count", 10);

        ApiResponse byCreated = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL,
                integration.body("CreatedUtc", interval, "Limitation", limitation));
        ApiResponse byUpdated = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL,
                integration.body("UpdatedUtc", interval, "Limitation", limitation));
        ApiResponse messages = tenants.api().post(Connector.MESSAGES_GET_ALL, integration.body(
                "MessageThreadIds", List.of(thread.id().toString()), "CreatedUtc", interval, "Limitation", limitation));

        List<String> expectedThread = matches ? List.of(thread.id().toString()) : List.of();
        assertThat(ids(byCreated, "MessageThreads")).as("threads by CreatedUtc").isEqualTo(expectedThread);
        assertThat(ids(byUpdated, "MessageThreads")).as("threads by UpdatedUtc").isEqualTo(expectedThread);
        assertThat(ids(messages, "Messages")).as("messages by CreatedUtc")
                .isEqualTo(matches ? List.of(message.id().toString()) : List.of());
    }

    private static List<String> ids(ApiResponse response, String list) {
        assertThat(response).isOk();
        return response.json().path(list).findValuesAsText("Id");
    }
}
