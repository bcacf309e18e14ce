package io.chainrule.examples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

class JarOptionsTest {
    /** The options chainrule restarts java with, from chainrule-spark.jar, are this Spark version's own. */
    @Test
    void theJarListsSparksModuleOptions() throws Exception {
        try (InputStream in = JarOptionsTest.class.getClassLoader()
                .getResourceAsStream("META-INF/chainrule/java-options")) {
            List<String> listed = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\\s+"));
            assertEquals(List.of(JavaModuleOptions.defaultModuleOptionArray()), listed);
        }
        assertEquals(List.of(), SparkContexts.missingOpens(), "the tests run with them");
    }
}
