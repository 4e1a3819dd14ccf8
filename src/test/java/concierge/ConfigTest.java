package concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aPoolOfOneIsAccepted() {
        assertThat(Config.fromEnvironment(Map.of("CONCIERGE_DB_POOL_SIZE", "1")).dbPoolSize()).isEqualTo(1);
    }

    @Test
    void aValueThatIsNotANumberIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("CONCIERGE_PORT", "http")))
                .hasMessageContaining("CONCIERGE_PORT");
    }
}
