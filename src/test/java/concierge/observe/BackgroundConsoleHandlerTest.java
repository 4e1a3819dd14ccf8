package concierge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class BackgroundConsoleHandlerTest {

    /** Formats a record as its message and the publishing thread's name: shows where formatting ran. */
    private static final Formatter MESSAGE_AND_THREAD = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return record.getMessage() + " on " + Thread.currentThread().getName() + "\n";
        }
    };

    @Test
    void linesAreWrittenInTheOrderTheyWereLogged() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackgroundConsoleHandler handler = handler(out);

        for (int i = 0; i < 500; i++) {
            handler.publish(new LogRecord(Level.INFO, "line " + i));
        }
        handler.close();

        String[] written = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(written).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(written[i]).startsWith("line " + i + " on ");
        }
    }

    @Test
    void aRecordIsFormattedOnTheThreadThatLogsIt() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackgroundConsoleHandler handler = handler(out);

        Thread.ofPlatform().name("request-thread").start(
                () -> handler.publish(new LogRecord(Level.INFO, "served"))).join();
        handler.close();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("served on request-thread\n");
    }

    @Test
    void aFullQueueDropsLinesWithoutWaitingAndSaysHowMany() {
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) {
                written.write(b);
            }

            @Override
            public void flush() {
                await(release);
            }
        };
        BackgroundConsoleHandler handler = handler(stalled);
        int logged = BackgroundConsoleHandler.MAX_QUEUED_LINES * 2;

        for (int i = 0; i < logged; i++) { // returns although stdout takes nothing
            handler.publish(new LogRecord(Level.INFO, "line " + i));
        }
        release.countDown();
        handler.close();

        String text = written.toString(StandardCharsets.UTF_8);
        long lines = text.lines().filter(line -> line.startsWith("line ")).count();
        assertThat(lines).isLessThan(logged).isGreaterThanOrEqualTo(BackgroundConsoleHandler.MAX_QUEUED_LINES);
        assertThat(text).contains((logged - lines) + " log lines were dropped");
    }

    @Test
    void aRecordBelowTheHandlersLevelIsNotWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackgroundConsoleHandler handler = handler(out);
        handler.setLevel(Level.WARNING);

        handler.publish(new LogRecord(Level.INFO, "chatter"));
        handler.publish(new LogRecord(Level.WARNING, "warning"));
        handler.close();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("warning on ").doesNotContain("chatter");
    }

    private static BackgroundConsoleHandler handler(OutputStream out) {
        BackgroundConsoleHandler handler = new BackgroundConsoleHandler(out);
        handler.setFormatter(MESSAGE_AND_THREAD);
        return handler;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
