package concierge.http.admin;

import static concierge.http.Bodies.ENTERPRISE_ID;
import static concierge.http.Bodies.json;
import static concierge.http.Bodies.refusal;
import static concierge.http.Bodies.text;
import static concierge.http.Bodies.uuids;
import static org.assertj.core.api.Assertions.assertThat;

import concierge.admin.NewClient;
import concierge.admin.NewIntegration;
import concierge.http.RequestFields;
import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.messaging.Limitation;
import concierge.webhooks.DeliveryStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin API's request bodies (spec §3), decoded without a server. */
class AdminRequestsTest {

    private static final EnterpriseId ENTERPRISE = new EnterpriseId(UUID.fromString(ENTERPRISE_ID));

    @Test
    void addEnterprisesDecodesTheNamesInOrder() {
        assertThat(AdminApi.AddEnterprisesRequest.from(json("{'Enterprises': [{'Name': 'One'}, {'Name': 'Two'}]}")))
                .isEqualTo(new AdminApi.AddEnterprisesRequest(List.of("One", "Two")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, AdminApi.MAX_ADDED_PER_REQUEST + 1})
    void addEnterprisesTakesOneToTheMaximum(int count) {
        assertThat(refusal(() -> AdminApi.AddEnterprisesRequest.from(json("{'Enterprises': " + named(count) + "}"))))
                .isEqualTo("Invalid Enterprises: must have from 1 to 1000 items.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}            | Invalid Enterprises[1].Name: the property is required.",
            "{'Name': ''}  | Invalid Enterprises[1].Name: must not be empty.",
            "{'Name': 1}   | Invalid Enterprises[1].Name: must be a string.",
            "['One']       | Invalid Enterprises[1]: must be an object."})
    void aBadEnterpriseIsNamedByItsIndex(String item, String message) {
        assertThat(refusal(() -> AdminApi.AddEnterprisesRequest.from(json("{'Enterprises': [{'Name': 'ok'}, " + item + "]}"))))
                .isEqualTo(message);
    }

    @Test
    void aNameLongerThanTheLimitIsRefused() {
        assertThat(refusal(() -> AdminApi.AddClientsRequest.from(
                json("{'Clients': [{'Name': '" + text(RequestFields.MAX_SHORT_TEXT + 1) + "'}]}"))))
                .isEqualTo("Invalid Clients[0].Name: must be at most 255 characters long.");
    }

    @Test
    void addClientsDecodesNamesAndOptionalWebhookUrls() {
        assertThat(AdminApi.AddClientsRequest.from(json(
                "{'Clients': [{'Name': 'A', 'WebhookUrl': 'https://example.com/hook'}, {'Name': 'B'}]}")))
                .isEqualTo(new AdminApi.AddClientsRequest(List.of(
                        new NewClient("A", Optional.of("https://example.com/hook")), new NewClient("B", Optional.empty()))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/hook", "https://example.com", "HTTPS://EXAMPLE.COM/x?y=1",
            "http://127.0.0.1/hook", "http://[::1]:9000/", "http://127.0.0.1:9000/webhook", "http://localhost/hook",
            "http://[::1]:8081/x", "https://hooks.example.com/mews?key=1", "HTTPS://EXAMPLE.COM/"})
    void anyAbsoluteHttpOrHttpsUrlIsAWebhookUrl(String url) {
        assertThat(AdminApi.AddClientsRequest.from(json("{'Clients': [{'Name': 'A', 'WebhookUrl': '" + url + "'}]}"))
                .clients().getFirst().webhookUrl()).hasValue(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "/hook", "example.com/hook", "http://", "http:/hook", "mailto:a@b.c",
            "http://exa mple.com/", "https//example.com", "ftp://x", "not a url", "/relative/path",
            "mailto:hotel@example.com"})
    void otherUrlsAreRefused(String url) {
        assertThat(refusal(() -> AdminApi.AddClientsRequest.from(
                json("{'Clients': [{'Name': 'A', 'WebhookUrl': '" + url + "'}]}"))))
                .isEqualTo("Invalid Clients[0].WebhookUrl: must be an absolute http or https URL.");
    }

    @Test
    void aWebhookUrlLongerThanTheLimitIsRefused() {
        String url = "https://example.com/" + text(AdminApi.MAX_WEBHOOK_URL);

        assertThat(refusal(() -> AdminApi.AddClientsRequest.from(
                json("{'Clients': [{'Name': 'A', 'WebhookUrl': '" + url + "'}]}"))))
                .isEqualTo("Invalid Clients[0].WebhookUrl: must be at most 2048 characters long.");
    }

    @Test
    void addIntegrationsDecodesClientAndEnterprises() {
        ClientId client = new ClientId(new UUID(0, 7));

        assertThat(AdminApi.AddIntegrationsRequest.from(json(
                "{'Integrations': [{'ClientId': '" + client + "', 'EnterpriseIds': ['" + ENTERPRISE_ID + "']}]}")))
                .isEqualTo(new AdminApi.AddIntegrationsRequest(List.of(new NewIntegration(client, List.of(ENTERPRISE)))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'EnterpriseIds': ['" + ENTERPRISE_ID + "']}             | Invalid Integrations[0].ClientId: the property is required.",
            "{'ClientId': '" + ENTERPRISE_ID + "'}                    | Invalid Integrations[0].EnterpriseIds: the property is required.",
            "{'ClientId': '" + ENTERPRISE_ID + "', 'EnterpriseIds': []} | Invalid Integrations[0].EnterpriseIds: must have from 1 to 1000 items."})
    void aBadIntegrationIsNamedByItsIndex(String item, String message) {
        assertThat(refusal(() -> AdminApi.AddIntegrationsRequest.from(json("{'Integrations': [" + item + "]}"))))
                .isEqualTo(message);
    }

    @Test
    void anIntegrationHasAtMostTheMaximumOfEnterpriseIds() {
        assertThat(refusal(() -> AdminApi.AddIntegrationsRequest.from(json("{'Integrations': [{'ClientId': '"
                + ENTERPRISE_ID + "', 'EnterpriseIds': " + uuids(RequestFields.MAX_IDS_PER_ARRAY + 1) + "}]}"))))
                .isEqualTo("Invalid Integrations[0].EnterpriseIds: must have from 1 to 1000 items.");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, RequestFields.MAX_IDS_PER_ARRAY + 1})
    void disableIntegrationsTakesAnIdArray(int count) {
        assertThat(refusal(() -> AdminApi.DisableIntegrationsRequest.from(json("{'IntegrationIds': " + uuids(count) + "}"))))
                .isEqualTo("Invalid IntegrationIds: must have from 1 to 1000 items.");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, RequestFields.MAX_IDS_PER_ARRAY + 1})
    void disableStaffTokensTakesAnIdArray(int count) {
        assertThat(refusal(() -> AdminApi.DisableStaffTokensRequest.from(json("{'StaffTokenIds': " + uuids(count) + "}"))))
                .isEqualTo("Invalid StaffTokenIds: must have from 1 to 1000 items.");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, RequestFields.MAX_IDS_PER_ARRAY + 1})
    void replayWebhooksTakesAnIdArray(int count) {
        assertThat(refusal(() -> AdminApi.ReplayWebhooksRequest.from(json("{'BatchIds': " + uuids(count) + "}"))))
                .isEqualTo("Invalid BatchIds: must have from 1 to 1000 items.");
    }

    @Test
    void idArraysAreDecodedInOrder() {
        assertThat(AdminApi.ReplayWebhooksRequest.from(json("{'BatchIds': " + uuids(2) + "}")).batchIds())
                .containsExactly(new UUID(0, 0), new UUID(0, 1));
    }

    @Test
    void staffTokenOperationsNameTheirEnterprise() {
        assertThat(AdminApi.AddStaffTokenRequest.from(json("{'EnterpriseId': '" + ENTERPRISE_ID + "'}")).enterpriseId())
                .isEqualTo(ENTERPRISE);
        assertThat(AdminApi.GetAllStaffTokensRequest.from(json("{'EnterpriseId': '" + ENTERPRISE_ID + "'}")).enterpriseId())
                .isEqualTo(ENTERPRISE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                    | Invalid EnterpriseId: the property is required.",
            "{'EnterpriseId': 'x'} | Invalid EnterpriseId: must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6."})
    void staffTokenOperationsRefuseABadEnterpriseId(String body, String message) {
        assertThat(refusal(() -> AdminApi.AddStaffTokenRequest.from(json(body)))).isEqualTo(message);
        assertThat(refusal(() -> AdminApi.GetAllStaffTokensRequest.from(json(body)))).isEqualTo(message);
    }

    @Test
    void getAllWebhooksListsTheFirstHundredDeadBatchesByDefault() {
        assertThat(AdminApi.GetAllWebhooksRequest.from(json("{}")))
                .isEqualTo(new AdminApi.GetAllWebhooksRequest(Set.of(DeliveryStatus.DEAD), Optional.empty(),
                        new Limitation(100, Optional.empty())));
    }

    @Test
    void getAllWebhooksDecodesStatusAndCount() {
        assertThat(AdminApi.GetAllWebhooksRequest.from(json("{'Status': 'Pending', 'Limitation': {'Count': 5}}")))
                .isEqualTo(new AdminApi.GetAllWebhooksRequest(Set.of(DeliveryStatus.PENDING), Optional.empty(),
                        new Limitation(5, Optional.empty())));
    }

    @Test
    void getAllWebhooksDecodesStatusesClientIdsAndCursor() {
        assertThat(AdminApi.GetAllWebhooksRequest.from(json("{'Statuses': ['Pending', 'Dead'], 'ClientIds': ['"
                + ENTERPRISE_ID + "'], 'Limitation': {'Count': 5, 'Cursor': '" + ENTERPRISE_ID + "'}}")))
                .isEqualTo(new AdminApi.GetAllWebhooksRequest(Set.of(DeliveryStatus.PENDING, DeliveryStatus.DEAD),
                        Optional.of(List.of(new ClientId(UUID.fromString(ENTERPRISE_ID)))),
                        new Limitation(5, Optional.of(UUID.fromString(ENTERPRISE_ID)))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'Status': 'Dead', 'Statuses': ['Dead']}  | Invalid Statuses: give either Status or Statuses, not both.",
            "{'Statuses': []}                          | Invalid Statuses: must have from 1 to 3 items.",
            "{'Statuses': ['Dead', 'Dead', 'Dead', 'Dead']} | Invalid Statuses: must have from 1 to 3 items.",
            "{'Statuses': ['Dead', 'Gone']}            | Invalid Statuses[1]: must be one of Pending, Delivered, Dead.",
            "{'Statuses': [1]}                         | Invalid Statuses[0]: must be a string.",
            "{'Status': 'Gone'}                        | Invalid Status: must be one of Pending, Delivered, Dead.",
            "{'ClientIds': ['x']}                      | Invalid ClientIds[0]: must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.",
            "{'Limitation': {'Count': 5, 'Cursor': 'x'}} | Invalid Limitation.Cursor: must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6."})
    void getAllWebhooksNamesTheBadStatusClientOrCursor(String body, String message) {
        assertThat(refusal(() -> AdminApi.GetAllWebhooksRequest.from(json(body)))).isEqualTo(message);
    }

    // --- the console's listings and updates

    @ParameterizedTest
    @ValueSource(strings = {"enterprises", "clients", "integrations"})
    void listingsRequireALimitation(String kind) {
        assertThat(refusal(() -> listing(kind, "{}"))).isEqualTo("Invalid Limitation: the property is required.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "enterprises  | EnterpriseIds",
            "clients      | ClientIds",
            "integrations | IntegrationIds",
            "integrations | ClientIds",
            "integrations | EnterpriseIds"})
    void listingFiltersTakeOneToTheMaximumOfIds(String kind, String field) {
        for (int count : new int[] {0, RequestFields.MAX_IDS_PER_ARRAY + 1}) {
            assertThat(refusal(() -> listing(kind, "{'" + field + "': " + uuids(count) + ", 'Limitation': {'Count': 1}}")))
                    .isEqualTo("Invalid " + field + ": must have from 1 to 1000 items.");
        }
    }

    @Test
    void getAllIntegrationsDecodesEveryFilter() {
        AdminApi.GetAllIntegrationsRequest request = AdminApi.GetAllIntegrationsRequest.from(json("{'IntegrationIds': "
                + uuids(1) + ", 'ClientIds': " + uuids(2) + ", 'EnterpriseIds': ['" + ENTERPRISE_ID + "'],"
                + " 'IsEnabled': false, 'Limitation': {'Count': 7}}"));

        assertThat(request.filter().integrationIds()).hasValueSatisfying(ids -> assertThat(ids).hasSize(1));
        assertThat(request.filter().clientIds()).hasValueSatisfying(ids -> assertThat(ids).hasSize(2));
        assertThat(request.filter().enterpriseIds()).hasValue(List.of(ENTERPRISE));
        assertThat(request.filter().isEnabled()).hasValue(false);
        assertThat(request.limitation()).isEqualTo(new Limitation(7, Optional.empty()));
    }

    @Test
    void getAllIntegrationsRefusesAnIsEnabledThatIsNotABoolean() {
        assertThat(refusal(() -> AdminApi.GetAllIntegrationsRequest.from(
                json("{'IsEnabled': 'yes', 'Limitation': {'Count': 1}}"))))
                .isEqualTo("Invalid IsEnabled: must be true or false.");
    }

    @Test
    void updateClientSetsTheWebhookUrlGivenAsValue() {
        assertThat(AdminApi.UpdateClientRequest.from(json("{'ClientId': '" + ENTERPRISE_ID + "',"
                + " 'WebhookUrl': {'Value': 'https://example.com/hook'}}")).webhookUrl())
                .hasValue("https://example.com/hook");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'Value': null}", "{}"})
    void updateClientRemovesTheWebhookUrlWithoutAValue(String update) {
        assertThat(AdminApi.UpdateClientRequest.from(json("{'ClientId': '" + ENTERPRISE_ID + "', 'WebhookUrl': "
                + update + "}")).webhookUrl()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'WebhookUrl': {}}                                   | Invalid ClientId: the property is required.",
            "{'ClientId': '" + ENTERPRISE_ID + "'}                  | Invalid WebhookUrl: the property is required.",
            "{'ClientId': '" + ENTERPRISE_ID + "', 'WebhookUrl': 'https://example.com'} | Invalid WebhookUrl: must be an object.",
            "{'ClientId': '" + ENTERPRISE_ID + "', 'WebhookUrl': {'Value': 'ftp://x'}}  | Invalid WebhookUrl.Value: must be an absolute http or https URL.",
            "{'ClientId': '" + ENTERPRISE_ID + "', 'WebhookUrl': {'Value': ''}}         | Invalid WebhookUrl.Value: must not be empty."})
    void updateClientNamesTheBadField(String body, String message) {
        assertThat(refusal(() -> AdminApi.UpdateClientRequest.from(json(body)))).isEqualTo(message);
    }

    @Test
    void updateClientRefusesAWebhookUrlLongerThanTheLimit() {
        String url = "https://example.com/" + text(AdminApi.MAX_WEBHOOK_URL);

        assertThat(refusal(() -> AdminApi.UpdateClientRequest.from(json("{'ClientId': '" + ENTERPRISE_ID + "',"
                + " 'WebhookUrl': {'Value': '" + url + "'}}"))))
                .isEqualTo("Invalid WebhookUrl.Value: must be at most 2048 characters long.");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, RequestFields.MAX_IDS_PER_ARRAY + 1})
    void enableIntegrationsTakesAnIdArray(int count) {
        assertThat(refusal(() -> AdminApi.EnableIntegrationsRequest.from(json("{'IntegrationIds': " + uuids(count) + "}"))))
                .isEqualTo("Invalid IntegrationIds: must have from 1 to 1000 items.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'MessageId': '" + ENTERPRISE_ID + "'} | Invalid ClientId: the property is required.",
            "{'ClientId': '" + ENTERPRISE_ID + "'}  | Invalid MessageId: the property is required.",
            "{'ClientId': '" + ENTERPRISE_ID + "', 'MessageId': 'x'} | Invalid MessageId: must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6."})
    void sendTestNamesTheBadField(String body, String message) {
        assertThat(refusal(() -> AdminApi.SendTestWebhookRequest.from(json(body)))).isEqualTo(message);
    }

    @Test
    void getAttemptsRequiresABatchId() {
        assertThat(refusal(() -> AdminApi.GetWebhookAttemptsRequest.from(json("{}"))))
                .isEqualTo("Invalid BatchId: the property is required.");
    }

    private static Object listing(String kind, String body) {
        return switch (kind) {
            case "enterprises" -> AdminApi.GetAllEnterprisesRequest.from(json(body));
            case "clients" -> AdminApi.GetAllClientsRequest.from(json(body));
            default -> AdminApi.GetAllIntegrationsRequest.from(json(body));
        };
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'Status': 1}                             | Invalid Status: must be a string.",
            "{'Status': 'DeadDeadDeadDeadX'}           | Invalid Status: must be at most 16 characters long.",
            "{'Status': 'Dead', 'Limitation': {}}      | Invalid Limitation.Count: the property is required.",
            "{'Status': 'Dead', 'Limitation': {'Count': '5'}} | Invalid Limitation.Count: must be a whole number.",
            "{'Status': 'x', 'Limitation': 1}          | Invalid Limitation: must be an object."})
    void getAllWebhooksNamesTheBadField(String body, String message) {
        assertThat(refusal(() -> AdminApi.GetAllWebhooksRequest.from(json(body)))).isEqualTo(message);
    }

    private static String named(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{'Name': 'e" + i + "'}").collect(Collectors.joining(",", "[", "]"));
    }
}
