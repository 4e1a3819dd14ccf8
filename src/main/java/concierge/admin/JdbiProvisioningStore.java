package concierge.admin;

import static concierge.store.SqlTime.instant;
import static concierge.store.SqlTime.utc;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

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

    @Override
    public Optional<List<EnterpriseSummary>> enterprises(Optional<List<EnterpriseId>> ids, Optional<UUID> cursor,
                                                         int count) {
        Conditions where = new Conditions();
        ids.ifPresent(list -> where.add("id IN (<ids>)", query -> query.bindList("ids", list)));
        return jdbi.withHandle(handle -> page(handle, "enterprise", "id, name, created_utc", where, cursor, count,
                (rs, ctx) -> new EnterpriseSummary(new EnterpriseId(rs.getObject("id", UUID.class)),
                        rs.getString("name"), instant(rs, "created_utc"))));
    }

    @Override
    public Optional<List<ClientSummary>> clients(Optional<List<ClientId>> ids, Optional<UUID> cursor, int count) {
        Conditions where = new Conditions();
        ids.ifPresent(list -> where.add("id IN (<ids>)", query -> query.bindList("ids", list)));
        return jdbi.withHandle(handle -> page(handle, "client", "id, name, webhook_url, created_utc", where, cursor,
                count, (rs, ctx) -> new ClientSummary(new ClientId(rs.getObject("id", UUID.class)),
                        rs.getString("name"), Optional.ofNullable(rs.getString("webhook_url")),
                        instant(rs, "created_utc"))));
    }

    @Override
    public Optional<List<IntegrationSummary>> integrations(IntegrationFilter filter, Optional<UUID> cursor, int count) {
        record Row(IntegrationId id, ClientId clientId, boolean isEnabled, Instant createdUtc) {
        }
        Conditions where = new Conditions();
        filter.integrationIds().ifPresent(ids -> where.add("id IN (<ids>)", query -> query.bindList("ids", ids)));
        filter.clientIds().ifPresent(ids -> where.add("client_id IN (<clientIds>)",
                query -> query.bindList("clientIds", ids)));
        filter.enterpriseIds().ifPresent(ids -> where.add("EXISTS (SELECT 1 FROM integration_enterprise s"
                + " WHERE s.integration_id = integration.id AND s.enterprise_id IN (<enterpriseIds>))",
                query -> query.bindList("enterpriseIds", ids)));
        filter.isEnabled().ifPresent(enabled -> where.add("is_enabled = :isEnabled",
                query -> query.bind("isEnabled", enabled)));
        return jdbi.withHandle(handle -> page(handle, "integration", "id, client_id, is_enabled, created_utc", where,
                cursor, count, (rs, ctx) -> new Row(new IntegrationId(rs.getObject("id", UUID.class)),
                        new ClientId(rs.getObject("client_id", UUID.class)), rs.getBoolean("is_enabled"),
                        instant(rs, "created_utc")))
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return List.of();
                    }
                    Map<IntegrationId, List<EnterpriseId>> scopes = new HashMap<>();
                    handle.createQuery("SELECT integration_id, enterprise_id FROM integration_enterprise"
                                    + " WHERE integration_id IN (<ids>) ORDER BY integration_id, position")
                            .bindList("ids", rows.stream().map(Row::id).toList())
                            .map((rs, ctx) -> scopes.computeIfAbsent(
                                    new IntegrationId(rs.getObject("integration_id", UUID.class)),
                                    key -> new ArrayList<>()).add(new EnterpriseId(rs.getObject("enterprise_id", UUID.class))))
                            .list();
                    return rows.stream().map(row -> new IntegrationSummary(row.id(), row.clientId(),
                            scopes.getOrDefault(row.id(), List.of()), row.isEnabled(), row.createdUtc())).toList();
                }));
    }

    @Override
    public boolean setWebhookUrl(ClientId id, Optional<String> webhookUrl) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE client SET webhook_url = :webhookUrl WHERE id = :id")
                .bind("webhookUrl", webhookUrl.orElse(null)).bind("id", id).execute()) > 0;
    }

    @Override
    public void enableIntegrations(Collection<IntegrationId> ids) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE integration SET is_enabled = TRUE WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids)).execute());
    }

    @Override
    public void deleteAll() {
        jdbi.useHandle(handle -> {
            handle.execute("DELETE FROM staff_token");
            handle.execute("DELETE FROM integration_enterprise");
            handle.execute("DELETE FROM integration");
            handle.execute("DELETE FROM client");
            handle.execute("DELETE FROM enterprise");
        });
    }

    /** Conditions of a listing, each with what it binds; the SQL is ours, never input. */
    private static final class Conditions {
        private final List<String> sql = new ArrayList<>();
        private final List<Consumer<Query>> bindings = new ArrayList<>();

        void add(String condition, Consumer<Query> binding) {
            sql.add(condition);
            bindings.add(binding);
        }
    }

    /**
     * A page of {@code table}, newest first by {@code (created_utc, id)}, after the cursor's row;
     * empty when the table has no row with the cursor's Id.
     */
    private static <T> Optional<List<T>> page(Handle handle, String table, String columns, Conditions where,
                                              Optional<UUID> cursor, int count, RowMapper<T> mapper) {
        List<String> conditions = new ArrayList<>(where.sql);
        Optional<Instant> cursorCreated = Optional.empty();
        if (cursor.isPresent()) {
            cursorCreated = handle.createQuery("SELECT created_utc FROM " + table + " WHERE id = :id")
                    .bind("id", cursor.get()).map((rs, ctx) -> instant(rs, "created_utc")).findOne();
            if (cursorCreated.isEmpty()) {
                return Optional.empty();
            }
            conditions.add("(created_utc, id) < (:cursorCreated, :cursorId)");
        }
        Query query = handle.createQuery("SELECT " + columns + " FROM " + table
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY created_utc DESC, id DESC LIMIT :count");
        where.bindings.forEach(binding -> binding.accept(query));
        cursorCreated.ifPresent(created -> query.bind("cursorCreated", utc(created)).bind("cursorId", cursor.get()));
        return Optional.of(query.bind("count", count).map(mapper).list());
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
