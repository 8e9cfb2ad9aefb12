package io.neuroedge.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a shipped module's runtime dependencies (the list {@code maven-dependency-plugin:list} writes
 * to {@code target/runtime-dependencies.txt}) against the repository's list of known-vulnerable
 * artifacts ({@code security/vulnerable-dependencies.txt}) and, for the board jar, an allow-list.
 */
public final class DependencyPolicy {

    /** One resolved artifact. */
    public record Artifact(String group, String artifact, String version) {
        public String key() {
            return group + ":" + artifact;
        }

        @Override
        public String toString() {
            return key() + ":" + version;
        }
    }

    /** One entry of the vulnerable list: artifact (artifact may be {@code *}), affected range, advisory. */
    public record Vulnerability(String group, String artifact, VersionRange affected, String advisory) {
        boolean matches(Artifact a) {
            return group.equals(a.group()) && (artifact.equals("*") || artifact.equals(a.artifact()))
                    && affected.contains(a.version());
        }
    }

    private DependencyPolicy() {
    }

    /** Reads the list the dependency plugin wrote; fails loudly if the build did not write it. */
    public static List<Artifact> resolved(Path listFile) {
        if (!Files.isRegularFile(listFile)) {
            throw new IllegalStateException(listFile.toAbsolutePath() + " is missing: the build's "
                    + "maven-dependency-plugin 'runtime-dependency-list' execution writes it");
        }
        List<Artifact> out = new ArrayList<>();
        for (String line : lines(listFile)) {
            String t = line.strip();
            // "group:artifact:type[:classifier]:version:scope -- module ..."
            int dash = t.indexOf(" -- ");
            if (dash >= 0) {
                t = t.substring(0, dash).strip();
            }
            String[] f = t.split(":");
            if (f.length < 5 || t.contains(" ")) {
                continue; // the plugin's heading and blank lines
            }
            out.add(new Artifact(f[0], f[1], f[f.length - 2]));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(listFile + " lists no artifacts");
        }
        return out;
    }

    /** Reads {@code group:artifact range advisory...} lines; {@code #} starts a comment. */
    public static List<Vulnerability> vulnerabilities(Path file) {
        List<Vulnerability> out = new ArrayList<>();
        int n = 0;
        for (String line : lines(file)) {
            n++;
            String t = line.replaceFirst("#.*", "").strip();
            if (t.isEmpty()) {
                continue;
            }
            String[] f = t.split("\\s+", 3);
            String[] ga = f[0].split(":");
            if (f.length < 3 || ga.length != 2) {
                throw new IllegalArgumentException(file + " line " + n + ": expected 'group:artifact RANGE ADVISORY'");
            }
            out.add(new Vulnerability(ga[0], ga[1], VersionRange.parse(f[1]), f[2]));
        }
        return out;
    }

    /** {@code group:artifact} per line; {@code #} starts a comment. */
    public static Set<String> allowList(Path file) {
        Set<String> out = new TreeSet<>();
        for (String line : lines(file)) {
            String t = line.replaceFirst("#.*", "").strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** One line per resolved artifact that falls in a vulnerable range. */
    public static List<String> vulnerable(List<Artifact> resolved, List<Vulnerability> known) {
        List<String> hits = new ArrayList<>();
        for (Artifact a : resolved) {
            for (Vulnerability v : known) {
                if (v.matches(a)) {
                    hits.add(a + " is affected by " + v.advisory());
                }
            }
        }
        return hits;
    }

    /** The repository root: surefire runs each module's tests in the module's directory. */
    public static Path repositoryFile(String relative) {
        Path p = Path.of("..").resolve(relative).normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p.toAbsolutePath() + " is missing");
        }
        return p;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
