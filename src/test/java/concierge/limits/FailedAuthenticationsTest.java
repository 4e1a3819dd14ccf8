package concierge.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import concierge.errors.TooManyRequestsException;
import concierge.errors.UnauthorizedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The throttle on failed authentications, on a clock of the test's own: its window, its memory bound
 * and how addresses are grouped. (FailedAuthenticationsApiTest drives it through HTTP.)
 */
class FailedAuthenticationsTest {

    private static final long SECOND = 1_000_000_000L;

    private long now = 1_000 * SECOND;

    private FailedAuthentications throttle(int maxAddresses) {
        return new FailedAuthentications(3, Duration.ofSeconds(60), () -> now, maxAddresses);
    }

    private static InetAddress address(String text) throws UnknownHostException {
        return InetAddress.getByName(text);
    }

    private static void fail(FailedAuthentications throttle, InetAddress address, int times) {
        for (int i = 0; i < times; i++) {
            assertThatThrownBy(() -> throttle.guard(address, () -> {
                throw new UnauthorizedException("wrong");
            })).isInstanceOf(UnauthorizedException.class);
        }
    }

    private static boolean isBlocked(FailedAuthentications throttle, InetAddress address) {
        try {
            throttle.guard(address, () -> "ok");
            return false;
        } catch (TooManyRequestsException e) {
            return true;
        }
    }

    @Test
    void theBlockEndsOneWindowAfterTheFirstCountedFailureWithRetryAfterSayingWhen() throws Exception {
        var throttle = throttle(100);
        InetAddress caller = address("192.0.2.1");
        fail(throttle, caller, 1);
        now += 20 * SECOND;
        fail(throttle, caller, 2);

        assertThatThrownBy(() -> throttle.guard(caller, () -> "ok"))
                .isInstanceOfSatisfying(TooManyRequestsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(40));
        now += 40 * SECOND;
        assertThat(isBlocked(throttle, caller)).isFalse();
    }

    @Test
    void whenTheTableIsFullFurtherAddressesAreNotCountedAndCountedOnesStayBlocked() throws Exception {
        var throttle = throttle(2);
        InetAddress first = address("192.0.2.1");
        InetAddress second = address("192.0.2.2");
        fail(throttle, first, 3);
        fail(throttle, second, 1);

        for (int i = 3; i < 200; i++) {
            fail(throttle, address("192.0.2." + i), 3);
        }

        assertThat(isBlocked(throttle, first)).isTrue();
        assertThat(isBlocked(throttle, address("192.0.2.100"))).as("not counted: the table was full").isFalse();
    }

    @Test
    void addressesWhoseWindowEndedAreSweptOutToMakeRoom() throws Exception {
        var throttle = throttle(1);
        fail(throttle, address("192.0.2.1"), 3);
        now += 61 * SECOND;
        InetAddress later = address("192.0.2.2");

        fail(throttle, later, 3);

        assertThat(isBlocked(throttle, later)).isTrue();
    }

    @Test
    void ipv6AddressesOfOneSlash64CountTogether() throws Exception {
        var throttle = throttle(100);
        fail(throttle, address("2001:db8:1:2::1"), 1);
        fail(throttle, address("2001:db8:1:2::2"), 1);
        fail(throttle, address("2001:db8:1:2:ffff:ffff:ffff:ffff"), 1);

        assertThat(isBlocked(throttle, address("2001:db8:1:2::99"))).isTrue();
        assertThat(isBlocked(throttle, address("2001:db8:1:3::1"))).as("the next /64").isFalse();
    }

    @Test
    void otherFailuresThanUnauthorizedAreNotCounted() throws Exception {
        var throttle = throttle(100);
        InetAddress caller = address("192.0.2.1");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> throttle.guard(caller, () -> {
                throw new TooManyRequestsException("over the token's budget", 1);
            })).isInstanceOf(TooManyRequestsException.class);
        }

        assertThat(isBlocked(throttle, caller)).isFalse();
    }
}
