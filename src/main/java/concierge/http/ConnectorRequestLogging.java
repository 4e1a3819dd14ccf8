package concierge.http;

import concierge.http.connector.ConnectorApi;
import concierge.requestlog.LoggedRequest;
import concierge.requestlog.RequestLogWriter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request log's observer: every request to a Connector path (an unknown one too: an integrator's
 * 404 has a RequestId worth finding) becomes an entry, with its tokens masked, handed to the writer,
 * which never blocks. Other APIs' requests are not logged.
 */
public final class ConnectorRequestLogging implements RequestObserver {

    /** What the JSON parser quotes of a body it could not read ("Unrecognized token 'x'"): it may be a token. */
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");

    private final RequestLogWriter writer;

    public ConnectorRequestLogging(RequestLogWriter writer) {
        this.writer = writer;
    }

    @Override
    public void completed(CompletedRequest request) {
        if (!request.path().startsWith(ConnectorApi.PREFIX)) {
            return;
        }
        BodyHead sent = request.requestBody();
        BodyHead answered = request.responseBody();
        writer.record(new LoggedRequest(UUID.fromString(request.requestId()),
                request.started().truncatedTo(ChronoUnit.MILLIS),
                request.path().substring(ConnectorApi.PREFIX.length()), request.status(),
                request.duration().toNanos() / 1000, request.clientId(), request.integrationId(),
                request.error().map(message -> QUOTED.matcher(message).replaceAll("'…'")),
                LoggedBodies.masked(sent.bytes(), sent.length(), sent.fullLength()),
                LoggedBodies.masked(answered.bytes(), answered.length(), answered.fullLength())));
    }
}
