package io.chainrule.examples.sim;

import static io.chainrule.examples.sim.ApiClient.list;
import static io.chainrule.examples.sim.ApiClient.number;
import static io.chainrule.examples.sim.ApiClient.numbers;
import static io.chainrule.examples.sim.ApiClient.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.examples.sim.ApiClient.Reply;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JSON API of docs/SIMULATIONS.md, over loopback: what it answers, what it refuses, and two clients at once. */
@Timeout(120)
class SimApiTest {
    static SimServer server;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        server = SimServer.start(InetAddress.getLoopbackAddress(), 0);
        api = new ApiClient(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void servesBothPagesWithScriptAndStyleInside() throws Exception {
        for (String page : List.of("", "activations.html", "backprop.html")) {
            Reply r = api.get(page);
            assertEquals(200, r.status(), page);
            assertEquals("text/html; charset=utf-8", r.contentType());
            assertTrue(r.body().contains("<style>") && r.body().contains("window.CHAINRULE_DATA = null;"), page);
            assertFalse(r.body().contains("<script src") || r.body().contains("<link rel=\"stylesheet\""), page);
        }
        Reply head = api.send("HEAD", "backprop.html", null);
        assertEquals(200, head.status());
        assertEquals("", head.body());
    }

    @Test
    void activationDerivativesAreAutodiffsOnTheGrid() throws Exception {
        Map<String, Object> table = api.get("api/activations").json();
        double[] x = numbers(table.get("x"));
        assertEquals(ActivationTable.POINTS, x.length);
        for (Object o : list(table.get("functions"))) {
            Map<String, Object> f = object(o);
            double[] df = numbers(f.get("df"));
            for (int i = 0; i < x.length; i++) {
                double expected = switch ((String) f.get("name")) {
                    case "sigmoid" -> sigmoid(x[i]) * (1 - sigmoid(x[i]));
                    case "tanh" -> 1 - Math.tanh(x[i]) * Math.tanh(x[i]);
                    case "relu" -> x[i] > 0 ? 1 : 0;
                    default -> df[i];
                };
                assertEquals(expected, df[i], 2e-6, f.get("name") + "'(" + x[i] + ")");
            }
        }
        Map<String, Object> sigmoid = object(list(table.get("functions")).get(2));
        double factor = number(sigmoid.get("typicalFactor"));
        assertTrue(factor > 0.2 && factor < 0.25, "sigmoid's mean derivative over N(0, 1): " + factor);
        assertEquals(Math.pow(factor, 10), numbers(sigmoid.get("depthProduct"))[9], Math.pow(factor, 10) * 1e-4);
        double lastFlat = x[0];
        for (double v : x) {
            lastFlat = v < 0 && sigmoid(v) * (1 - sigmoid(v)) < ActivationTable.SATURATED ? v : lastFlat;
        }
        assertArrayEquals(new double[] {x[0], lastFlat}, numbers(list(sigmoid.get("saturated")).get(0)),
                "where sigmoid' < 0.05");

        Map<String, Object> leaky = object(api.get("api/activations/leaky_relu?slope=0.2").json().get("function"));
        assertEquals(0.2, numbers(leaky.get("df"))[0], 1e-7);
        assertEquals(1.0, numbers(leaky.get("df"))[ActivationTable.POINTS - 1]);
    }

    @Test
    void aSessionTrainsKeepsItsStateAndRecompilesOnEveryChange() throws Exception {
        Reply created = api.post("api/sessions", "{\"dataset\": \"circles\", \"activation\": \"relu\", \"width\": 6}");
        assertEquals(201, created.status(), created.body());
        Map<String, Object> s = created.json();
        String id = (String) s.get("id");
        assertEquals(Map.of("dataset", "circles", "depth", 2L, "width", 6L, "activation", "relu", "learningRate", 0.03,
                "batchSize", 10L, "seed", 1L), s.get("config"));
        assertEquals(List.of(2L, 6L, 6L, 2L), s.get("layers"));
        assertEquals(false, object(s.get("compile")).get("reused"));
        double before = number(s.get("loss"));

        Map<String, Object> trained = api.post("api/sessions/" + id + "/train", "{\"epochs\": 20}").json();
        assertEquals(20L, trained.get("epoch"));
        assertEquals(20L * 20, trained.get("steps"));
        assertTrue(number(trained.get("loss")) < before / 2, before + " -> " + trained.get("loss"));
        double[] curve = numbers(object(trained.get("lossCurve")).get("values"));
        assertEquals(21, curve.length);
        assertEquals(before, curve[0], 1e-4);
        assertNotEquals(object(s.get("boundary")).get("q"), object(trained.get("boundary")).get("q"));
        assertEquals(trained, api.get("api/sessions/" + id).json(), "the state is the server's, unchanged by reading");

        // a new learning rate: another training step, compiled; the weights train on
        Map<String, Object> faster = api.post("api/sessions/" + id + "/config", "{\"learningRate\": 0.1}").json();
        assertEquals(false, object(faster.get("compile")).get("reused"));
        assertEquals(20L, faster.get("epoch"));
        assertEquals(trained.get("weights"), faster.get("weights"));
        // another activation: a new network from fresh weights
        Map<String, Object> sigmoid = api.post("api/sessions/" + id + "/config", "{\"activation\": \"sigmoid\"}")
                .json();
        assertEquals(0L, sigmoid.get("epoch"));
        assertEquals("sigmoid", object(sigmoid.get("config")).get("activation"));
        Reply plan = api.get("api/sessions/" + id + "/plan");
        assertEquals("text/plain; charset=utf-8", plan.contentType());
        assertTrue(plan.body().startsWith("chainrule: the training step of a 2-6-6-2 sigmoid network on circles, "
                + "Adam lr 0.1, batches of 10\n\nkernel plan for backprop_flow_train: "), plan.body());
        assertTrue(plan.body().contains("sigmoid") && plan.body().contains("adam fc1.weight"), plan.body());
    }

    /**
     * With a batch of one, the step's numbers are the lesson's backprop for one example: delta at the output is
     * p - y, delta_j = tanh'(a_j) sum_i w_ij delta_i, dL/dw_jk = delta_j h_k, dL/db_j = delta_j; then Adam moves the
     * weights.
     */
    @Test
    void aSlowStepIsTheLessonsBackpropFormula() throws Exception {
        String id = (String) api.post("api/sessions", "{\"batchSize\": 1, \"depth\": 2, \"width\": 3}").json()
                .get("id");
        api.post("api/sessions/" + id + "/train", "{\"epochs\": 1}");
        Map<String, Object> step = api.post("api/sessions/" + id + "/step", "").json();
        List<double[]> act = rows(step.get("activations"));
        List<double[]> pre = rows(step.get("preActivations"));
        List<double[]> delta = rows(step.get("deltas"));
        double[] p = act.get(3);
        int label = ((Long) step.get("label")).intValue();
        // the page's numbers have 4 significant digits: tolerances allow for that rounding
        for (int c = 0; c < 2; c++) {
            assertEquals(p[c] - (c == label ? 1 : 0), delta.get(2)[c], 1e-4);
        }
        for (int l = 1; l >= 0; l--) {
            double[][] next = matrix(list(step.get("weights")).get(l + 1));
            for (int j = 0; j < 3; j++) {
                double back = 0;
                double scale = 0;
                for (int i = 0; i < next.length; i++) {
                    back += next[i][j] * delta.get(l + 1)[i];
                    scale += Math.abs(next[i][j] * delta.get(l + 1)[i]);
                }
                double tanhDerivative = 1 - Math.tanh(pre.get(l)[j]) * Math.tanh(pre.get(l)[j]);
                assertEquals(tanhDerivative * back, delta.get(l)[j], 3e-3 * scale + 1e-9, "delta " + l + j);
            }
        }
        for (int l = 0; l < 3; l++) {
            double[][] grad = matrix(list(step.get("weightGradients")).get(l));
            double[] biasGrad = numbers(list(step.get("biasGradients")).get(l));
            for (int j = 0; j < grad.length; j++) {
                assertEquals(delta.get(l)[j], biasGrad[j], 1e-3 * Math.abs(biasGrad[j]) + 1e-9);
                for (int k = 0; k < grad[j].length; k++) {
                    assertEquals(delta.get(l)[j] * act.get(l)[k], grad[j][k], 2e-3 * Math.abs(grad[j][k]) + 1e-9);
                }
            }
        }
        Map<String, Object> after = object(step.get("state"));
        assertEquals(201L, after.get("steps"), "200 steps of the epoch and this one");
        assertNotEquals(step.get("weights"), after.get("weights"), "the step moved the weights");
    }

    @Test
    void badRequestsAreRefusedWithAMessageAndTheServerGoesOn() throws Exception {
        String id = (String) api.post("api/sessions", "{}").json().get("id");
        String config = "api/sessions/" + id + "/config";
        String fields = "expected activation, batchSize, dataset, depth, learningRate, seed, width";
        refused(400, "POST", "api/sessions", "{\"activation\": \"softplus\"}",
                "unknown activation 'softplus': expected one of relu, leaky_relu, sigmoid, tanh, swish, gelu");
        refused(400, "POST", config, "{\"width\": 0}", "field 'width' is 0: expected a whole number from 1 to 8");
        refused(400, "POST", config, "{\"width\": 10000}",
                "field 'width' is 10000: expected a whole number from 1 to 8");
        refused(400, "POST", config, "{\"width\": 2.5}", "field 'width' is 2.5: expected a whole number from 1 to 8");
        refused(400, "POST", config, "{\"width\": \"4\"}", "field 'width' must be a number, got the string \"4\"");
        refused(400, "POST", config, "{\"depth\": 7}", "field 'depth' is 7: expected a whole number from 1 to 6");
        refused(400, "POST", config, "{\"batchSize\": 201}",
                "field 'batchSize' is 201: expected a whole number from 1 to 200");
        refused(400, "POST", config, "{\"learningRate\": 0}",
                "field 'learningRate' is 0: expected a number above 0 and at most 1");
        refused(400, "POST", config, "{\"dataset\": \"moons\"}",
                "unknown dataset 'moons': expected one of xor, circles, spirals, blobs");
        refused(400, "POST", config, "{\"colour\": 1}", "unknown field 'colour': " + fields);
        refused(400, "POST", config, "{\"width\": 4", "malformed JSON body at character 12: expected ',' or '}', "
                + "found the end of the body");
        refused(400, "POST", config, "width=4", "malformed JSON body at character 1: expected a JSON object '{', "
                + "found 'width=4'");
        refused(400, "POST", config, "{\"width\": 4}}", "malformed JSON body at character 13: expected the end of "
                + "the body after the object, found '}'");
        refused(400, "POST", config, "{\"width\": [4]}", "malformed JSON body at character 11: field 'width' must "
                + "be a string, a number or a boolean, not an object or array");
        refused(400, "POST", config, "{\"width\": 4, \"width\": 5}",
                "malformed JSON body at character 14: field 'width' given twice");
        refused(400, "POST", "api/sessions/" + id + "/train", "{\"epochs\": 1000}",
                "field 'epochs' is 1000: expected a whole number from 1 to 100");
        refused(400, "POST", "api/sessions/" + id + "/step", "{\"fast\": true}",
                "unknown field 'fast': this request takes none");
        refused(413, "POST", config, "{\"seed\": 1" + " ".repeat(70_000) + "}",
                "request body over 65536 bytes: a request holds a few fields");
        refused(400, "GET", "api/activations/softplus", null,
                "unknown activation 'softplus': expected one of relu, leaky_relu, sigmoid, tanh, swish, gelu");
        refused(400, "GET", "api/activations/leaky_relu?slope=2", null,
                "query parameter 'slope' is '2': expected a number from 0 to 1");
        refused(400, "GET", "api/activations/leaky_relu?slope=steep", null,
                "query parameter 'slope' is 'steep': expected a number from 0 to 1");
        refused(404, "GET", "api/sessions/0123", null, "no session '0123' (sessions end when the server restarts or "
                + "after 32 newer ones): create one with POST /api/sessions");
        refused(404, "GET", "api/sessions/" + id + "/weights", null, "no API path /api/sessions/" + id + "/weights: "
                + "expected ID/config, ID/train, ID/step or ID/plan");
        refused(404, "GET", "admin", null, "no page /admin: the simulations are /activations.html and "
                + "/backprop.html, the API under /api/ (docs/SIMULATIONS.md)");
        Reply wrongMethod = refused(405, "GET", "api/sessions", null, "method GET is not allowed here: use POST");
        assertEquals("POST", wrongMethod.allow());
        refused(405, "DELETE", "api/sessions/" + id, null, "method DELETE is not allowed here: use GET");
        // nothing refused changed the session, and the server still answers; a field given as null is not given
        Reply still = api.post(config, "{\"activation\": null, \"dataset\": null, \"width\": null}");
        assertEquals(200, still.status(), still.body());
        assertEquals(Map.of("dataset", "xor", "depth", 2L, "width", 4L, "activation", "tanh", "learningRate", 0.03,
                "batchSize", 10L, "seed", 1L), still.json().get("config"));
    }

    /** Two clients train two sessions at the same time; each gets exactly what it would have got alone. */
    @Test
    void twoClientsTrainTwoSessionsAtOnce() throws Exception {
        String[] configs = {"{\"dataset\": \"spirals\", \"activation\": \"tanh\", \"depth\": 3}",
            "{\"dataset\": \"blobs\", \"activation\": \"relu\", \"batchSize\": 20}"};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch together = new CountDownLatch(2);
        try {
            List<Future<Map<String, Object>>> results = new java.util.ArrayList<>();
            for (String config : configs) {
                ApiClient own = new ApiClient(server.uri());
                Callable<Map<String, Object>> client = () -> {
                    String id = (String) own.post("api/sessions", config).json().get("id");
                    together.countDown();
                    together.await();
                    Map<String, Object> last = null;
                    for (int i = 0; i < 6; i++) {
                        Reply r = own.post("api/sessions/" + id + "/train", "{\"epochs\": 5}");
                        assertEquals(200, r.status(), r.body());
                        last = r.json();
                        assertEquals(id, last.get("id"));
                    }
                    return last;
                };
                results.add(pool.submit(client));
            }
            for (int c = 0; c < 2; c++) {
                Map<String, Object> concurrent = results.get(c).get();
                assertEquals(30L, concurrent.get("epoch"));
                String alone = (String) api.post("api/sessions", configs[c]).json().get("id");
                Map<String, Object> sequential = api.post("api/sessions/" + alone + "/train", "{\"epochs\": 30}")
                        .json();
                assertEquals(sequential.get("weights"), concurrent.get("weights"), configs[c]);
                assertEquals(sequential.get("loss"), concurrent.get("loss"), configs[c]);
            }
            assertNotEquals(results.get(0).get().get("id"), results.get(1).get().get("id"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Reply refused(int status, String method, String path, String body, String message)
            throws Exception {
        Reply r = api.send(method, path, body);
        assertEquals(status, r.status(), method + " " + path + " " + body + ": " + r.body());
        assertEquals(Answer.JSON, r.contentType());
        assertEquals(message, r.error());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
        return r;
    }

    private static List<double[]> rows(Object o) {
        return list(o).stream().map(ApiClient::numbers).toList();
    }

    private static double[][] matrix(Object o) {
        return rows(o).toArray(double[][]::new);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
