package concierge.http.connector;

import static concierge.http.Bodies.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import concierge.http.RawBody;
import concierge.http.connector.ConnectorApi.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding the credentials every Connector request carries in its body (spec D15, D18): ClientToken,
 * AccessToken and Client are required non-blank strings; LanguageCode and CultureCode come together
 * or not at all. No server: which tokens authenticate is ConnectorAuthenticationTest, and that a
 * refusal reaches the client of every operation is ConnectorCredentialsTest.
 */
class CredentialsTest {

    /** Each test changes what it is about; a null value leaves the property out. */
    private static final RawBody VALID = RawBody.of(
            "ClientToken", "'client-token'", "AccessToken", "'access-token'", "Client", "'Concierge Tests 1.0'");

    @Test
    void validCredentialsDecodeToTheTokens() {
        Credentials credentials = decode();

        assertThat(credentials.clientToken()).isEqualTo("client-token");
        assertThat(credentials.accessToken()).isEqualTo("access-token");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "ClientToken | ", "AccessToken | ", "Client | ",
            "ClientToken | null", "AccessToken | null", "Client | null",
            "ClientToken | ''", "AccessToken | ''", "Client | ''",
            "ClientToken | '   '", "AccessToken | '   '", "Client | '   '",
            "ClientToken | 42", "AccessToken | 42", "Client | 42",
            "ClientToken | true", "AccessToken | true", "Client | true",
            "ClientToken | ['a']", "AccessToken | ['a']", "Client | ['a']",
            "ClientToken | {'Value': 'a'}", "AccessToken | {'Value': 'a'}", "Client | {'Value': 'a'}"})
    void aCredentialThatIsMissingBlankOrNotAStringIsRefusedNamingIt(String field, String rawValue) {
        assertThat(refusal(() -> decode(field, rawValue))).startsWith("Invalid " + field);
    }

    @Test
    void clientOver255CharactersIsRefusedNamingTheLimit() {
        String refusal = refusal(() -> decode("Client", "'" + "c".repeat(256) + "'"));

        assertThat(refusal).startsWith("Invalid Client").contains("255");
    }

    @Test
    void clientOfExactly255CharactersIsAccepted() {
        assertThat(decode("Client", "'" + "c".repeat(255) + "'").clientToken()).isEqualTo("client-token");
    }

    @ParameterizedTest(name = "only {0}")
    @CsvSource({"LanguageCode, CultureCode", "CultureCode, LanguageCode"})
    void languageCodeAndCultureCodeAreRefusedOneWithoutTheOther(String sent, String missing) {
        assertThat(refusal(() -> decode(sent, "'en-US'"))).startsWith("Invalid " + missing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'en-US'", "null"})
    void languageCodeAndCultureCodeTogetherOrBothNullAreAccepted(String both) {
        assertThat(decode("LanguageCode", both, "CultureCode", both).accessToken()).isEqualTo("access-token");
    }

    private static Credentials decode(String... namesAndRawValues) {
        return Credentials.from(VALID.with(namesAndRawValues).fields());
    }
}
