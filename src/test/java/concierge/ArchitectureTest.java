package concierge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of the design: the domain knows nothing of HTTP or JSON, the HTTP layer knows
 * nothing of SQL, and only the Jdbi* adapters and concierge.store talk to the database.
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

    private static final String[] DOMAIN = {
            "concierge.messaging..", "concierge.admin..", "concierge.auth..", "concierge.demo..", "concierge.errors.."};

    private static final String[] DATABASE_ACCESS = {"org.jdbi..", "java.sql.."};

    /** A class named Jdbi*, or a class nested in one (its records and lambdas belong to the adapter). */
    private static final DescribedPredicate<JavaClass> JDBI_ADAPTERS =
            DescribedPredicate.describe("named Jdbi*", javaClass -> topLevel(javaClass).getSimpleName().startsWith("Jdbi"));

    @ArchTest
    static final ArchRule domainDoesNotDependOnHttpJsonOrTheWebServer = noClasses()
            .that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("concierge.http..", "com.fasterxml.jackson..", "io.helidon..");

    @ArchTest
    static final ArchRule httpLayerDoesNotTouchTheDatabase = noClasses()
            .that().resideInAPackage("concierge.http..")
            .should().dependOnClassesThat().resideInAnyPackage(DATABASE_ACCESS);

    @ArchTest
    static final ArchRule onlyJdbiAdaptersAndTheStoreUseJdbiOrJdbc = noClasses()
            .that(DescribedPredicate.not(JDBI_ADAPTERS))
            .and().resideOutsideOfPackage("concierge.store..")
            .should().dependOnClassesThat().resideInAnyPackage(DATABASE_ACCESS);

    @ArchTest
    static final ArchRule domainInterfacesStayFreeOfJdbiAndJdbc = noClasses()
            .that().areInterfaces()
            .and().resideInAnyPackage("concierge.messaging..", "concierge.auth..", "concierge.admin..")
            .should().dependOnClassesThat().resideInAnyPackage(DATABASE_ACCESS);

    private static JavaClass topLevel(JavaClass javaClass) {
        JavaClass current = javaClass;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }
}
