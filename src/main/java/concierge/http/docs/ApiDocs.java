package concierge.http.docs;

import concierge.http.StaticFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The API reference: {@link #DOCUMENT_PATH}, the OpenAPI 3.1 document of every operation (checked in
 * as src/main/resources/openapi/concierge.json), and {@link #PATH}, Swagger UI showing it, from the
 * swagger-ui webjar with an initializer of ours. Nothing the page loads comes from another origin.
 */
public final class ApiDocs {

    public static final String PATH = "/docs";
    public static final String DOCUMENT_PATH = "/openapi.json";

    /**
     * The inbox's, but for data: images: Swagger UI's stylesheet draws some icons as data: URLs. It
     * needs no inline style ('unsafe-inline'): it sets styles through the DOM, which CSP allows.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self';"
            + " style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'";

    private static final String JSON = "application/json; charset=utf-8";
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_VERSION = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private ApiDocs() {
    }

    public static StaticFiles create(Duration writeTimeout) {
        String swaggerUi = WEBJAR + webjarVersion() + "/";
        Map<String, StaticFiles.File> files = new LinkedHashMap<>();
        StaticFiles.File page = new StaticFiles.File("/docs/index.html", "text/html; charset=utf-8");
        files.put(PATH, page);
        files.put(PATH + "/", page);
        files.put(PATH + "/initializer.js", new StaticFiles.File("/docs/initializer.js", JAVASCRIPT));
        files.put(PATH + "/swagger-ui.css", new StaticFiles.File(swaggerUi + "swagger-ui.css", "text/css; charset=utf-8"));
        files.put(PATH + "/index.css", new StaticFiles.File(swaggerUi + "index.css", "text/css; charset=utf-8"));
        files.put(PATH + "/swagger-ui-bundle.js", new StaticFiles.File(swaggerUi + "swagger-ui-bundle.js", JAVASCRIPT));
        files.put(PATH + "/favicon-32x32.png", new StaticFiles.File(swaggerUi + "favicon-32x32.png", "image/png"));
        files.put(DOCUMENT_PATH, new StaticFiles.File("/openapi/concierge.json", JSON));
        return new StaticFiles(PATH, CONTENT_SECURITY_POLICY, files, writeTimeout);
    }

    /** The webjar's files sit under its version: read from the jar, so a new version in pom.xml needs nothing here. */
    private static String webjarVersion() {
        try (InputStream in = ApiDocs.class.getResourceAsStream(WEBJAR_VERSION)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
