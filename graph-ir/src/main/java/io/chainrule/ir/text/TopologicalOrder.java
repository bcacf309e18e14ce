package io.chainrule.ir.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Collectors;

/**
 * Orders node lines so that every node follows its inputs. Among nodes ready at the same time the smallest id comes
 * first, so a file whose ids are already topological (as the printer writes them) keeps its order.
 */
final class TopologicalOrder {
    private TopologicalOrder() {
    }

    /** @param byId every node, each of whose inputs is a key */
    static List<NodeDecl> of(Map<Integer, NodeDecl> byId) {
        Map<Integer, Integer> waiting = new HashMap<>();
        Map<Integer, List<Integer>> consumers = new HashMap<>();
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (NodeDecl d : byId.values()) {
            waiting.put(d.id().id(), d.inputs().size());
            for (Ref in : d.inputs()) {
                consumers.computeIfAbsent(in.id(), k -> new ArrayList<>()).add(d.id().id());
            }
            if (d.inputs().isEmpty()) {
                ready.add(d.id().id());
            }
        }
        List<NodeDecl> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            int id = ready.poll();
            order.add(byId.get(id));
            for (int consumer : consumers.getOrDefault(id, List.of())) {
                if (waiting.merge(consumer, -1, Integer::sum) == 0) {
                    ready.add(consumer);
                }
            }
        }
        if (order.size() < byId.size()) {
            throw cycle(byId, waiting);
        }
        return order;
    }

    /**
     * Every node left unplaced waits on an unplaced input, so walking from one to such an input must come back to a
     * node already seen: the nodes since then form a cycle. It is reported in data-flow order from its smallest id,
     * each node feeding the next, at the reference that closes it.
     */
    private static GraphParseException cycle(Map<Integer, NodeDecl> byId, Map<Integer, Integer> waiting) {
        List<Integer> walk = new ArrayList<>();
        int id = waiting.entrySet().stream().filter(e -> e.getValue() > 0).mapToInt(Map.Entry::getKey).min()
                .orElseThrow();
        while (!walk.contains(id)) {
            walk.add(id);
            id = blockedInput(byId.get(id), waiting).id();
        }
        List<Integer> loop = new ArrayList<>(walk.subList(walk.indexOf(id), walk.size()));
        int smallest = loop.indexOf(loop.stream().min(Integer::compare).orElseThrow());
        Collections.rotate(loop, -smallest);
        NodeDecl first = byId.get(loop.get(0));
        Ref closing = blockedInput(first, waiting);
        List<Integer> flow = new ArrayList<>(loop.subList(1, loop.size()));
        Collections.reverse(flow);
        flow.add(0, loop.get(0));
        flow.add(loop.get(0));
        return GraphParseException.at(closing.token(),
                "cycle: " + flow.stream().map(i -> "%" + i).collect(Collectors.joining(" -> ")));
    }

    private static Ref blockedInput(NodeDecl d, Map<Integer, Integer> waiting) {
        return d.inputs().stream().filter(in -> waiting.get(in.id()) > 0).findFirst().orElseThrow();
    }
}
