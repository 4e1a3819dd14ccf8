package concierge.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;

/**
 * Starts the classes tagged {@value #SLOW} first, the others after them in JUnit's order: classes run
 * in parallel, and a class that waits for deadlines for half a minute, started last, would finish
 * long after all the others. Tag a class {@value #SLOW} when its tests take more than about 10 s in
 * all on their own (src/test/resources/junit-platform.properties).
 */
public final class SlowClassesFirst implements ClassOrderer {

    public static final String SLOW = "slow";

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(SlowClassesFirst::isSlow).reversed());
    }

    private static boolean isSlow(ClassDescriptor descriptor) {
        return descriptor.findRepeatableAnnotations(Tag.class).stream().anyMatch(tag -> tag.value().equals(SLOW));
    }
}
