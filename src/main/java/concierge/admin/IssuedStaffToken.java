package concierge.admin;

import concierge.ids.EnterpriseId;
import java.util.UUID;

/** A staff token as issued: its Id (to disable it by) and the token itself, shown only now. */
public record IssuedStaffToken(UUID id, EnterpriseId enterpriseId, String staffToken) {
}
