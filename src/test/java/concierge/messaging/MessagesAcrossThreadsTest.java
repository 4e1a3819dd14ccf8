package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.SeededRandom;
import concierge.testing.Tenants;
import concierge.testing.TestServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * messages/getAll over several threads whose messages interleave in time, with many ties: every walk
 * with a Cursor returns exactly what a plain sort of the seeded messages gives, newest first by
 * CreatedUtc, ties by insertion order (D4), whatever the threads, Count and CreatedUtc filter.
 */
class MessagesAcrossThreadsTest extends OnBothEngines {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final int THREADS = 16;
    private static final int EMPTY_THREADS = 2;
    private static final int MESSAGES = 600;
    /** 600 messages over 60 seconds: about ten share each CreatedUtc, in several threads. */
    private static final int SECONDS = 60;

    /** Seeded once per engine. */
    static Tenants.Integration integration;
    static List<UUID> threadIds;
    /** Every seeded message in insertion order. */
    static List<Message> inserted;

    @BeforeParameterizedClassInvocation
    static void seedInterleavedMessages(Engine engine) {
        Tenants tenants = new Tenants(TestServers.running(engine));
        integration = tenants.singleEnterpriseIntegration();
        threadIds = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            threadIds.add(tenants.seedThread(integration, integration.enterpriseId(), T0.minusSeconds(3600),
                    T0.minusSeconds(3600)).id().value());
        }
        SeededRandom random = SeededRandom.create("MessagesAcrossThreadsTest " + engine);
        List<UUID> withMessages = threadIds.subList(EMPTY_THREADS, THREADS);
        inserted = new ArrayList<>();
        // Three batches, each in random order of time: insertion order and time disagree, as they may
        // when clocks of several instances differ.
        for (int batch = 0; batch < 3; batch++) {
            List<Tenants.Seed> seeds = new ArrayList<>();
            for (int i = 0; i < MESSAGES / 3; i++) {
                seeds.add(new Tenants.Seed(random.pick(withMessages), T0.plusSeconds(random.nextInt(SECONDS))));
            }
            inserted.addAll(tenants.seedMessages(integration, integration.enterpriseId(), seeds));
        }
    }

    @Test
    void everyWalkReturnsTheMessagesOfItsThreadsOnceNewestFirst() {
        SeededRandom random = SeededRandom.create("everyWalkReturnsTheMessagesOfItsThreadsOnceNewestFirst " + engine);
        int walks = SeededRandom.iterations("concierge.acrossThreads.walks", 25);
        for (int walk = 0; walk < walks; walk++) {
            List<UUID> asked = new ArrayList<>(threadIds);
            Collections.shuffle(asked, random);
            asked = new ArrayList<>(asked.subList(0, 2 + random.nextInt(THREADS - 1)));
            if (random.chance(0.3)) {
                asked.add(UUID.randomUUID()); // unknown Ids are left out (D8)
            }
            if (random.chance(0.3)) {
                asked.add(asked.getFirst()); // a repeated Id counts once
            }
            int count = random.pick(1, 2, 3, 7, 13, 40, 100, 1000);
            Optional<Instant[]> interval = Optional.empty();
            // Pages of one or two messages walk a few seconds only, to keep the number of requests small.
            if (count <= 2 || random.chance(0.5)) {
                Instant start = T0.plusSeconds(random.nextInt(SECONDS));
                Instant end = random.chance(0.3) ? start
                        : start.plusSeconds(1 + random.nextInt(count <= 2 ? 3 : SECONDS / 2));
                interval = Optional.of(new Instant[] {start, end});
            }
            String where = random.where("walk " + walk + ": " + asked.size() + " Ids, Count " + count
                    + interval.map(i -> ", CreatedUtc " + i[0] + ".." + i[1]).orElse(""));

            List<String> read = walk(asked, count, interval, where);

            assertThat(read).as(where).containsExactlyElementsOf(expected(asked, interval));
        }
    }

    @Test
    void messagesOfTheSameSecondInSeveralThreadsComeNewestInsertedFirst() {
        Tenants.Integration own = tenants.singleEnterpriseIntegration();
        List<UUID> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(tenants.seedThread(own, own.enterpriseId(), T0, T0).id().value());
        }
        List<Tenants.Seed> seeds = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            seeds.add(new Tenants.Seed(three.get(i % 3), T0.plusSeconds(i < 6 ? 1 : 0)));
        }
        List<Message> seeded = tenants.seedMessages(own, own.enterpriseId(), seeds);
        List<String> ids = seeded.stream().map(message -> message.id().toString()).toList();

        JsonNode first = page(own, three, 4, null);
        JsonNode second = page(own, three, 4, first.path("Cursor").asText());

        assertThat(ids(first)).containsExactly(ids.get(5), ids.get(4), ids.get(3), ids.get(2));
        assertThat(ids(second)).containsExactly(ids.get(1), ids.get(0), ids.get(8), ids.get(7));
    }

    @Test
    void aPageOverAThousandThreadsIsTheNewestOfAllTheirMessages() {
        Tenants.Integration own = tenants.singleEnterpriseIntegration();
        List<UUID> thousand = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            thousand.add(tenants.seedThread(own, own.enterpriseId(), T0, T0).id().value());
        }
        SeededRandom random = SeededRandom.create("aPageOverAThousandThreadsIsTheNewestOfAllTheirMessages " + engine);
        List<Tenants.Seed> seeds = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            seeds.add(new Tenants.Seed(random.pick(thousand), T0.plusSeconds(random.nextInt(600))));
        }
        List<Message> seeded = tenants.seedMessages(own, own.enterpriseId(), seeds);
        List<String> newestFirst = sorted(seeded).stream().map(message -> message.id().toString()).toList();

        JsonNode first = page(own, thousand, 1000, null);
        JsonNode second = page(own, thousand, 1000, first.path("Cursor").asText());
        JsonNode third = page(own, thousand, 1000, second.path("Cursor").asText());

        assertThat(ids(first)).as(random.where("page 1")).containsExactlyElementsOf(newestFirst.subList(0, 1000));
        assertThat(ids(second)).as(random.where("page 2")).containsExactlyElementsOf(newestFirst.subList(1000, 2000));
        assertThat(ids(third)).as(random.where("page 3")).containsExactlyElementsOf(newestFirst.subList(2000, 2500));
    }

    /** Follows the Cursor to the empty page, checking every page's size and Cursor on the way. */
    private List<String> walk(List<UUID> asked, int count, Optional<Instant[]> interval, String where) {
        List<String> read = new ArrayList<>();
        String cursor = null;
        for (int pageNumber = 0; ; pageNumber++) {
            assertThat(pageNumber).as(where + "too many pages").isLessThanOrEqualTo(MESSAGES / count + 1);
            Map<String, Object> limitation = cursor == null ? Map.of("Count", count) : Map.of("Count", count, "Cursor", cursor);
            List<Object> body = new ArrayList<>(List.of("MessageThreadIds", asked.stream().map(UUID::toString).toList(),
                    "Limitation", limitation));
            interval.ifPresent(i -> body.addAll(List.of("CreatedUtc",
                    Map.of("StartUtc", i[0].toString(), "EndUtc", i[1].toString()))));
            ApiResponse response = tenants.api().post(Connector.MESSAGES_GET_ALL, integration.body(body.toArray()));
            assertThat(response).as(where).isOk();
            JsonNode messages = response.json().path("Messages");
            if (messages.isEmpty()) {
                assertThat(response.json().path("Cursor").isNull()).as(where).isTrue();
                return read;
            }
            assertThat(messages.size()).as(where).isLessThanOrEqualTo(count);
            messages.forEach(message -> read.add(message.path("Id").asText()));
            cursor = response.json().path("Cursor").asText();
            assertThat(cursor).as(where).isEqualTo(messages.get(messages.size() - 1).path("Id").asText());
            if (messages.size() < count) {
                assertThat(walkEnds(asked, count, interval, cursor)).as(where + "a short page is the last").isTrue();
            }
        }
    }

    private boolean walkEnds(List<UUID> asked, int count, Optional<Instant[]> interval, String cursor) {
        return expected(asked, interval).getLast().equals(cursor);
    }

    /** The reference: the seeded messages of those threads in the interval, sorted plainly. */
    private static List<String> expected(List<UUID> asked, Optional<Instant[]> interval) {
        Set<UUID> threads = Set.copyOf(asked);
        List<Message> matching = inserted.stream()
                .filter(message -> threads.contains(message.threadId().value()))
                .filter(message -> interval.map(i -> i[0].equals(i[1])
                        ? message.createdUtc().equals(i[0])
                        : !message.createdUtc().isBefore(i[0]) && message.createdUtc().isBefore(i[1])).orElse(true))
                .toList();
        return sorted(matching).stream().map(message -> message.id().toString()).toList();
    }

    /** Newest CreatedUtc first; among equal ones, the one inserted later first (the list is in insertion order). */
    private static List<Message> sorted(List<Message> insertionOrder) {
        Map<UUID, Integer> position = new HashMap<>();
        for (int i = 0; i < insertionOrder.size(); i++) {
            position.put(insertionOrder.get(i).id().value(), i);
        }
        return insertionOrder.stream()
                .sorted(Comparator.comparing(Message::createdUtc)
                        .thenComparing(message -> position.get(message.id().value()))
                        .reversed())
                .toList();
    }

    private JsonNode page(Tenants.Integration own, List<UUID> threads, int count, String cursor) {
        Map<String, Object> limitation = new LinkedHashMap<>(Map.of("Count", count));
        if (cursor != null) {
            limitation.put("Cursor", cursor);
        }
        ApiResponse response = tenants.api().post(Connector.MESSAGES_GET_ALL, own.body("MessageThreadIds",
                threads.stream().map(UUID::toString).toList(), "Limitation", limitation));
        assertThat(response).isOk();
        return response.json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("Messages").forEach(message -> ids.add(message.path("Id").asText()));
        return ids;
    }
}
