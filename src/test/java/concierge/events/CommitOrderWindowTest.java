package concierge.events;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.ids.EnterpriseId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ids are taken before commit: the reader sees 8 before 7 commits, and must still deliver 7, once. */
class CommitOrderWindowTest {

    private static final long WAIT = 10_000;
    private static final EnterpriseId HOTEL = new EnterpriseId(UUID.randomUUID());

    private static StaffEvent event(long id) {
        return new StaffEvent(id, HOTEL, StaffEvent.THREAD, "{}");
    }

    private static List<Long> ids(List<StaffEvent> events) {
        return events.stream().map(StaffEvent::id).toList();
    }

    @Test
    void eventsInOrderMoveTheHorizon() {
        CommitOrderWindow window = new CommitOrderWindow(5, WAIT);

        assertThat(ids(window.accept(List.of(event(6), event(7)), StaffEvent::id, false, 0))).containsExactly(6L, 7L);
        assertThat(window.horizon()).isEqualTo(7);
        assertThat(window.remembered()).isZero();
    }

    @Test
    void anIdThatCommitsAfterAHigherOneIsDeliveredWhenItCommits() {
        CommitOrderWindow window = new CommitOrderWindow(5, WAIT);

        List<StaffEvent> first = window.accept(List.of(event(6), event(8)), StaffEvent::id, false, 0);
        List<StaffEvent> second = window.accept(List.of(event(7), event(8)), StaffEvent::id, false, 100);

        assertThat(ids(first)).containsExactly(6L, 8L);
        assertThat(window.horizon()).isEqualTo(8);
        assertThat(ids(second)).containsExactly(7L);
    }

    @Test
    void theHorizonWaitsAtAGapAndReadsAgainFromThere() {
        CommitOrderWindow window = new CommitOrderWindow(5, WAIT);

        window.accept(List.of(event(7)), StaffEvent::id, false, 0);
        List<StaffEvent> again = window.accept(List.of(event(7)), StaffEvent::id, false, WAIT - 1);

        assertThat(window.horizon()).isEqualTo(5);
        assertThat(again).isEmpty();
    }

    @Test
    void aGapOpenLongerThanTheWaitIsGivenUp() {
        CommitOrderWindow window = new CommitOrderWindow(5, WAIT);

        window.accept(List.of(event(7)), StaffEvent::id, false, 0);
        window.accept(List.of(event(7)), StaffEvent::id, false, WAIT);

        assertThat(window.horizon()).isEqualTo(7);
        assertThat(window.remembered()).isZero();
    }

    @Test
    void aFullReadWithNothingNewGivesUpTheGapRatherThanReadingTheSameRowsForever() {
        CommitOrderWindow window = new CommitOrderWindow(5, WAIT);
        window.accept(List.of(event(7), event(8)), StaffEvent::id, true, 0);

        window.accept(List.of(event(7), event(8)), StaffEvent::id, true, 1);

        assertThat(window.horizon()).isEqualTo(8);
    }

    @Test
    void eventsAtOrBelowTheHorizonAreNeverDeliveredAgain() {
        CommitOrderWindow window = new CommitOrderWindow(5, WAIT);

        assertThat(window.accept(List.of(event(4), event(5)), StaffEvent::id, false, 0)).isEmpty();
    }
}
