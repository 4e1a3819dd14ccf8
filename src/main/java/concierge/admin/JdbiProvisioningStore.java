package concierge.admin;

import static concierge.store.SqlTime.instant;
import static concierge.store.SqlTime.utc;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

public final class JdbiProvisioningStore implements ProvisioningStore {

    /**
     * Ids bound in one existence lookup: the API's own array limit. PostgreSQL takes at most 65,535
     * bind parameters per statement (the protocol counts them in 16 bits), and H2 slows down sharply
     * with IN lists of tens of thousands of parameters.
     */
    static final int IDS_PER_LOOKUP = 1000;

    private final Jdbi jdbi;
    private final Clock clock;

    public JdbiProvisioningStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public boolean isEmpty() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM enterprise").mapTo(Long.class).one()) == 0;
    }

    @Override
    public void addEnterprises(List<Enterprise> enterprises) {
        jdbi.useTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch(
                    "INSERT INTO enterprise (id, name, created_utc) VALUES (:id, :name, :createdUtc)");
            for (Enterprise enterprise : enterprises) {
                batch.bind("id", enterprise.id()).bind("name", enterprise.name())
                        .bind("createdUtc", utc(clock.instant())).add();
            }
            batch.execute();
        });
    }

    @Override
    public void addClients(List<StoredClient> clients) {
        jdbi.useTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO client (id, name, client_token_hash, webhook_url,"
                    + " created_utc) VALUES (:id, :name, :tokenHash, :webhookUrl, :createdUtc)");
            for (StoredClient client : clients) {
                batch.bind("id", client.id()).bind("name", client.name()).bind("tokenHash", client.clientTokenHash())
                        .bind("webhookUrl", client.webhookUrl().orElse(null))
                        .bind("createdUtc", utc(clock.instant())).add();
            }
            batch.execute();
        });
    }

    @Override
    public void addIntegrations(List<StoredIntegration> integrations) {
        jdbi.useTransaction(handle -> {
            PreparedBatch integrationBatch = handle.prepareBatch("INSERT INTO integration (id, client_id,"
                    + " access_token_hash, default_enterprise_id, is_enabled, created_utc)"
                    + " VALUES (:id, :clientId, :tokenHash, :defaultEnterpriseId, TRUE, :createdUtc)");
            PreparedBatch scopeBatch = handle.prepareBatch("INSERT INTO integration_enterprise"
                    + " (integration_id, enterprise_id, position) VALUES (:integrationId, :enterpriseId, :position)");
            for (StoredIntegration integration : integrations) {
                integrationBatch.bind("id", integration.id()).bind("clientId", integration.clientId())
                        .bind("tokenHash", integration.accessTokenHash())
                        .bind("defaultEnterpriseId", integration.enterpriseIds().getFirst())
                        .bind("createdUtc", utc(clock.instant())).add();
                for (int position = 0; position < integration.enterpriseIds().size(); position++) {
                    scopeBatch.bind("integrationId", integration.id())
                            .bind("enterpriseId", integration.enterpriseIds().get(position))
                            .bind("position", position).add();
                }
            }
            integrationBatch.execute();
            scopeBatch.execute();
        });
    }

    @Override
    public void addStaffToken(UUID id, String tokenHash, EnterpriseId enterpriseId) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO staff_token (id, token_hash, enterprise_id,"
                        + " is_enabled, created_utc) VALUES (:id, :tokenHash, :enterpriseId, TRUE, :createdUtc)")
                .bind("id", id).bind("tokenHash", tokenHash).bind("enterpriseId", enterpriseId)
                .bind("createdUtc", utc(clock.instant())).execute());
    }

    @Override
    public Set<EnterpriseId> existingEnterprises(Collection<EnterpriseId> ids) {
        return existing("enterprise", ids, EnterpriseId.class);
    }

    @Override
    public Set<ClientId> existingClients(Collection<ClientId> ids) {
        return existing("client", ids, ClientId.class);
    }

    @Override
    public Set<IntegrationId> existingIntegrations(Collection<IntegrationId> ids) {
        return existing("integration", ids, IntegrationId.class);
    }

    @Override
    public void disableIntegrations(Collection<IntegrationId> ids) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE integration SET is_enabled = FALSE WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids)).execute());
    }

    @Override
    public Set<UUID> existingStaffTokens(Collection<UUID> ids) {
        return existing("staff_token", ids, UUID.class);
    }

    @Override
    public void disableStaffTokens(Collection<UUID> ids) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE staff_token SET is_enabled = FALSE WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids)).execute());
    }

    @Override
    public List<StaffTokenSummary> staffTokens(EnterpriseId enterpriseId, int max) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id, enterprise_id, created_utc, is_enabled"
                        + " FROM staff_token WHERE enterprise_id = :enterpriseId ORDER BY created_utc DESC, id"
                        + " LIMIT :max")
                .bind("enterpriseId", enterpriseId).bind("max", max)
                .map((rs, ctx) -> new StaffTokenSummary(rs.getObject("id", UUID.class),
                        new EnterpriseId(rs.getObject("enterprise_id", UUID.class)), instant(rs, "created_utc"),
                        rs.getBoolean("is_enabled")))
                .list());
    }

    /**
     * The table name is one of ours, never input. One request may name up to a million Ids (1000
     * integrations of 1000 enterprises), more than a statement may bind: they are looked up in slices.
     */
    private <I> Set<I> existing(String table, Collection<I> ids, Class<I> kind) {
        List<I> distinct = List.copyOf(new HashSet<>(ids));
        Set<I> existing = new HashSet<>();
        jdbi.useHandle(handle -> {
            for (int from = 0; from < distinct.size(); from += IDS_PER_LOOKUP) {
                existing.addAll(handle.createQuery("SELECT id FROM " + table + " WHERE id IN (<ids>)")
                        .bindList("ids", distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_LOOKUP)))
                        .mapTo(kind).list());
            }
        });
        return existing;
    }
}
