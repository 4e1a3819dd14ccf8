package concierge.admin;

import concierge.ids.EnterpriseId;

public record Enterprise(EnterpriseId id, String name) {
}
