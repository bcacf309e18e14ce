package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The compile cache's notices are for whoever turns debug logging on, not lines on every run's stderr. */
class CompileNoticeTest {

    private static Graph graph(String name, int size) {
        GraphBuilder g = new GraphBuilder(name);
        return g.output("y", g.input("x", DType.F32, size).tanh()).build();
    }

    @Test
    void anotherVariantIsLoggedAtDebugLevel() {
        // System.Logger goes to java.util.logging when no other LoggerFinder is installed, DEBUG as FINE
        Logger logger = Logger.getLogger("io.chainrule.codegen");
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        try {
            CompiledBackend.compile(graph("notice_variants", 3)).close();
            CompiledBackend.compile(graph("notice_variants", 5)).close();
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(before);
        }
        List<LogRecord> notices = records.stream()
                .filter(r -> r.getMessage().startsWith("compiling another variant of {0}")).toList();
        assertEquals(1, notices.size(), records.toString());
        assertEquals(Level.FINE, notices.get(0).getLevel(), "debug, which the default console handler does not print");
        assertEquals("notice_variants", notices.get(0).getParameters()[0]);
    }
}
