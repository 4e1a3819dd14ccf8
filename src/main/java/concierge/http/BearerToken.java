package concierge.http;

import concierge.errors.UnauthorizedException;

/** The token of an {@code Authorization: Bearer <token>} header (admin and staff APIs). */
public final class BearerToken {

    private BearerToken() {
    }

    public static String of(Request request) {
        return request.header("Authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip())
                .filter(token -> !token.isEmpty())
                .orElseThrow(() -> new UnauthorizedException(
                        "Unauthorized: send the token as 'Authorization: Bearer <token>'."));
    }
}
