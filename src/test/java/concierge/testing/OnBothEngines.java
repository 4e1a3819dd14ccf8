package concierge.testing;

import concierge.store.Database.Engine;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test class that extends this runs all its tests once per database engine, H2 and then PostgreSQL:
 * JUnit runs it as this {@code @ParameterizedClass} (the annotations are inherited). The tests of one
 * engine run one after another on one thread (README "Tests and CI").
 */
@ParameterizedClass
@EnumSource(Engine.class)
public abstract class OnBothEngines extends ServerTest {
}
