package io.chainrule.examples.sim;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's training sessions by id, the least recently used closed past {@value #MAX}: each holds a model and
 * compiled steps, and a page left open somewhere should not keep memory forever. An id is 128 random bits, so one
 * learner cannot guess another's.
 */
final class Sessions implements AutoCloseable {
    static final int MAX = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, TrainingSession> byId = new LinkedHashMap<>(16, 0.75f, true);

    /** A new session, trained on nothing yet; built outside the lock, since it compiles. */
    TrainingSession create(NetworkConfig config) {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        TrainingSession s = new TrainingSession(HexFormat.of().formatHex(bits), config);
        synchronized (byId) {
            byId.put(s.id(), s);
            Iterator<TrainingSession> oldest = byId.values().iterator();
            while (byId.size() > MAX) {
                oldest.next().close();
                oldest.remove();
            }
        }
        return s;
    }

    TrainingSession get(String id) {
        synchronized (byId) {
            TrainingSession s = byId.get(id);
            if (s == null) {
                throw HttpFailure.notFound("no session '" + id + "' (sessions end when the server restarts or after "
                        + MAX + " newer ones): create one with POST /api/sessions");
            }
            return s;
        }
    }

    @Override
    public void close() {
        synchronized (byId) {
            byId.values().forEach(TrainingSession::close);
            byId.clear();
        }
    }
}
