package concierge.http;

/** The body of every error answer, as the public API shapes it. */
record ErrorBody(String message, String requestId, String details) {
}
