package io.chainrule.runtime.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A process that starts saving {@code args[0]}, writes a megabyte, prints {@code writing} and then waits forever: a
 * save in progress, for {@link InterruptedSaveTest} to run beside or to kill.
 */
final class HangingSave {
    private HangingSave() {
    }

    public static void main(String[] args) throws IOException {
        AtomicFile.write(Path.of(args[0]), out -> {
            ByteBuffer data = ByteBuffer.allocate(1 << 20);
            while (data.hasRemaining()) {
                out.write(data);
            }
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
