package concierge.auth;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

public final class JdbiCredentials implements Credentials {

    private static final String FIND_INTEGRATION = """
            SELECT i.id, i.client_id, c.name AS client_name, c.client_token_hash, i.is_enabled, i.default_enterprise_id, ie.enterprise_id
              FROM integration i
              JOIN client c ON c.id = i.client_id
              JOIN integration_enterprise ie ON ie.integration_id = i.id
             WHERE i.access_token_hash = :hash
             ORDER BY ie.position
            """;

    /** A disabled staff token is as unknown as one never issued. */
    private static final String FIND_STAFF_ENTERPRISE =
            "SELECT enterprise_id FROM staff_token WHERE token_hash = :hash AND is_enabled";

    private final Jdbi jdbi;

    public JdbiCredentials(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<IntegrationCredentials> findIntegration(String accessTokenHash) {
        List<ScopeRow> rows = jdbi.withHandle(handle -> handle.createQuery(FIND_INTEGRATION)
                .bind("hash", accessTokenHash)
                .map((rs, ctx) -> new ScopeRow(
                        new IntegrationId(rs.getObject("id", UUID.class)),
                        new ClientId(rs.getObject("client_id", UUID.class)),
                        rs.getString("client_name"),
                        rs.getString("client_token_hash"),
                        rs.getBoolean("is_enabled"),
                        new EnterpriseId(rs.getObject("default_enterprise_id", UUID.class)),
                        new EnterpriseId(rs.getObject("enterprise_id", UUID.class))))
                .list());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        ScopeRow first = rows.getFirst();
        return Optional.of(new IntegrationCredentials(first.integrationId(), first.clientId(), first.clientName(),
                first.clientTokenHash(), first.enabled(), first.defaultEnterpriseId(),
                rows.stream().map(ScopeRow::enterpriseId).toList()));
    }

    @Override
    public Optional<EnterpriseId> findStaffEnterprise(String staffTokenHash) {
        return jdbi.withHandle(handle -> handle.createQuery(FIND_STAFF_ENTERPRISE)
                .bind("hash", staffTokenHash)
                .mapTo(EnterpriseId.class)
                .findOne());
    }

    /** One row per enterprise in the integration's scope. */
    private record ScopeRow(IntegrationId integrationId, ClientId clientId, String clientName, String clientTokenHash, boolean enabled,
                            EnterpriseId defaultEnterpriseId, EnterpriseId enterpriseId) {
    }
}
