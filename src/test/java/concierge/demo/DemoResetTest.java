package concierge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import concierge.errors.ForbiddenException;
import concierge.messaging.InOneTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** DemoReset's own rules, without a database: the permission, the retries, what is forgotten when. */
class DemoResetTest {

    private final List<String> done = new ArrayList<>();
    private final InOneTransaction transaction = new InOneTransaction() {
        @Override
        public <T> T run(Supplier<T> work) {
            done.add("begin");
            T result = work.get();
            done.add("commit");
            return result;
        }
    };

    @Test
    void aResetThatIsNotAllowedIsForbiddenAndTouchesNothing() {
        DemoReset reset = new DemoReset(false, transaction, List.of(() -> done.add("delete")), () -> done.add("seed"),
                List.of(() -> done.add("forget")));

        assertThatThrownBy(reset::reset).isInstanceOf(ForbiddenException.class).hasMessageContaining("CONCIERGE_ALLOW_RESET");
        assertThat(done).isEmpty();
    }

    @Test
    void theDeletesRunInOrderThenTheSeedInOneTransactionThenTheForgetting() {
        DemoReset reset = new DemoReset(true, transaction, List.of(() -> done.add("delete 1"), () -> done.add("delete 2")),
                () -> done.add("seed"), List.of(() -> done.add("forget")));

        reset.reset();

        assertThat(done).containsExactly("begin", "delete 1", "delete 2", "seed", "commit", "forget");
    }

    /** As a message committed between two deletes makes the later one fail on its foreign key. */
    @Test
    void aResetThatFailsOnceRunsAgain() {
        int[] failures = {1};
        DemoReset reset = new DemoReset(true, transaction, List.of(() -> {
            if (failures[0]-- > 0) {
                throw new IllegalStateException("foreign key");
            }
            done.add("delete");
        }), () -> done.add("seed"), List.of(() -> done.add("forget")));

        reset.reset();

        assertThat(done).containsExactly("begin", "begin", "delete", "seed", "commit", "forget");
    }

    @Test
    void aResetThatKeepsFailingIsAnsweredWithItsFailureAndStillForgets() {
        DemoReset reset = new DemoReset(true, transaction, List.of(() -> {
            throw new IllegalStateException("foreign key");
        }), () -> done.add("seed"), List.of(() -> done.add("forget")));

        assertThatThrownBy(reset::reset).hasMessage("foreign key");
        assertThat(done).containsExactly("begin", "begin", "begin", "forget");
    }
}
