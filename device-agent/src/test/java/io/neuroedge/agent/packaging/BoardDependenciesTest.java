package io.neuroedge.agent.packaging;

import io.neuroedge.runtime.testing.DependencyPolicy;
import io.neuroedge.runtime.testing.DependencyPolicy.Artifact;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the board jar carries: only what board-dependencies.txt allows, nothing with a known advisory. */
class BoardDependenciesTest {

    private final List<Artifact> resolved = DependencyPolicy.resolved(Path.of("target/runtime-dependencies.txt"));

    @Test
    void shouldCarryExactlyTheAllowedArtifacts() {
        Set<String> allowed = DependencyPolicy.allowList(Path.of("board-dependencies.txt"));
        Set<String> actual = new TreeSet<>();
        resolved.forEach(a -> actual.add(a.key()));
        Set<String> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(allowed);
        Set<String> unused = new TreeSet<>(allowed);
        unused.removeAll(actual);
        assertEquals(Set.of(), unexpected, "artifacts in the board jar that board-dependencies.txt does not allow");
        assertEquals(Set.of(), unused, "board-dependencies.txt allows artifacts the board jar no longer has");
    }

    @Test
    void shouldCarryNothingWithAKnownVulnerability() {
        var known = DependencyPolicy.vulnerabilities(DependencyPolicy.repositoryFile("security/vulnerable-dependencies.txt"));
        assertTrue(known.size() >= 5, "the vulnerable list was read");
        assertEquals(List.of(), DependencyPolicy.vulnerable(resolved, known));
    }

    @Test
    void shouldNotCarryWhatTheBoardNeverUses() {
        // the three the hostile review found: SSH for Pi4J's remote files, the nano protobuf runtime,
        // and a logger binding that swallowed the reasons libraries give
        for (Artifact a : resolved) {
            assertTrue(!a.group().equals("com.jcraft") && !a.group().equals("com.google.protobuf.nano")
                    && !a.artifact().equals("slf4j-nop"), a + " is in the board jar");
        }
    }
}
