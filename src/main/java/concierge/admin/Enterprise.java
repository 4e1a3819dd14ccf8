package concierge.admin;

import java.util.UUID;

public record Enterprise(UUID id, String name) {
}
