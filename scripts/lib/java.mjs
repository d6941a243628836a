// The Java the JVM-based gates need (apex-ls, PMD, Salesforce Graph Engine): found on PATH, 11 or newer.
import { spawnSync } from 'node:child_process';

/** Major version of the `java` on PATH, or 0 when there is none. */
export function javaMajorVersion() {
    const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
    // `java -version` prints to stderr: `openjdk version "17.0.15"`, or `"1.8.0_392"` up to Java 8.
    const match = /version "(?:1\.)?(\d+)/.exec(result.stderr ?? '');
    return result.status === 0 && match ? Number(match[1]) : 0;
}

/** Exits with one sentence on stderr when there is no Java 11+ on PATH. */
export function requireJava(gate) {
    if (javaMajorVersion() < 11) {
        console.error(
            `${gate} needs Java 11 or newer on PATH (for example: apt-get install -y openjdk-17-jre-headless).`
        );
        process.exit(1);
    }
}
