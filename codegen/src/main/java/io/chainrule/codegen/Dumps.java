package io.chainrule.codegen;

import io.chainrule.ir.text.TextPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Writes what a compilation produced, for reading beside the bytecode: the .class file, ASM's text form of it, the
 * kernel plan, and the graph before lowering. On for every compilation when the system property
 * {@value #PROPERTY} names a directory; {@link #write} does it on demand (the CLI's {@code dump --bytecode}).
 */
final class Dumps {
    static final String PROPERTY = "chainrule.dump";

    private Dumps() {
    }

    static void ifEnabled(KernelPlan plan, String owner, byte[] bytes) {
        String dir = System.getProperty(PROPERTY);
        if (dir != null) {
            write(Path.of(dir), plan, owner, bytes);
        }
    }

    /** Writes the dump of one compilation into {@code dir}; returns the files' common stem. */
    static Path write(Path dir, KernelPlan plan, String owner, byte[] bytes) {
        String stem = owner.substring(owner.lastIndexOf('/') + 1);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(stem + ".class"), bytes);
            Files.writeString(dir.resolve(stem + ".asm.txt"), textify(bytes));
            Files.writeString(dir.resolve(stem + ".plan.txt"), plan.toString());
            Files.writeString(dir.resolve(stem + ".graph.txt"), TextPrinter.print(plan.graph()));
            return dir.resolve(stem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dump of " + plan.graph().name() + " into " + dir, e);
        }
    }

    /** ASM's Textifier listing of a class. */
    static String textify(byte[] bytes) {
        StringWriter out = new StringWriter();
        new ClassReader(bytes).accept(new TraceClassVisitor(new PrintWriter(out)), 0);
        return out.toString();
    }
}
