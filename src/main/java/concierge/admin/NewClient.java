package concierge.admin;

import java.util.Optional;

public record NewClient(String name, Optional<String> webhookUrl) {
}
