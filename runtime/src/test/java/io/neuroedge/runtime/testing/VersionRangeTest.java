package io.neuroedge.runtime.testing;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionRangeTest {

    @Test
    void shouldCompareBoundsNumerically() {
        VersionRange r = VersionRange.parse("[4.1.91,4.1.118)");
        assertTrue(r.contains("4.1.91.Final"));
        assertTrue(r.contains("4.1.117.Final"));
        assertFalse(r.contains("4.1.118.Final"));
        assertFalse(r.contains("4.1.9"));
        assertFalse(r.contains("4.2.18.Final"));
        assertTrue(VersionRange.parse("(,1.8.1)").contains("1.8.0"));
        assertFalse(VersionRange.parse("(,1.8.1)").contains("1.8.1"));
        assertTrue(VersionRange.parse("(,1.8.1]").contains("1.8.1"));
        assertTrue(VersionRange.parse("*").contains("0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> VersionRange.parse("1.0"));
    }

    @Test
    void shouldFlagAVulnerableArtifactFromTheListFormat(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path list = dir.resolve("runtime-dependencies.txt");
        Files.writeString(list, """
                The following files have been resolved:
                   org.lz4:lz4-java:jar:1.8.0:runtime -- module org.lz4.java [auto]
                   io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.2.18.Final:runtime -- module x
                """);
        Path vulns = dir.resolve("v.txt");
        Files.writeString(vulns, "# c\norg.lz4:lz4-java  *  CVE-2025-12183\nio.netty:*  [4.2.0,4.2.4)  X\n");
        var resolved = DependencyPolicy.resolved(list);
        assertEquals("io.netty:netty-transport-native-epoll:4.2.18.Final", resolved.get(1).toString());
        assertEquals(List.of("org.lz4:lz4-java:1.8.0 is affected by CVE-2025-12183"),
                DependencyPolicy.vulnerable(resolved, DependencyPolicy.vulnerabilities(vulns)));
    }
}
