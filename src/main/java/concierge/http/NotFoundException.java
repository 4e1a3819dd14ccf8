package concierge.http;

/** No operation at this method and path: 404 with the usual error body. */
final class NotFoundException extends RuntimeException {

    NotFoundException(String method, String path) {
        super("Not found: there is no operation at " + method + " " + path
                + ". Operations take POST at exact, case-sensitive paths without a trailing slash.", null, false, false);
    }
}
