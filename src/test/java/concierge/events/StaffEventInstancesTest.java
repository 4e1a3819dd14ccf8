package concierge.events;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.Config;
import concierge.store.Database.Engine;
import concierge.testing.EventStreamReader;
import concierge.testing.EventStreamReader.Event;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestConfig;
import concierge.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Issue 12 §5: several instances on one database. An event written by one instance reaches streams on
 * the other (its feed polls every 500 ms; the latency, 63–564 ms, is measured, not asserted: a timed
 * assertion fails on a loaded CI machine), and an event whose id was taken before a later
 * one's but committed after it is not skipped. (On H2 the two instances share one embedded database
 * in this JVM, as instances in server mode would.)
 */
class StaffEventInstancesTest extends OnBothEngines {

    /** Long enough for a loaded machine; a feed that does not poll at all still fails. */
    private static final Duration ACROSS_INSTANCES = Duration.ofSeconds(15);

    static App first;
    static App second;

    @BeforeParameterizedClassInvocation
    static void startTwoInstancesOnOneDatabase(Engine engine) {
        Config config = TestConfig.on(TestDatabases.fresh(engine), TestConfig.UNLIMITED);
        first = App.start(config);
        second = App.start(config);
    }

    @AfterParameterizedClassInvocation
    static void stopThem() {
        second.close();
        first.close();
    }

    @Override
    protected App server() {
        return first;
    }

    @Test
    void anEventWrittenOnOneInstanceReachesAStreamOnTheOther() {
        Integration app = tenants.singleEnterpriseIntegration();
        try (EventStreamReader onSecond = EventStreamReader.open(second.port(), tenants.staffToken(app.enterpriseId()))) {
            assertThat(onSecond.status()).isEqualTo(200);
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                String threadId = tenants.addThread(app).path("Id").asText(); // on the first instance

                Event event = onSecond.next(ACROSS_INSTANCES);

                millis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(event.json().path("Id").asText()).isEqualTo(threadId);
            }
            System.out.println("StaffEventInstancesTest: across instances in " + millis + " ms");
        }
    }

    @Test
    void anEventCommittedAfterALaterIdWasReadIsNotSkipped() {
        Integration app = tenants.singleEnterpriseIntegration();
        try (EventStreamReader onSecond = EventStreamReader.open(second.port(), tenants.staffToken(app.enterpriseId()));
             Handle slow = first.database().jdbi().open()) {
            assertThat(onSecond.status()).isEqualTo(200);
            String late = "{\"Late\":\"" + UUID.randomUUID() + "\"}";
            slow.begin();
            // This transaction takes its id now and commits last.
            slow.createUpdate("INSERT INTO staff_event (enterprise_id, type, data, created_utc)"
                            + " VALUES (:enterprise, 'thread', :data, :now)")
                    .bind("enterprise", app.enterpriseId()).bind("data", late)
                    .bind("now", java.time.OffsetDateTime.ofInstant(Instant.now(), java.time.ZoneOffset.UTC))
                    .execute();
            String threadId = tenants.addThread(app).path("Id").asText();
            Event later = onSecond.next(StaffEventStreamTest.SOON);
            slow.commit();

            Event lateEvent = onSecond.next(StaffEventStreamTest.SOON);

            assertThat(later.json().path("Id").asText()).isEqualTo(threadId);
            assertThat(lateEvent.data()).isEqualTo(late);
            assertThat(lateEvent.numericId()).isLessThan(later.numericId());
        }
    }

    @Test
    void aStreamResumedOnTheOtherInstanceGetsWhatItMissed() {
        Integration app = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(app.enterpriseId());
        long lastSeen;
        try (EventStreamReader onFirst = EventStreamReader.open(first.port(), staffToken)) {
            tenants.addThread(app);
            onFirst.next(StaffEventStreamTest.SOON);
            lastSeen = onFirst.numericIdOfLast();
        }
        String missed = tenants.addThread(app).path("Id").asText();

        try (EventStreamReader onSecond = EventStreamReader.open(second.port(), staffToken,
                "Last-Event-ID", Long.toString(lastSeen))) {
            assertThat(onSecond.next(StaffEventStreamTest.SOON).json().path("Id").asText()).isEqualTo(missed);
        }
    }

    @Test
    void eventsPastTheRetentionArePurgedAndAResumeFromOneIsAReset() {
        Integration app = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(app.enterpriseId());
        long lastSeen;
        try (EventStreamReader stream = EventStreamReader.open(first.port(), staffToken)) {
            tenants.addThread(app);
            stream.next(StaffEventStreamTest.SOON);
            lastSeen = stream.numericIdOfLast();
        }
        // What the purge job does every minute, as if the retention had passed (this class's own database).
        int purged = new JdbiStaffEventStore(first.database().jdbi()).purgeBefore(Instant.now().plusSeconds(1));

        try (EventStreamReader resumed = EventStreamReader.open(second.port(), staffToken,
                "Last-Event-ID", Long.toString(lastSeen))) {
            assertThat(purged).isPositive();
            assertThat(resumed.next(StaffEventStreamTest.SOON).type()).isEqualTo("reset");
        }
    }
}
