package concierge.inbox;

import concierge.testing.Browser;
import concierge.testing.InboxPage;
import concierge.testing.OnH2;
import concierge.testing.Tenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's screenshots of the inbox, taken from a real browser: the list and a conversation, at a
 * phone's width and on a wide screen, light and dark. A test run writes them to target/screenshots/,
 * so that it leaves the checkout as it was; {@code -Dconcierge.screenshots=docs/screenshots} refreshes
 * the README's.
 */
@Tag("slow")
class InboxScreenshotsTest extends OnH2 {


    @Test
    void theInboxIsPhotographedAtAPhonesWidthAndOnAWideScreenLightAndDark() {
        Tenants.Integration app = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(app.enterpriseId());
        tenants.addThread(app, "Subject", "Airport transfer on Friday", "OriginalSender", "Maria Garcia");
        tenants.addThread(app, "Subject", "Extra pillows", "OriginalSender", "Tom Becker");
        String dinner = tenants.addThread(app, "Subject", "Table for two tonight", "OriginalSender", "Yuki Tanaka")
                .path("Id").asText();
        tenants.addMessages(app, dinner, "Hello! Could you book a table for two at the restaurant tonight, around 8 pm?");
        tenants.staff(staffToken, "/api/staff/v1/messages/add", java.util.Map.of("Messages", java.util.List.of(
                java.util.Map.of("MessageThreadId", dinner, "Text", "Good evening, Ms Tanaka. A table by the window at 8 pm"
                        + " is booked for you. Would you like us to note any dietary wishes?"))));
        tenants.addMessages(app, dinner, "Wonderful, thank you.\nNo nuts, please.");
        String late = tenants.addThread(app, "Subject", "Late check-in", "OriginalSender", "Ann Lee").path("Id").asText();
        tenants.addMessages(app, late, "We land at 11 pm; is late check-in possible?");

        try (Browser browser = Browser.open()) {
            InboxPage inbox = new InboxPage(browser, server());
            browser.size(1280, 860);
            browser.colorScheme("light");
            inbox.signedIn(staffToken).openThread("Table for two tonight");
            inbox.message("No nuts, please.");
            browser.screenshot("inbox-wide-light.png", 1280);
            browser.colorScheme("dark");
            browser.screenshot("inbox-wide-dark.png", 1280);

            browser.size(390, 844);
            browser.screenshot("inbox-phone-conversation-dark.png", 390);
            browser.button("Threads").click();
            browser.colorScheme("light");
            inbox.thread("Late check-in");
            browser.screenshot("inbox-phone-list-light.png", 390);
        }
    }

    /** Not in the README: the states a receptionist meets besides a busy inbox, for a person to look at. */
    @Test
    void anEmptyInboxALongSubjectAndASignInErrorArePhotographedAtAPhonesWidthAndOnAWideScreen() {
        Tenants.Integration app = tenants.singleEnterpriseIntegration();
        String emptyHotel = tenants.staffToken(tenants.enterprise());
        String staffToken = tenants.staffToken(app.enterpriseId());
        String subject = "Our flight from Singapore is delayed by nine hours, so we will arrive long after midnight;"
                + " could someone keep the room and leave the keys at the night desk, and is breakfast still possible";
        String thread = tenants.addThread(app, "Subject", subject, "OriginalSender",
                "Maximilian Alexander von Hohenberg-Schwarzenfeld").path("Id").asText();
        tenants.addMessages(app, thread, "x".repeat(600));

        try (Browser browser = Browser.open()) {
            InboxPage inbox = new InboxPage(browser, server());
            browser.colorScheme("light");
            browser.size(390, 844);
            inbox.signedOut().signIn("not-a-staff-token");
            inbox.alert("");
            browser.screenshot("state-phone-sign-in-error-light.png", 390);
            inbox.signedOut().signIn(emptyHotel);
            browser.waitFor(() -> browser.driver().getPageSource().contains("No threads here.") ? true : null,
                    "the empty list's text");
            browser.screenshot("state-phone-empty-light.png", 390);
            browser.size(1280, 860);
            browser.colorScheme("dark");
            browser.screenshot("state-wide-empty-dark.png", 1280);
            inbox.signedOut().signedIn(staffToken).openThread(subject);
            browser.screenshot("state-wide-long-subject-dark.png", 1280);
            browser.size(390, 844);
            browser.screenshot("state-phone-long-subject-dark.png", 390);
        }
    }
}
