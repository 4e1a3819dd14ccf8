package concierge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Issue 10 §11: one integrations/add may name more enterprises (up to 1000 integrations of up to
 * 1000 each) than PostgreSQL takes bind parameters in one statement (65,535); checking that they
 * exist used to be one statement with all of them, and a 500.
 */
@Tag("slow")
class ManyEnterprisesTest extends OnBothEngines {

    private static final int INTEGRATIONS = 66;
    private static final int ENTERPRISES_EACH = 1000;

    @Test
    void integrationsOverMoreThan65535DistinctEnterprisesAreAdded() {
        Tenants.Client client = tenants.client();
        List<Map<String, Object>> integrations = new ArrayList<>();
        for (int i = 0; i < INTEGRATIONS; i++) {
            integrations.add(Map.of("ClientId", client.id().toString(), "EnterpriseIds", enterprises(tenants)));
        }

        ApiResponse response = tenants.api().admin(Admin.INTEGRATIONS_ADD, Map.of("Integrations", integrations));

        assertThat(INTEGRATIONS * ENTERPRISES_EACH).isGreaterThan(65_535);
        assertThat(response).isOk();
        JsonNode issued = response.json().path("Integrations");
        assertThat(issued).hasSize(INTEGRATIONS);
        assertThat(issued.get(INTEGRATIONS - 1).path("EnterpriseIds")).hasSize(ENTERPRISES_EACH);
    }

    /** A thousand new enterprises, by Id. */
    private static List<String> enterprises(Tenants tenants) {
        List<Map<String, String>> names = new ArrayList<>();
        for (int e = 0; e < ENTERPRISES_EACH; e++) {
            names.add(Map.of("Name", "Hotel " + UUID.randomUUID()));
        }
        ApiResponse response = tenants.api().admin(Admin.ENTERPRISES_ADD, Map.of("Enterprises", names));
        assertThat(response).isOk();
        return response.json().path("Enterprises").findValuesAsText("Id");
    }
}
