package io.chainrule.examples.cli;

import io.chainrule.examples.sim.SimServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code chainrule serve}: the lesson's two simulations as live pages, until interrupted. */
@Command(name = "serve", sortOptions = false, description = "Serve the lesson's simulations (activation functions, "
        + "and backprop flowing through a network the compiled step trains) as web pages, until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free "
            + "one).")
    int port = 8080;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "The address to listen on (default: "
            + "${DEFAULT-VALUE}, this machine only).")
    String bind = "127.0.0.1";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port " + port + " is not a port: expected 0 to 65535");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--bind " + bind + ": no such address");
        }
        SimServer server;
        try {
            server = SimServer.start(address, port);
        } catch (BindException e) {
            String message = String.valueOf(e.getMessage());
            String hint = message.contains("in use") ? "is another server on that port? choose another with --port N, "
                    + "or --port 0 for a free one" : "--bind takes an address of this machine";
            throw new CommandFailure("cannot serve on " + bind + ":" + port + ": " + message + " (" + hint + ")");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "chainrule-serve-stop"));
        PrintWriter out = spec.commandLine().getOut();
        URI root = server.uri();
        out.println("chainrule serve: " + root + "  (activation functions: " + root + "activations.html, backprop "
                + "flow: " + root + "backprop.html); Ctrl-C stops");
        out.flush();
        // until the JVM is stopped (Ctrl-C, SIGTERM), when the hook closes the server
        new CountDownLatch(1).await();
        return 0;
    }
}
