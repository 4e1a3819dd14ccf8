package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoggedBodiesTest {

    private static final String CLIENT_TOKEN = "E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D";
    private static final String ACCESS_TOKEN = "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D";

    private static String masked(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return LoggedBodies.masked(bytes, bytes.length, bytes.length);
    }

    @Test
    void bothTokensShowOnlyTheirLastFourCharacters() {
        String logged = masked("{\"ClientToken\":\"" + CLIENT_TOKEN + "\",\"AccessToken\":\"" + ACCESS_TOKEN
                + "\",\"Client\":\"App 1.0\"}");

        assertThat(logged).isEqualTo("{\"ClientToken\":\"****9E1D\",\"AccessToken\":\"****453D\",\"Client\":\"App 1.0\"}");
    }

    @Test
    void theRestOfTheBodyIsKeptAsSent() {
        String body = "{ \"Limitation\" : {\"Count\": 10},\n  \"AccessToken\": \"" + ACCESS_TOKEN + "\" }";

        assertThat(masked(body)).isEqualTo("{ \"Limitation\" : {\"Count\": 10},\n  \"AccessToken\": \"****453D\" }");
    }

    @Test
    void tokenNamesInAnyLetterCaseAndAtAnyDepthAreMasked() {
        String logged = masked("{\"accesstoken\":\"" + ACCESS_TOKEN + "\",\"Nested\":[{\"CLIENTTOKEN\":\""
                + CLIENT_TOKEN + "\"}]}");

        assertThat(logged).doesNotContain(ACCESS_TOKEN.substring(0, 20)).doesNotContain(CLIENT_TOKEN.substring(0, 20))
                .contains("\"accesstoken\":\"****453D\"").contains("\"CLIENTTOKEN\":\"****9E1D\"");
    }

    @Test
    void aNameWrittenWithEscapesIsMaskedToo() {
        assertThat(masked("{\"Access\\u0054oken\":\"" + ACCESS_TOKEN + "\"}"))
                .isEqualTo("{\"Access\\u0054oken\":\"****453D\"}");
    }

    @Test
    void bothOfTwoDuplicateTokensAreMasked() {
        assertThat(masked("{\"AccessToken\":\"" + ACCESS_TOKEN + "\",\"AccessToken\":\"" + CLIENT_TOKEN + "\"}"))
                .isEqualTo("{\"AccessToken\":\"****453D\",\"AccessToken\":\"****9E1D\"}");
    }

    @Test
    void aShortTokenShowsNothing() {
        assertThat(masked("{\"AccessToken\":\"short-token\"}")).isEqualTo("{\"AccessToken\":\"****\"}");
    }

    @Test
    void aTokenThatIsNotAStringIsMaskedWhole() {
        assertThat(masked("{\"AccessToken\":{\"Secret\":\"" + ACCESS_TOKEN + "\"},\"ClientToken\":123456789012345}"))
                .isEqualTo("{\"AccessToken\":\"****\",\"ClientToken\":\"****2345\"}");
    }

    @Test
    void whatFollowsBrokenJsonIsNotKept() {
        String logged = masked("{\"Client\":\"App\" \"AccessToken\":\"" + ACCESS_TOKEN + "\"}");

        assertThat(logged).doesNotContain(ACCESS_TOKEN.substring(0, 20)).startsWith("{\"Client\":")
                .endsWith("[the rest is not JSON and is not kept]");
    }

    @Test
    void anUnterminatedTokenIsNotKept() {
        String logged = masked("{\"AccessToken\":\"" + ACCESS_TOKEN);

        assertThat(logged).doesNotContain(ACCESS_TOKEN.substring(0, 20)).startsWith("{\"AccessToken\":");
    }

    @Test
    void aBodyThatIsNotJsonKeepsOnlyTheNote() {
        assertThat(masked("AccessToken=" + ACCESS_TOKEN)).isEqualTo("…[the rest is not JSON and is not kept]");
    }

    /** Jackson reads a body whose first bytes look like UTF-16 or UTF-32 as such, and has no byte offsets for it. */
    @Test
    void aBodyInUtf16KeepsOnlyTheNoteAndNoToken() {
        byte[] bytes = ("{\"ClientToken\":\"" + CLIENT_TOKEN + "\"}").getBytes(StandardCharsets.UTF_16BE);

        assertThat(LoggedBodies.masked(bytes, bytes.length, bytes.length))
                .isEqualTo("…[the rest is not JSON and is not kept]");
    }

    @Test
    void anAnswerWithATokenPropertyIsMasked() {
        byte[] answer = ("{\"Clients\":[{\"Name\":\"App\",\"ClientToken\":\"" + CLIENT_TOKEN + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(LoggedBodies.maskedAnswer(answer, answer.length, answer.length))
                .isEqualTo("{\"Clients\":[{\"Name\":\"App\",\"ClientToken\":\"****9E1D\"}]}");
    }

    @Test
    void anAnswerWithoutATokenPropertyIsKeptAsSent() {
        byte[] answer = "{\"MessageThreads\":[{\"Subject\":\"broken tap\"}],\"Cursor\":null}".getBytes(StandardCharsets.UTF_8);

        assertThat(LoggedBodies.maskedAnswer(answer, answer.length, answer.length))
                .isEqualTo("{\"MessageThreads\":[{\"Subject\":\"broken tap\"}],\"Cursor\":null}");
    }

    @Test
    void anAnswerIsKeptUpToItsOwnSmallerLimit() {
        byte[] answer = ("{\"MessageThreads\":[\"" + "x".repeat(10_000) + "\"]}").getBytes(StandardCharsets.UTF_8);

        String logged = LoggedBodies.maskedAnswer(answer, answer.length, answer.length);

        assertThat(logged).endsWith("…[cut: the log keeps the first " + LoggedBodies.ANSWER_PREFIX_BYTES + " bytes of "
                + answer.length + "]");
    }

    @Test
    void aLongBodyIsCutAndSaysSo() {
        String body = "{\"AccessToken\":\"" + ACCESS_TOKEN + "\",\"Text\":\"" + "x".repeat(100_000) + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        String logged = LoggedBodies.masked(bytes, LoggedBodies.PREFIX_BYTES, bytes.length);

        assertThat(logged).startsWith("{\"AccessToken\":\"****453D\",\"Text\":")
                .endsWith("…[cut: the log keeps the first " + LoggedBodies.PREFIX_BYTES + " bytes of " + bytes.length + "]");
        assertThat(logged.length()).isLessThanOrEqualTo(concierge.requestlog.RequestLogWriter.MAX_BODY_CHARS);
    }
}
