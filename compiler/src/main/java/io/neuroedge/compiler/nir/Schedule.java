package io.neuroedge.compiler.nir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Evaluation order of a flat graph. An edge {@code u -> v} into a stateful node {@code v} from which
 * {@code u} is reachable closes a cycle: it is recurrence and carries the previous step's value, so it
 * is left out of the ordering. Whatever cycle remains has no stateful node and is rejected.
 *
 * @param order     nodes in a topological order of the non-recurrent edges (ties by file order)
 * @param recurrent the edges that carry a one-step delay
 */
record Schedule(List<String> order, Set<NirGraph.Edge> recurrent) {

    Schedule {
        order = List.copyOf(order);
        recurrent = Collections.unmodifiableSet(new LinkedHashSet<>(recurrent));
    }

    static Schedule of(NirGraph flat) throws NirFormatException {
        Map<String, List<String>> succ = new HashMap<>();
        flat.nodes().keySet().forEach(n -> succ.put(n, new ArrayList<>()));
        flat.edges().forEach(e -> succ.get(e.source()).add(e.target()));

        Set<NirGraph.Edge> recurrent = new LinkedHashSet<>();
        for (NirGraph.Edge e : flat.edges()) {
            if (flat.nodes().get(e.target()).isStateful() && reaches(succ, e.target(), e.source())) {
                recurrent.add(e);
            }
        }

        List<String> names = new ArrayList<>(flat.nodes().keySet());
        Map<String, Integer> indegree = new HashMap<>();
        names.forEach(n -> indegree.put(n, 0));
        List<NirGraph.Edge> forward = flat.edges().stream().filter(e -> !recurrent.contains(e)).toList();
        forward.forEach(e -> indegree.merge(e.target(), 1, Integer::sum));

        PriorityQueue<String> ready = new PriorityQueue<>((a, b) -> names.indexOf(a) - names.indexOf(b));
        names.stream().filter(n -> indegree.get(n) == 0).forEach(ready::add);
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String n = ready.poll();
            order.add(n);
            for (NirGraph.Edge e : forward) {
                if (e.source().equals(n) && indegree.merge(e.target(), -1, Integer::sum) == 0) {
                    ready.add(e.target());
                }
            }
        }
        if (order.size() < names.size()) {
            throw new NirFormatException("cycle without a neuron: " + describeCycle(forward, new HashSet<>(order))
                    + " (an algebraic loop; a cycle must pass through a neuron or Delay node)");
        }
        return new Schedule(order, recurrent);
    }

    private static boolean reaches(Map<String, List<String>> succ, String from, String to) {
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            for (String next : succ.get(todo.pop())) {
                if (next.equals(to)) {
                    return true;
                }
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return false;
    }

    // Every unscheduled node has an unscheduled predecessor, so walking predecessors must revisit one.
    private static String describeCycle(List<NirGraph.Edge> forward, Set<String> scheduled) {
        String start = forward.stream().map(NirGraph.Edge::target).filter(n -> !scheduled.contains(n))
                .findFirst().orElseThrow();
        List<String> path = new ArrayList<>();
        String n = start;
        while (!path.contains(n)) {
            path.add(n);
            String current = n;
            n = forward.stream().filter(e -> e.target().equals(current) && !scheduled.contains(e.source()))
                    .map(NirGraph.Edge::source).findFirst().orElseThrow();
        }
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(n), path.size()));
        Collections.reverse(cycle);
        cycle.add(cycle.getFirst());
        return String.join(" -> ", cycle);
    }
}
