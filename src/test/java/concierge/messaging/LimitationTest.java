package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import concierge.errors.InvalidRequestException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Limitation.check without a database: spec D5, a page holds 1 to 1000 items. */
class LimitationTest {

    @ParameterizedTest
    @ValueSource(ints = {1, Limitation.MAX_COUNT})
    void countFromOneToTheMaximumIsAccepted(int count) {
        assertThatCode(() -> new Limitation(count, Optional.empty()).check()).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Limitation.MAX_COUNT + 1, Integer.MAX_VALUE})
    void countOutOfRangeIsRejectedNamingIt(int count) {
        assertThatThrownBy(() -> new Limitation(count, Optional.empty()).check())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Invalid Limitation.Count:");
    }
}
