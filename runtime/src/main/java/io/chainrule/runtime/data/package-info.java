/**
 * The data layer: datasets in memory (from arrays, MNIST's IDX files or CSV), views of them (splits, shuffles), and
 * mini-batches over them, as torchvision's {@code datasets.MNIST} with {@code ToTensor} and PyTorch's
 * {@code DataLoader} provide them.
 *
 * <pre>{@code
 * Path dir = DataLocation.of(dataFlag).find(Mnist.DIRECTORY, Mnist.FILES); // --data, CHAINRULE_DATA, ../shared/data
 * Dataset.Split split = Mnist.train(dir).holdOutLast(5000); // [1,28,28] images in [0,1] held as bytes; views
 * DataLoader loader = DataLoader.shuffled(split.train(), 100, DataLoader.LastBatch.DROP, seed);
 * Tensor x = loader.newFeatures(0), y = loader.newTargets(0); // bound once into the compiled step
 * for (int epoch = 0; epoch < 5; epoch++) {
 *     for (int b = 0; b < loader.batches(); b++) {
 *         loader.fill(epoch, b, x, y);                     // in place, allocation-free
 *         step.run();
 *     }
 * }
 * }</pre>
 *
 * {@link io.chainrule.runtime.data.DataLocation} documents where data is looked up;
 * {@link io.chainrule.runtime.data.MnistDownload} fetches it, checked, for users with a network.
 */
package io.chainrule.runtime.data;
