package concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README "Configuration": defaults, and an invalid value stops start-up with a message naming the variable. */
class ConfigTest {

    @Test
    void credentialsAreRememberedForFiveSecondsByDefault() {
        assertThat(Config.fromEnvironment(Map.of()).credentialsCacheSeconds()).isEqualTo(5);
    }

    @Test
    void credentialsCacheCanBeTurnedOffOrSetUpToAMinute() {
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_CREDENTIALS_CACHE_SECONDS", "0"))
                .credentialsCacheSeconds()).isZero();
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_CREDENTIALS_CACHE_SECONDS", "60"))
                .credentialsCacheSeconds()).isEqualTo(60);
    }

    @Test
    void aCredentialsCacheLongerThanAMinuteIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("CONCIERGE_CREDENTIALS_CACHE_SECONDS", "61")))
                .hasMessageContaining("CONCIERGE_CREDENTIALS_CACHE_SECONDS").hasMessageContaining("60");
    }

    @Test
    void theRequestLogIsOnAndKeepsAWeekOrAMillionRequestsByDefault() {
        assertThat(Config.fromEnvironment(Map.of()).requestLog())
                .isEqualTo(new Config.RequestLogSettings(true, 7, 1_000_000, 10_000));
    }

    @Test
    void theRequestLogCanBeTurnedOff() {
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_REQUEST_LOG", "false")).requestLog().enabled()).isFalse();
    }

    @Test
    void aRequestLogKeptForNoDaysIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("CONCIERGE_REQUEST_LOG_DAYS", "0")))
                .hasMessageContaining("CONCIERGE_REQUEST_LOG_DAYS");
    }

    @Test
    void theDrainPeriodIsFiveSecondsByDefault() {
        assertThat(Config.fromEnvironment(Map.of()).drainPeriod()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theDrainPeriodCanBeTurnedOffOrSetUpToItsMaximum() {
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_DRAIN_SECONDS", "0")).drainPeriod()).isZero();
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_DRAIN_SECONDS", "300")).drainPeriod())
                .isEqualTo(Duration.ofSeconds(Config.MAX_DRAIN_SECONDS));
    }

    @Test
    void aDrainPeriodAboveItsMaximumIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("CONCIERGE_DRAIN_SECONDS", "301")))
                .isInstanceOf(Config.InvalidConfigException.class)
                .hasMessageContaining("CONCIERGE_DRAIN_SECONDS").hasMessageContaining("300");
    }

    @Test
    void aPoolOfOneIsAccepted() {
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_DB_POOL_SIZE", "1")).database().poolSize()).isEqualTo(1);
    }

    @Test
    void aValueThatIsNotANumberIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("CONCIERGE_PORT", "http")))
                .hasMessageContaining("CONCIERGE_PORT");
    }

    @Test
    void anAdminTokenOf31CharactersIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("CONCIERGE_ADMIN_TOKEN", "x".repeat(31))))
                .isInstanceOf(Config.InvalidConfigException.class)
                .hasMessageContaining("CONCIERGE_ADMIN_TOKEN").hasMessageContaining("32");
    }

    @Test
    void theAdminApiSharesThePublicListenerByDefault() {
        assertThat(Config.fromEnvironment(Map.of()).access().adminListener()).isEmpty();
    }

    @Test
    void anAdminPortAloneListensOnLoopback() {
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_ADMIN_PORT", "9090")).access().adminListener())
                .contains(new Config.Listener("127.0.0.1", 9090));
    }

    @Test
    void anAdminHostWithoutAnAdminPortIsRefusedNamingBoth() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("CONCIERGE_ADMIN_HOST", "127.0.0.1")))
                .hasMessageContaining("CONCIERGE_ADMIN_HOST").hasMessageContaining("CONCIERGE_ADMIN_PORT");
    }

    @Test
    void anAdminPortEqualToThePublicPortIsRefused() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("CONCIERGE_PORT", "9090", "CONCIERGE_ADMIN_PORT", "9090")))
                .hasMessageContaining("CONCIERGE_ADMIN_PORT must differ from CONCIERGE_PORT");
    }

    @Test
    void staffRateLimitAndFailureThrottleDefaults() {
        Config.AccessSettings access = Config.fromEnvironment(Map.of()).access();

        assertThat(access.staffRateLimit().requests()).isEqualTo(200);
        assertThat(access.staffRateLimit().windowSeconds()).isEqualTo(30);
        assertThat(access.authFailureLimit()).isEqualTo(10);
        assertThat(access.authFailureWindowSeconds()).isEqualTo(60);
    }

    @Test
    void theBenchEndpointIsOffByDefault() {
        assertThat(Config.fromEnvironment(Map.of()).benchEndpoints()).isFalse();
    }

    @Test
    void benchEndpointsTakeTheSwitchValuesOfEveryOtherSwitch() {
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_BENCH_ENDPOINTS", "true")).benchEndpoints()).isTrue();
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_BENCH_ENDPOINTS", "1")).benchEndpoints()).isTrue();
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_DEMO", "1")).demo()).contains(true);
    }

    @Test
    void aBenchEndpointsValueThatIsNoSwitchIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("CONCIERGE_BENCH_ENDPOINTS", "on")))
                .isInstanceOf(Config.InvalidConfigException.class)
                .hasMessageContaining("CONCIERGE_BENCH_ENDPOINTS must be true or false, was 'on'");
    }

    @Test
    void theLogIsTextAndTheMetricsAreOnByDefault() {
        Config.ObserveSettings observe = Config.fromEnvironment(Map.of()).observe();

        assertThat(observe.logFormat()).isEqualTo(Config.LogFormat.TEXT);
        assertThat(observe.metrics()).isTrue();
    }

    @Test
    void theLogFormatIsTextOrJsonInAnyCase() {
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_LOG_FORMAT", "JSON")).observe().logFormat())
                .isEqualTo(Config.LogFormat.JSON);
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_LOG_FORMAT", "text")).observe().logFormat())
                .isEqualTo(Config.LogFormat.TEXT);
    }

    @Test
    void anUnknownLogFormatIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("CONCIERGE_LOG_FORMAT", "xml")))
                .isInstanceOf(Config.InvalidConfigException.class)
                .hasMessageContaining("CONCIERGE_LOG_FORMAT must be text or json, was 'xml'");
    }

    @Test
    void metricsCanBeTurnedOff() {
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_METRICS", "false")).observe().metrics()).isFalse();
    }

    @Test
    void resetIsLeftToTheEngineUnlessSet() {
        assertThat(Config.fromEnvironment(Map.of()).allowReset()).isEmpty();
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_ALLOW_RESET", "true")).allowReset()).contains(true);
    }

    @Test
    void anAllowResetValueThatIsNoSwitchIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("CONCIERGE_ALLOW_RESET", "please")))
                .hasMessageContaining("CONCIERGE_ALLOW_RESET");
    }
}
