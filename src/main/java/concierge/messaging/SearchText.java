package concierge.messaging;

/**
 * The staff inbox's Search: case-insensitive containment that is the same on every engine. Text is
 * folded here, not by the database's LOWER() (whose rules follow H2's Java and PostgreSQL's locale),
 * and stored folded beside the original; the database then only compares characters with LIKE.
 */
final class SearchText {

    private SearchText() {
    }

    /**
     * Simple case folding, one code point at a time: upper then lower case, so that "Ř" and "ř",
     * "Σ", "σ" and "ς", "K" and the Kelvin sign all fold alike. The length in code points is kept.
     */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
        return folded.toString();
    }

    /** The LIKE escape character of {@link #containing}. */
    static final char ESCAPE = '!';

    /** A LIKE pattern matching folded text that contains {@code term} literally: no wildcard of its own. */
    static String containing(String term) {
        return "%" + fold(term).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
