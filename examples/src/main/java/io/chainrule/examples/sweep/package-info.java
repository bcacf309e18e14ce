/**
 * Sweeps: many small trainings, one per configuration, run in parallel. A configuration is a record that holds
 * everything its training needs ({@link io.chainrule.examples.sweep.FitTrial}: target, hidden widths, activation,
 * seed, epochs, batch size, learning rate), a trial is a function from it to a result record
 * ({@link io.chainrule.examples.sweep.FitResult}), both serializable, so the same function runs on local threads or
 * on a cluster's executors. {@link io.chainrule.examples.sweep.LocalSweep} runs trials on a pool of local threads,
 * each training a model of its own, and hands results over as they finish; {@link io.chainrule.examples.sweep.CsvTable}
 * writes results as CSV.
 *
 * <pre>{@code
 * List<FitTrial> trials = ...;                                  // every configuration
 * List<FitResult> results = LocalSweep.run(trials, FitTrial::run, Runtime.getRuntime().availableProcessors(),
 *         r -> System.out.println(r.trial().shape() + ": " + r.relativeError()));   // as each finishes
 * }</pre>
 *
 * A trial is deterministic: the same configuration gives the same result bits wherever it runs (the seed fixes the
 * start and the batches' order), except for its timings.
 */
package io.chainrule.examples.sweep;
