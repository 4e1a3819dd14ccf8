package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Walking a large listing page by page (spec D4, D5; connector-api-notes §6): every thread exactly
 * once, newest first by CreatedUtc, ties by insertion order, whatever the page size.
 */
class MessageThreadsPagingTest extends OnBothEngines {

    private static final Instant BASE = Instant.parse("2023-06-01T00:00:00Z");
    private static final int THREADS = 2500;
    private static final int DISTINCT_SECONDS = 800;
    private static final Map<String, Object> WHOLE_DAY = interval(BASE, BASE.plusSeconds(86_400));

    /** Seeded once per engine: 2,500 threads of one single-enterprise integration. */
    static Integration single;
    static List<Seeded> singleThreads;

    /** And 600 threads of one client spread over the two enterprises of a portfolio token. */
    static Integration portfolio;
    static List<Seeded> portfolioThreads;

    /** A seeded thread and the order it was inserted in. */
    record Seeded(MessageThread thread, int insertion) {

        String id() {
            return thread.id().toString();
        }
    }

    @BeforeParameterizedClassInvocation
    static void seed(Engine engine) {
        Tenants tenants = new Tenants(TestServers.running(engine));

        single = tenants.singleEnterpriseIntegration();
        singleThreads = new ArrayList<>(THREADS);
        for (int i = 0; i < THREADS; i++) {
            Instant created = createdAt(i);
            singleThreads.add(new Seeded(tenants.seedThread(single, single.enterpriseId(), created, created), i));
        }

        Tenants.Client client = tenants.client();
        UUID first = tenants.enterprise();
        UUID second = tenants.enterprise();
        portfolio = tenants.integration(client, first, second);
        portfolioThreads = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Instant created = createdAt(i * 5);
            UUID enterprise = i % 3 == 0 ? second : first;
            portfolioThreads.add(new Seeded(tenants.seedThread(portfolio, enterprise, created, created), i));
        }
    }

    /**
     * Created times out of insertion order, with ties: i walks the 800 seconds in a scrambled
     * order (719 and 800 are coprime), so each second holds three or four threads.
     */
    private static Instant createdAt(int i) {
        return BASE.plusSeconds((i * 719L) % DISTINCT_SECONDS);
    }

    @Test
    void pagingWithCount1000ReturnsEveryThreadOnceNewestFirst() {
        List<List<String>> pages = walk(single, 1000, WHOLE_DAY);

        assertThat(pages).extracting(List::size).containsExactly(1000, 1000, 500);
        assertThat(flatten(pages)).containsExactlyElementsOf(newestFirst(singleThreads));
    }

    @Test
    void pagingWithCount7ReturnsEveryThreadOnceNewestFirst() {
        List<List<String>> pages = walk(single, 7, WHOLE_DAY);

        assertThat(pages).hasSize(358);
        assertThat(pages.getLast()).hasSize(1);
        assertThat(flatten(pages)).containsExactlyElementsOf(newestFirst(singleThreads));
    }

    @Test
    void pagingWithACountThatDividesTheTotalEndsWithAFullPageThenAnEmptyOne() {
        List<List<String>> pages = walk(single, 500, WHOLE_DAY);

        assertThat(pages).extracting(List::size).containsExactly(500, 500, 500, 500, 500);
        assertThat(flatten(pages)).containsExactlyElementsOf(newestFirst(singleThreads));
    }

    @Test
    void theTimeFilterAppliesToEveryPage() {
        Instant start = BASE.plusSeconds(100);
        Instant end = BASE.plusSeconds(300);
        List<Seeded> inWindow = singleThreads.stream()
                .filter(seeded -> !seeded.thread().createdUtc().isBefore(start)
                        && seeded.thread().createdUtc().isBefore(end))
                .toList();

        List<List<String>> pages = walk(single, 7, interval(start, end));

        assertThat(inWindow).hasSizeGreaterThan(500);
        assertThat(flatten(pages)).containsExactlyElementsOf(newestFirst(inWindow));
    }

    @Test
    void pagingAPortfolioTokenInterleavesItsEnterprisesNewestFirst() {
        List<List<String>> pages = walk(portfolio, 7, WHOLE_DAY);

        assertThat(flatten(pages)).containsExactlyElementsOf(newestFirst(portfolioThreads));
    }

    @Test
    void pagingWithEnterpriseIdsStaysInsideTheNamedEnterprise() {
        UUID second = portfolio.enterpriseIds().get(1);
        List<Seeded> inSecond = portfolioThreads.stream()
                .filter(seeded -> seeded.thread().enterpriseId().value().equals(second))
                .toList();

        List<List<String>> pages = walk(portfolio, 7, WHOLE_DAY, "EnterpriseIds", List.of(second.toString()));

        assertThat(inSecond).hasSize(200);
        assertThat(flatten(pages)).containsExactlyElementsOf(newestFirst(inSecond));
    }

    /**
     * Requests pages until one comes back empty, checking on the way that every non-empty page's
     * Cursor is the Id of its last thread, no page is larger than {@code count}, and only the last
     * non-empty page may be short. Returns the non-empty pages' thread Ids.
     */
    private List<List<String>> walk(Integration integration, int count, Map<String, Object> createdUtc,
                                           Object... extraNamesAndValues) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        int maxCalls = THREADS / count + 5;
        for (int call = 0; call < maxCalls; call++) {
            Map<String, Object> limitation = new HashMap<>();
            limitation.put("Count", count);
            limitation.put("Cursor", cursor);
            Map<String, Object> body = new LinkedHashMap<>(integration.body(extraNamesAndValues));
            body.put("CreatedUtc", createdUtc);
            body.put("Limitation", limitation);
            ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, body);
            assertThat(response).isOk();

            List<String> ids = new ArrayList<>();
            for (JsonNode thread : response.json().path("MessageThreads")) {
                ids.add(thread.path("Id").asText());
            }
            JsonNode responseCursor = response.json().get("Cursor");
            if (ids.isEmpty()) {
                assertThat(responseCursor).as("Cursor of the empty page").isNotNull();
                assertThat(responseCursor.isNull()).as("Cursor of the empty page is null").isTrue();
                return pages;
            }
            assertThat(ids).hasSizeLessThanOrEqualTo(count);
            if (!pages.isEmpty()) {
                assertThat(pages.getLast()).as("only the last page may be short").hasSize(count);
            }
            assertThat(responseCursor.asText()).as("Cursor is the last Id of the page").isEqualTo(ids.getLast());
            pages.add(ids);
            cursor = responseCursor.asText();
        }
        throw new AssertionError("no empty page after " + maxCalls + " calls");
    }

    /** The order the spec asks for: CreatedUtc descending, then the later insertion first. */
    private static List<String> newestFirst(List<Seeded> threads) {
        return threads.stream()
                .sorted(Comparator.comparing((Seeded seeded) -> seeded.thread().createdUtc())
                        .thenComparingInt(Seeded::insertion)
                        .reversed())
                .map(Seeded::id)
                .toList();
    }

    private static List<String> flatten(List<List<String>> pages) {
        return pages.stream().flatMap(List::stream).toList();
    }

    private static Map<String, Object> interval(Instant start, Instant end) {
        return Map.of("StartUtc", start.toString(), "EndUtc", end.toString());
    }
}
