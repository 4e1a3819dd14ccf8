package concierge.store;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.ids.Identifier;
import concierge.store.Database.Engine;
import concierge.testing.TestServers;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind of Id goes into SQL as a UUID and comes out as its own kind, on both engines. */
class IdentifiersTest {

    @Test
    void everyKindOfIdHasAMapping() {
        assertThat(Identifiers.KINDS.keySet()).map(Class::getName).containsExactlyInAnyOrder(
                Stream.of(Identifier.class.getPermittedSubclasses()).map(Class::getName).toArray(String[]::new));
    }

    /** PostgreSQL refuses to compare a uuid with text: an Id bound as anything but a UUID fails the query. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void everyKindOfIdIsBoundAsAUuidAndReadBackAsItsKind(Engine engine) {
        Jdbi jdbi = TestServers.running(engine).database().jdbi();
        Identifiers.KINDS.forEach((kind, make) -> {
            UUID value = UUID.randomUUID();
            Identifier id = make.apply(value);

            Object read = jdbi.withHandle(handle -> handle
                    .createQuery("SELECT id FROM (SELECT CAST(:value AS UUID) AS id) given WHERE id = :id")
                    .bind("value", value)
                    .bind("id", id)
                    .mapTo(kind)
                    .one());

            assertThat(read).as(kind.getSimpleName()).isEqualTo(id);
        });
    }
}
