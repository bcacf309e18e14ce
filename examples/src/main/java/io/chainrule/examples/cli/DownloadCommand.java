package io.chainrule.examples.cli;

import io.chainrule.runtime.data.MnistDownload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Fetches MNIST or Fashion-MNIST from the usual mirrors, checking every file's md5, into DIR/<dataset>/. */
@Command(name = "download", description = "Download MNIST or Fashion-MNIST (md5-checked) into --data DIR.")
final class DownloadCommand implements Callable<Integer> {
    enum DatasetName { mnist, fashion_mnist }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<dataset>", description = "mnist or fashion_mnist.")
    DatasetName dataset;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data directory.")
    Path data;

    @Override
    public Integer call() throws Exception {
        boolean mnist = dataset == DatasetName.mnist;
        Path dir = data.resolve(mnist ? "mnist" : "fashion-mnist");
        List<Path> fetched = (mnist ? MnistDownload.mnist() : MnistDownload.fashionMnist()).into(dir);
        PrintWriter out = spec.commandLine().getOut();
        out.println(fetched.isEmpty() ? dir + ": every file already present with the right md5"
                : "downloaded " + fetched.size() + " files into " + dir);
        out.flush();
        return 0;
    }
}
