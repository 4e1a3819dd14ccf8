package concierge.testing;

/** The two database engines every test that touches SQL runs on. */
public enum Engine {
    H2,
    POSTGRESQL
}
