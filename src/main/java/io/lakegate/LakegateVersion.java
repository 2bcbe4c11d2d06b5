package io.lakegate;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, stamped into reasons and audits so a decision can be traced to the code that made it. */
public final class LakegateVersion {

    private static final String VERSION = load();

    private LakegateVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = LakegateVersion.class.getResourceAsStream("/lakegate-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
