package concierge;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Which build this is, as {@code --version} prints it: written into the jar by the build (pom.xml). */
record BuildInfo(String version, String commit, String built) {

    private static final String RESOURCE = "/concierge/version.properties";
    private static final String UNKNOWN = "unknown";

    static BuildInfo ofThisBuild() {
        Properties written = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                written.load(in);
            }
        } catch (IOException e) {
            // a damaged jar still answers --version, with what it cannot tell marked unknown
        }
        return new BuildInfo(written.getProperty("version", UNKNOWN), written.getProperty("commit", UNKNOWN),
                written.getProperty("built", UNKNOWN));
    }

    /** For example {@code concierge 0.1.0-SNAPSHOT (commit abc1234, built 2026-12-01T10:00:00Z)}. */
    String describe() {
        return "concierge " + version + " (commit " + commit + ", built " + built + ")";
    }
}
