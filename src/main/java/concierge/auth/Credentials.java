package concierge.auth;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import java.util.List;
import java.util.Optional;

/** Where the hashes of issued tokens are looked up. */
public interface Credentials {

    /** The integration behind an access token hash, with the client token hash it belongs to. */
    Optional<IntegrationCredentials> findIntegration(String accessTokenHash);

    /** The enterprise a staff token hash gives access to. */
    Optional<EnterpriseId> findStaffEnterprise(String staffTokenHash);

    record IntegrationCredentials(
            IntegrationId integrationId,
            ClientId clientId,
            String clientName,
            String clientTokenHash,
            boolean enabled,
            EnterpriseId defaultEnterpriseId,
            List<EnterpriseId> enterpriseIds) {
    }
}
