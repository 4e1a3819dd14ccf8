package concierge.http.admin;

import static concierge.http.Bodies.json;
import static concierge.http.Bodies.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import concierge.http.admin.AdminApi.AddClientsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding an admin clients/add body (spec §3, D19): a client's WebhookUrl is any absolute http or
 * https URL, loopback included. No server: what is stored and answered is AdminApiTest.
 */
class AddClientsRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/webhook", "http://localhost/hook", "http://[::1]:8081/x",
            "https://hooks.example.com/mews?key=1", "HTTPS://EXAMPLE.COM/"})
    void webhookUrlAcceptsAnyHttpOrHttpsUrlLoopbackIncluded(String url) {
        AddClientsRequest request = decode("{'Clients': [{'Name': 'App', 'WebhookUrl': '" + url + "'}]}");

        assertThat(request.clients().getFirst().webhookUrl()).contains(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://x", "not a url", "/relative/path", "mailto:hotel@example.com", "http://"})
    void webhookUrlMustBeAnAbsoluteHttpOrHttpsUrl(String url) {
        assertThat(refusal(() -> decode("{'Clients': [{'Name': 'App', 'WebhookUrl': '" + url + "'}]}")))
                .startsWith("Invalid Clients[0].WebhookUrl:");
    }

    @Test
    void anInvalidItemIsNamedByItsIndex() {
        assertThat(refusal(() -> decode("{'Clients': [{'Name': 'App'}, {'Name': 'App', 'WebhookUrl': 'ftp://x'}]}")))
                .startsWith("Invalid Clients[1].WebhookUrl:");
    }

    @Test
    void webhookUrlIsOptional() {
        assertThat(decode("{'Clients': [{'Name': 'App'}]}").clients().getFirst().webhookUrl()).isEmpty();
    }

    private static AddClientsRequest decode(String singleQuoted) {
        return AddClientsRequest.from(json(singleQuoted));
    }
}
