package org.arxivpipeline.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .run/secrets.properties: made owner-only with distinct random passwords, and the same from then on. */
class SecretsTest {

    private static final List<String> NAMES = List.of("postgres", "arxiv_owner", "arxiv_rw", "arxiv_ro", "arxiv_sequence", "arxiv_pacing",
            "arxiv_watches");

    @Test
    void theFirstStartMakesAnOwnerOnlyFileWithDistinctRandomPasswords(@TempDir Path run) throws Exception {
        Path file = run.resolve("secrets.properties");
        Secrets secrets = Secrets.loadOrCreate(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of("secrets.properties"), list(run), "no temporary file left");
        Set<String> values = new HashSet<>();
        for (String name : NAMES) {
            String password = secrets.password(name);
            assertTrue(password.matches("[A-Za-z0-9_-]{32}"), name + ": 32 URL-safe characters");
            assertNotEquals(name, password);
            values.add(password);
        }
        assertEquals(NAMES.size(), values.size(), "every password its own");
        assertEquals(stored(file).stringPropertyNames(), Set.copyOf(NAMES));
        assertTrue(!secrets.toString().contains(secrets.password("arxiv_rw")), "toString shows no value");

        Secrets otherInstallation = Secrets.loadOrCreate(run.resolve("elsewhere.properties"));
        for (String name : NAMES) {
            assertNotEquals(secrets.password(name), otherInstallation.password(name), name + " differs between installations");
        }
    }

    @Test
    void theNextStartReusesTheFileAsItIs(@TempDir Path run) throws Exception {
        Path file = run.resolve("secrets.properties");
        Secrets first = Secrets.loadOrCreate(file);
        String written = Files.readString(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        Secrets second = Secrets.loadOrCreate(file);
        for (String name : NAMES) {
            assertEquals(first.password(name), second.password(name), name);
        }
        assertEquals(written, Files.readString(file));
        assertEquals(modified, Files.getLastModifiedTime(file).toMillis(), "not written again");
    }

    /** A role of a later release gets a password at the next start; the others keep theirs; an edited value is taken. */
    @Test
    void aMissingRoleIsAddedAndAnEditedPasswordIsKept(@TempDir Path run) throws Exception {
        Path file = run.resolve("secrets.properties");
        Files.writeString(file, "postgres=chosen-by-hand\narxiv_rw=edited\n", java.nio.charset.StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Secrets secrets = Secrets.loadOrCreate(file);
        assertEquals("chosen-by-hand", secrets.password("postgres"));
        assertEquals("edited", secrets.password("arxiv_rw"));
        assertEquals(32, secrets.password("arxiv_watches").length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "rewritten owner-only");
        assertEquals(secrets.password("arxiv_watches"), stored(file).getProperty("arxiv_watches"));
        assertEquals(Map.of("ARXIV_OWNER_PASSWORD", secrets.password("arxiv_owner"), "ARXIV_RW_PASSWORD", "edited",
                "ARXIV_RO_PASSWORD", secrets.password("arxiv_ro"), "ARXIV_SEQUENCE_PASSWORD", secrets.password("arxiv_sequence"),
                "ARXIV_PACING_PASSWORD", secrets.password("arxiv_pacing"), "ARXIV_WATCHES_PASSWORD", secrets.password("arxiv_watches")),
                secrets.bootstrapEnvironment(), "db/ reads the roles' passwords, never the superuser's");
    }

    @Test
    void aFileOthersMayReadIsRefused(@TempDir Path run) throws Exception {
        Path file = run.resolve("secrets.properties");
        Secrets.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Secrets.loadOrCreate(file));
        assertTrue(refused.getMessage().contains("chmod 600"), refused.getMessage());
    }

    private static Properties stored(Path file) throws Exception {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static List<String> list(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
