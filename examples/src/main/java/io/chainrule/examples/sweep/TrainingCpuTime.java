package io.chainrule.examples.sweep;

import io.chainrule.runtime.model.BatchProgress;
import io.chainrule.runtime.model.EpochRecord;
import io.chainrule.runtime.model.TrainingListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The training thread's CPU time at the end of each epoch's last step, from when it was made (just before the fit,
 * so compiling the step counts) and without the measurement after each epoch. A sweep runs as many trials as there
 * are cores on a machine others may share: the thread's CPU time is what the training cost, where the time on the
 * clock would also count whoever else ran meanwhile.
 */
final class TrainingCpuTime implements TrainingListener {
    private final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    private final double[] seconds;
    private long spent;
    private long resumed;

    TrainingCpuTime(int epochs) {
        if (!bean.isCurrentThreadCpuTimeSupported()) {
            throw new UnsupportedOperationException("this JVM cannot measure a thread's CPU time, which a trial's "
                    + "training time is");
        }
        this.seconds = new double[epochs];
        this.resumed = bean.getCurrentThreadCpuTime();
    }

    @Override
    public void batchEnded(BatchProgress p) {
        if (p.batch() == p.batches()) {
            spent += bean.getCurrentThreadCpuTime() - resumed;
            seconds[p.epoch() - 1] = spent / 1e9;
        }
    }

    @Override
    public void epochEnded(EpochRecord record) {
        resumed = bean.getCurrentThreadCpuTime();
    }

    /** The CPU seconds spent training by the end of each epoch. */
    double[] seconds() {
        return seconds.clone();
    }
}
