package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.Engine;
import concierge.testing.Tenants;
import concierge.testing.TestServers;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class MessageThreadsGetAllTest {

    private static final String GET_ALL = "/api/connector/v1/messageThreads/getAll";

    @Parameter
    Engine engine;

    Tenants tenants;

    @BeforeEach
    void connect() {
        tenants = new Tenants(TestServers.running(engine));
    }

    @Test
    void returnsTheCallersThreadFoundByItsId() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        JsonNode added = tenants.addThread(integration);

        ApiResponse response = tenants.api().post(GET_ALL, integration.body(
                "MessageThreadIds", java.util.List.of(added.path("Id").asText()),
                "Limitation", Map.of("Count", 10)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("MessageThreads")).containsExactly(added);
        assertThat(response.json().path("Cursor").asText()).isEqualTo(added.path("Id").asText());
    }
}
