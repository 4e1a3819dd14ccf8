package concierge.auth;

import concierge.ids.Identifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Issues tokens and turns them into what is stored: a SHA-256 hash. Tokens are long random strings,
 * so a plain hash is enough (no password stretching); lookups go by hash, never by the token itself.
 */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private Tokens() {
    }

    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /** Constant-time comparison of two secrets of any length. */
    public static boolean same(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    /**
     * The shape the public API's tokens have: the owner's Id in upper-case hex, a dash, 31 random
     * hex digits. The random part alone carries 124 bits.
     */
    public static String issue(Identifier owner) {
        String id = owner.value().toString().replace("-", "").toUpperCase(Locale.ROOT);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return id + "-" + UPPER_HEX.formatHex(random).substring(0, 31);
    }

    /** A secret with no owner encoded in it (admin and staff tokens). */
    public static String randomSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
