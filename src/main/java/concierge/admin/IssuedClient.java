package concierge.admin;

import java.util.Optional;
import java.util.UUID;

/** A client application as provisioned; the token is shown once and stored only as a hash. */
public record IssuedClient(UUID id, String name, String clientToken, Optional<String> webhookUrl) {
}
