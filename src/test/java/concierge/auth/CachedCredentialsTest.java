package concierge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The short-lived credentials cache in front of the token lookup: found and unknown tokens are served
 * from memory for the time to live, each kind in a bounded table of its own, and forgetAll() (a token
 * was issued, disabled or revoked) makes the very next request look again, even one whose lookup was
 * under way when it ran.
 */
class CachedCredentialsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String TOKEN = "hash-of-token";

    /** Credentials in a map, counting lookups; a hook can run in the middle of one. */
    private static final class CountingSource implements Credentials {
        final Map<String, IntegrationCredentials> integrations = new HashMap<>();
        final Map<String, EnterpriseId> staff = new HashMap<>();
        int lookups;
        Runnable duringLookup = () -> { };

        @Override
        public Optional<IntegrationCredentials> findIntegration(String accessTokenHash) {
            lookups++;
            Optional<IntegrationCredentials> found = Optional.ofNullable(integrations.get(accessTokenHash));
            duringLookup.run();
            return found;
        }

        @Override
        public Optional<EnterpriseId> findStaffEnterprise(String staffTokenHash) {
            lookups++;
            return Optional.ofNullable(staff.get(staffTokenHash));
        }
    }

    private final CountingSource source = new CountingSource();
    private long now = 42 * SECOND;
    private final CachedCredentials cache = new CachedCredentials(source, Duration.ofSeconds(5), () -> now);

    private static Credentials.IntegrationCredentials integration(boolean enabled) {
        EnterpriseId enterprise = new EnterpriseId(UUID.randomUUID());
        return new Credentials.IntegrationCredentials(new IntegrationId(UUID.randomUUID()), new ClientId(UUID.randomUUID()), "Client",
                "client-hash",
                enabled, enterprise, List.of(enterprise));
    }

    @Test
    void aFoundTokenIsServedFromMemoryWithinTheTimeToLive() {
        var stored = integration(true);
        source.integrations.put(TOKEN, stored);

        assertThat(cache.findIntegration(TOKEN)).contains(stored);
        now += 4 * SECOND;
        assertThat(cache.findIntegration(TOKEN)).contains(stored);

        assertThat(source.lookups).isEqualTo(1);
    }

    @Test
    void afterTheTimeToLiveTheTokenIsLookedUpAgainAndAChangeShows() {
        source.integrations.put(TOKEN, integration(true));
        cache.findIntegration(TOKEN);

        var disabledElsewhere = integration(false);
        source.integrations.put(TOKEN, disabledElsewhere);
        now += 5 * SECOND;

        assertThat(cache.findIntegration(TOKEN)).contains(disabledElsewhere);
        assertThat(source.lookups).isEqualTo(2);
    }

    @Test
    void anUnknownTokenIsRememberedAsUnknownWithinTheTimeToLive() {
        assertThat(cache.findIntegration(TOKEN)).isEmpty();
        now += 4 * SECOND;

        assertThat(cache.findIntegration(TOKEN)).isEmpty();
        assertThat(source.lookups).isEqualTo(1);
    }

    @Test
    void anUnknownTokenIsLookedUpAgainAfterTheTimeToLive() {
        assertThat(cache.findIntegration(TOKEN)).isEmpty();
        var issuedElsewhere = integration(true);
        source.integrations.put(TOKEN, issuedElsewhere);
        now += 5 * SECOND;

        assertThat(cache.findIntegration(TOKEN)).contains(issuedElsewhere);
        assertThat(source.lookups).isEqualTo(2);
    }

    @Test
    void aTokenIssuedAfterItWasRememberedAsUnknownIsFoundOnceForgetAllRuns() {
        assertThat(cache.findIntegration(TOKEN)).isEmpty();
        var issuedHere = integration(true);
        source.integrations.put(TOKEN, issuedHere);
        cache.forgetAll();

        assertThat(cache.findIntegration(TOKEN)).contains(issuedHere);
    }

    @Test
    void anUnknownTokenReadWhileForgetAllRunsIsNotServedAfterwards() {
        var issued = integration(true);
        // The token is issued (and the cache told) after this lookup found nothing, before it returns.
        source.duringLookup = () -> {
            source.integrations.put(TOKEN, issued);
            cache.forgetAll();
        };
        assertThat(cache.findIntegration(TOKEN)).isEmpty();
        source.duringLookup = () -> { };

        assertThat(cache.findIntegration(TOKEN)).contains(issued);
    }

    @Test
    void unknownTokensFillingTheirTableLeaveFoundTokensRemembered() {
        var small = new CachedCredentials(source, Duration.ofSeconds(5), () -> now, 10, 2);
        var stored = integration(true);
        source.integrations.put(TOKEN, stored);
        small.findIntegration(TOKEN);

        for (int i = 0; i < 5; i++) {
            small.findIntegration("guess-" + i);
        }
        int lookupsBefore = source.lookups;

        assertThat(small.findIntegration(TOKEN)).contains(stored);
        assertThat(source.lookups).isEqualTo(lookupsBefore);
    }

    @Test
    void aTokenThatDisappearsIsForgotten() {
        source.integrations.put(TOKEN, integration(true));
        cache.findIntegration(TOKEN);
        source.integrations.remove(TOKEN);
        now += 6 * SECOND;

        assertThat(cache.findIntegration(TOKEN)).isEmpty();
        assertThat(cache.findIntegration(TOKEN)).isEmpty();
        assertThat(source.lookups).as("looked up again once, then remembered as unknown").isEqualTo(2);
    }

    @Test
    void forgetAllMakesTheNextRequestLookAgain() {
        source.integrations.put(TOKEN, integration(true));
        cache.findIntegration(TOKEN);

        var disabled = integration(false);
        source.integrations.put(TOKEN, disabled);
        cache.forgetAll();

        assertThat(cache.findIntegration(TOKEN)).contains(disabled);
    }

    @Test
    void aLookupUnderWayWhenForgetAllRunsIsNotServedAfterwards() {
        var enabled = integration(true);
        var disabled = integration(false);
        source.integrations.put(TOKEN, enabled);
        // The integration is disabled (and the cache told) after this lookup read the row, before it returns.
        source.duringLookup = () -> {
            source.integrations.put(TOKEN, disabled);
            cache.forgetAll();
        };
        assertThat(cache.findIntegration(TOKEN)).contains(enabled);
        source.duringLookup = () -> { };

        assertThat(cache.findIntegration(TOKEN)).contains(disabled);
    }

    @Test
    void staffTokensAreCachedToo() {
        EnterpriseId enterprise = new EnterpriseId(UUID.randomUUID());
        source.staff.put(TOKEN, enterprise);

        assertThat(cache.findStaffEnterprise(TOKEN)).contains(enterprise);
        assertThat(cache.findStaffEnterprise(TOKEN)).contains(enterprise);

        assertThat(source.lookups).isEqualTo(1);
    }

    @Test
    void whenFullEverythingIsForgottenAndAnswersStayRight() {
        var small = new CachedCredentials(source, Duration.ofSeconds(5), () -> now, 2, 2);
        var first = integration(true);
        var second = integration(true);
        var third = integration(true);
        source.integrations.putAll(Map.of("a", first, "b", second, "c", third));

        small.findIntegration("a");
        small.findIntegration("b");
        small.findIntegration("c"); // full: a and b are forgotten, c is remembered
        int lookupsBefore = source.lookups;

        assertThat(small.findIntegration("c")).contains(third);
        assertThat(small.findIntegration("a")).contains(first);
        assertThat(source.lookups - lookupsBefore).as("c from memory, a looked up again").isEqualTo(1);
    }

    @Test
    void aTimeToLiveOfZeroTurnsTheCacheOff() {
        var uncached = new CachedCredentials(source, Duration.ZERO, () -> now);
        source.integrations.put(TOKEN, integration(true));

        uncached.findIntegration(TOKEN);
        uncached.findIntegration(TOKEN);

        assertThat(source.lookups).isEqualTo(2);
    }
}
