package concierge.store;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.Identifier;
import concierge.ids.IntegrationId;
import concierge.ids.MessageId;
import concierge.ids.MessageThreadId;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.argument.Arguments;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.ColumnMapperFactory;
import org.jdbi.v3.core.mapper.ColumnMappers;

/**
 * Every kind of {@link Identifier} in SQL, as the UUID it holds: bound as Jdbi binds a UUID (a
 * {@code uuid} column on both engines), and read from one by {@code mapTo(SomeId.class)}. Row mappers
 * that read a ResultSet themselves wrap the UUID: {@code new ClientId(rs.getObject("client_id", UUID.class))}.
 */
final class Identifiers {

    /** Every kind, with how it is made from its UUID (IdentifiersTest checks that none is missing). */
    static final Map<Class<? extends Identifier>, Function<UUID, Identifier>> KINDS = Map.of(
            ClientId.class, ClientId::new,
            EnterpriseId.class, EnterpriseId::new,
            IntegrationId.class, IntegrationId::new,
            MessageThreadId.class, MessageThreadId::new,
            MessageId.class, MessageId::new);

    private Identifiers() {
    }

    static void register(Jdbi jdbi) {
        jdbi.registerArgument(new Binding());
        jdbi.registerColumnMapper(new Reading());
    }

    private static final class Binding implements ArgumentFactory.Preparable {
        @Override
        public Optional<Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
            if (!Identifier.class.isAssignableFrom(GenericTypes.getErasedType(type))) {
                return Optional.empty();
            }
            Function<Object, Argument> uuid = config.get(Arguments.class).prepareFor(UUID.class).orElseThrow();
            return Optional.of(id -> uuid.apply(id == null ? null : ((Identifier) id).value()));
        }
    }

    private static final class Reading implements ColumnMapperFactory {
        @Override
        public Optional<ColumnMapper<?>> build(Type type, ConfigRegistry config) {
            Function<UUID, Identifier> kind = KINDS.get(GenericTypes.getErasedType(type));
            if (kind == null) {
                return Optional.empty();
            }
            ColumnMapper<UUID> uuid = config.get(ColumnMappers.class).findFor(UUID.class).orElseThrow();
            return Optional.of((rs, column, ctx) -> {
                UUID value = uuid.map(rs, column, ctx);
                return value == null ? null : kind.apply(value);
            });
        }
    }
}
