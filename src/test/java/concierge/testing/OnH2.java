package concierge.testing;

import concierge.store.Database.Engine;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test class that extends this runs on H2 only: for behaviour no database takes part in (the HTTP
 * edge, the configuration, the throttles). The same shape as {@link OnBothEngines}, so a class moves
 * from one to the other by its {@code extends} alone.
 */
@ParameterizedClass
@EnumSource(value = Engine.class, names = "H2")
public abstract class OnH2 extends ServerTest {
}
