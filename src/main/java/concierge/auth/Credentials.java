package concierge.auth;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where the hashes of issued tokens are looked up. */
public interface Credentials {

    /** The integration behind an access token hash, with the client token hash it belongs to. */
    Optional<IntegrationCredentials> findIntegration(String accessTokenHash);

    /** The enterprise a staff token hash gives access to. */
    Optional<UUID> findStaffEnterprise(String staffTokenHash);

    record IntegrationCredentials(
            UUID integrationId,
            UUID clientId,
            String clientTokenHash,
            boolean enabled,
            UUID defaultEnterpriseId,
            List<UUID> enterpriseIds) {
    }
}
