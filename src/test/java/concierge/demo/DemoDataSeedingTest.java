package concierge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import concierge.admin.JdbiProvisioningStore;
import concierge.ids.MessageId;
import concierge.ids.MessageThreadId;
import concierge.messaging.JdbiMessageRepository;
import concierge.messaging.JdbiMessageThreadRepository;
import concierge.messaging.KeysetPosition;
import concierge.messaging.Message;
import concierge.messaging.MessageRepository;
import concierge.messaging.ThreadScope;
import concierge.messaging.TimeInterval;
import concierge.store.Database;
import concierge.store.Database.Engine;
import concierge.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demo data goes in as one transaction: a start-up that fails part-way leaves an empty database,
 * which the next start seeds in full (a half-seeded database would count as not empty and stay so).
 */
class DemoDataSeedingTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void seedingThatFailsPartWayLeavesTheDatabaseEmptyAndTheNextStartSeedsItAll(Engine engine) {
        TestDatabases.Location location = TestDatabases.fresh(engine);
        try (Database database = Database.open(location.url(), location.user(), location.password(), 4)) {
            var provisioning = new JdbiProvisioningStore(database.jdbi(), Clock.systemUTC());
            var threads = new JdbiMessageThreadRepository(database.jdbi());
            var messages = new JdbiMessageRepository(database.jdbi(), database.engine());

            assertThatThrownBy(() -> database.inOneTransaction(
                    () -> DemoData.seedIfEmpty(provisioning, threads, failingOnThirdAdd(messages))))
                    .hasMessageContaining("disk full");

            assertThat(provisioning.isEmpty()).as("nothing of the failed seeding is left").isTrue();
            assertThat(database.inOneTransaction(() -> DemoData.seedIfEmpty(provisioning, threads, messages)))
                    .isTrue();
            assertThat(provisioning.isEmpty()).isFalse();
        }
    }

    /** Stores two batches of messages, then fails as a full disk would. */
    private static MessageRepository failingOnThirdAdd(MessageRepository messages) {
        return new MessageRepository() {
            int adds;

            @Override
            public void add(List<Message> batch, boolean reopen, Instant now) {
                if (++adds == 3) {
                    throw new IllegalStateException("disk full");
                }
                messages.add(batch, reopen, now);
            }

            @Override
            public List<Message> findByIds(List<MessageId> ids) {
                return messages.findByIds(ids);
            }

            @Override
            public Optional<KeysetPosition> findPosition(MessageId messageId, ThreadScope scope) {
                return messages.findPosition(messageId, scope);
            }

            @Override
            public List<Message> findPage(List<MessageThreadId> threadIds, Optional<TimeInterval> createdUtc,
                                          Optional<KeysetPosition> after, int count) {
                return messages.findPage(threadIds, createdUtc, after, count);
            }

            @Override
            public void deleteAll() {
                messages.deleteAll();
            }

            @Override
            public void forgetRemembered() {
                messages.forgetRemembered();
            }
        };
    }
}
