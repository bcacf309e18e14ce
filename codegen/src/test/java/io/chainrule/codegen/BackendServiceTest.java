package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.runtime.Backend;
import io.chainrule.runtime.Backends;
import org.junit.jupiter.api.Test;

/**
 * The runtime finds the compiled backend as a service on the module path, where these tests run: the runtime's
 * descriptor uses {@link Backend} and codegen's provides it (META-INF/services, which the class path reads, is ignored
 * in a named module).
 */
class BackendServiceTest {
    @Test
    void theRuntimesPreferredBackendIsTheCompiledOneFoundThroughTheModuleDescriptors() {
        assertEquals("io.chainrule.codegen", BackendServiceTest.class.getModule().getName(),
                "the tests run patched into codegen's module");
        assertEquals(CompiledBackend.class, Backends.preferred().getClass());
    }
}
