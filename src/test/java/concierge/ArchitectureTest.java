package concierge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the design. The capabilities (messaging, admin, auth, demo, limits, webhooks, events,
 * requestlog)
 * and the shared errors, ids and deadline know nothing of the HTTP edge or the web server, and only
 * the webhook sender writes JSON (the payload it POSTs). The HTTP edge knows nothing of SQL or of the
 * store; the store knows no capability; messaging does not know that webhooks exist. Only the Jdbi*
 * adapters and concierge.store talk to the database, and each table is written only by the
 * capability that owns it.
 */
@AnalyzeClasses(packages = "concierge", importOptions = ArchitectureTest.MainClassesOnly.class)
class ArchitectureTest {

    /**
     * ArchUnit's own DoNotIncludeTests expects the output under target/, but builds may use another
     * directory (-Dconcierge.buildDir); every Maven layout puts test classes under test-classes/.
     */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/");
        }
    }

    private static final String[] CAPABILITIES = {"concierge.messaging..", "concierge.admin..", "concierge.auth..",
            "concierge.demo..", "concierge.limits..", "concierge.webhooks..", "concierge.events..",
            "concierge.requestlog.."};

    private static final String[] SHARED = {"concierge.errors..", "concierge.ids..", "concierge.deadline..",
            "concierge.background..", "concierge.health.."};

    private static final String[] DATABASE_ACCESS = {"org.jdbi..", "java.sql.."};

    /** A class named Jdbi*, or a class nested in one (its records and lambdas belong to the adapter). */
    private static final DescribedPredicate<JavaClass> JDBI_ADAPTERS =
            DescribedPredicate.describe("named Jdbi*", javaClass -> topLevel(javaClass).getSimpleName().startsWith("Jdbi"));

    /** The capability (package under concierge) that writes each table of the migrations. */
    private static final Map<String, String> TABLE_OWNERS = Map.ofEntries(
            Map.entry("enterprise", "admin"),
            Map.entry("client", "admin"),
            Map.entry("integration", "admin"),
            Map.entry("integration_enterprise", "admin"),
            Map.entry("staff_token", "admin"),
            Map.entry("message_thread", "messaging"),
            Map.entry("message", "messaging"),
            Map.entry("webhook_event", "webhooks"),
            Map.entry("webhook_batch", "webhooks"),
            Map.entry("webhook_attempt", "webhooks"),
            Map.entry("staff_event", "events"),
            Map.entry("request_log", "requestlog"));

    private static final Pattern WRITE = Pattern.compile("\\b(?:INSERT INTO|UPDATE|DELETE FROM)\\s+(\\w+)");

    @ArchTest
    static final ArchRule capabilitiesDoNotDependOnTheHttpEdgeOrTheWebServer = noClasses()
            .that().resideInAnyPackage(CAPABILITIES).or().resideInAnyPackage(SHARED)
            .should().dependOnClassesThat().resideInAnyPackage("concierge.http..", "io.helidon..");

    @ArchTest
    static final ArchRule onlyTheWebhookSenderWritesJsonOutsideTheHttpEdge = noClasses()
            .that().resideInAnyPackage(CAPABILITIES).or().resideInAnyPackage(SHARED)
            .and().doNotHaveFullyQualifiedName("concierge.webhooks.HttpWebhookSender")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..");

    /** The meters are kept and written by concierge.observe; what they count is counted by plain counters where it happens. */
    @ArchTest
    static final ArchRule onlyTheObservePackageUsesMicrometer = noClasses()
            .that().resideOutsideOfPackage("concierge.observe..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..");

    @ArchTest
    static final ArchRule httpLayerDoesNotTouchTheDatabase = noClasses()
            .that().resideInAPackage("concierge.http..")
            .should().dependOnClassesThat().resideInAnyPackage(DATABASE_ACCESS);

    /** It answers storage failures through errors.StorageFailures, which the store implements. */
    @ArchTest
    static final ArchRule httpLayerDoesNotDependOnTheStore = noClasses()
            .that().resideInAPackage("concierge.http..")
            .should().dependOnClassesThat().resideInAPackage("concierge.store..");

    /** The store serves every capability and knows none: it sees the request's deadline, not the limits. */
    @ArchTest
    static final ArchRule storeDependsOnNoCapability = noClasses()
            .that().resideInAPackage("concierge.store..")
            .should().dependOnClassesThat().resideInAnyPackage(CAPABILITIES)
            .orShould().dependOnClassesThat().resideInAPackage("concierge.http..");

    /** The shared packages are what everything builds on: they build on nothing of the server. */
    @ArchTest
    static final ArchRule sharedPackagesDependOnlyOnEachOther = noClasses()
            .that().resideInAnyPackage(SHARED)
            .should().dependOnClassesThat().resideInAnyPackage(CAPABILITIES)
            .orShould().dependOnClassesThat().resideInAnyPackage("concierge.http..", "concierge.store..");

    /**
     * Webhooks listen to new messages (messaging.NewMessagesListener), the staff events to every change
     * (messaging.ThreadChanges); messaging does not know who listens.
     */
    @ArchTest
    static final ArchRule messagingDoesNotKnowWhoListens = noClasses()
            .that().resideInAPackage("concierge.messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("concierge.webhooks..", "concierge.events..");

    /** The staff events store and send the JSON the HTTP edge renders (events.EventViews); they write none. */
    @ArchTest
    static final ArchRule eventsKnowNoOtherCapabilityThanMessaging = noClasses()
            .that().resideInAPackage("concierge.events..")
            .should().dependOnClassesThat().resideInAnyPackage("concierge.webhooks..", "concierge.admin..",
                    "concierge.auth..", "concierge.limits..", "concierge.demo..");

    @ArchTest
    static final ArchRule onlyJdbiAdaptersAndTheStoreUseJdbiOrJdbc = noClasses()
            .that(DescribedPredicate.not(JDBI_ADAPTERS))
            .and().resideOutsideOfPackage("concierge.store..")
            .should().dependOnClassesThat().resideInAnyPackage(DATABASE_ACCESS);

    @ArchTest
    static final ArchRule domainInterfacesStayFreeOfJdbiAndJdbc = noClasses()
            .that().areInterfaces()
            .and().resideInAnyPackage(CAPABILITIES)
            .should().dependOnClassesThat().resideInAnyPackage(DATABASE_ACCESS);

    /**
     * Read from the sources: the statements are string constants, which class files do not show. Other
     * capabilities may read a table (the outbox joins the message's thread and client), never write it.
     */
    @Test
    void eachTableIsWrittenOnlyByTheCapabilityThatOwnsIt() throws IOException {
        List<String> foreignWrites = new ArrayList<>();
        Path sources = Path.of("src/main/java/concierge");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String capability = sources.relativize(file).getName(0).toString();
                Matcher write = WRITE.matcher(Files.readString(file));
                while (write.find()) {
                    String owner = TABLE_OWNERS.get(write.group(1));
                    if (owner != null && !owner.equals(capability)) {
                        foreignWrites.add(file + ": " + write.group() + " (the table is " + owner + "'s)");
                    }
                }
            }
        }
        assertThat(foreignWrites).isEmpty();
    }

    @Test
    void everyTableHasAnOwner() throws IOException {
        List<String> tables = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.toList()) {
                Matcher create = Pattern.compile("CREATE TABLE (\\w+)").matcher(Files.readString(file));
                while (create.find()) {
                    tables.add(create.group(1));
                }
            }
        }
        assertThat(tables).isNotEmpty();
        assertThat(TABLE_OWNERS).containsOnlyKeys(tables);
    }

    private static JavaClass topLevel(JavaClass javaClass) {
        JavaClass current = javaClass;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }
}
