package concierge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Delivery errors are always storable (issue 10, finding 4): no NUL, no unpaired surrogate, bounded. */
class ErrorTextTest {

    @Test
    void ordinaryTextIsKeptAsItIs() {
        assertThat(ErrorText.storable("HTTP 500 from https://hôtel.example/hook 😀"))
                .isEqualTo("HTTP 500 from https://hôtel.example/hook 😀");
    }

    @Test
    void controlCharactersAndUnpairedSurrogatesBecomeEscapes() {
        assertThat(ErrorText.storable("a\u0000b\nc\ud800d\udc00"))
                .isEqualTo("a\\u0000b\\u000Ac\\uD800d\\uDC00");
    }

    @Test
    void longTextIsCutToTheColumnLength() {
        assertThat(ErrorText.storable("\u0000".repeat(5000))).hasSize(ErrorText.MAX_CHARS);
    }

    @Test
    void cutNeverSplitsASurrogatePair() {
        String cut = ErrorText.storable("x".repeat(ErrorText.MAX_CHARS - 1) + "😀");

        assertThat(cut).isEqualTo("x".repeat(ErrorText.MAX_CHARS - 1));
    }
}
