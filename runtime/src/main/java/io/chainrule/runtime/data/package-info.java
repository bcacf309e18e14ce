/**
 * The data layer: datasets in memory and mini-batches over them, as torchvision's {@code datasets.MNIST} with
 * {@code ToTensor} and PyTorch's {@code DataLoader} provide them.
 *
 * <pre>{@code
 * Path dir = DataLocation.of(dataFlag).find(Mnist.DIRECTORY, Mnist.FILES); // --data, CHAINRULE_DATA, ../shared/data
 * Dataset train = Mnist.train(dir);                        // f32 [60000,1,28,28] in [0,1] and i32 [60000]
 * DataLoader loader = DataLoader.shuffled(train, 100, DataLoader.LastBatch.DROP, seed);
 * Tensor x = loader.newFeatures(0), y = loader.newLabels(0); // bound once into the compiled step
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
