package io.neuroedge.host.packaging;

import io.neuroedge.runtime.testing.DependencyPolicy;
import io.neuroedge.runtime.testing.DependencyPolicy.Artifact;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI jar carries nothing in security/vulnerable-dependencies.txt (jHDF's LZ4 comes from the fork). */
class CliDependenciesTest {

    @Test
    void shouldCarryNothingWithAKnownVulnerability() {
        List<Artifact> resolved = DependencyPolicy.resolved(Path.of("target/runtime-dependencies.txt"));
        var known = DependencyPolicy.vulnerabilities(DependencyPolicy.repositoryFile("security/vulnerable-dependencies.txt"));
        assertEquals(List.of(), DependencyPolicy.vulnerable(resolved, known));
        assertTrue(resolved.stream().anyMatch(a -> a.key().equals("at.yawk.lz4:lz4-java")),
                "jHDF's LZ4 filter needs an lz4-java: the maintained fork");
    }
}
