package concierge.admin;

import concierge.ids.ClientId;
import java.util.Optional;

/** A client application as provisioned; the token is shown once and stored only as a hash. */
public record IssuedClient(ClientId id, String name, String clientToken, Optional<String> webhookUrl) {
}
