package concierge.http;

/** What an operation answers: a body for 200, which may stand for an empty page (204 on request). */
public record Reply(Object body, boolean isEmptyPage) {

    public static Reply ok(Object body) {
        return new Reply(body, false);
    }

    public static Reply page(Object body, boolean isEmpty) {
        return new Reply(body, isEmpty);
    }
}
