package org.arxivpipeline.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.arxivpipeline.dbtools.Passwords;

/**
 * The passwords of one installation of {@code ./run.sh}: {@code .run/secrets.properties}, made on the
 * first start with a random password (32 URL-safe characters from {@code SecureRandom}) for the local
 * cluster's superuser and for every role of {@code db/}, and read from then on. The file is created
 * owner-only (0600) from the start, never made readable and tightened afterwards; one that the group or
 * others may read or write is refused, as ssh refuses such a key. A role added by a later release gets
 * its password on the next start; a password edited in the file takes effect at the next start (the
 * bootstrap sets every role's password again).
 */
final class Secrets {

    /** The superuser of the local cluster. */
    static final String SUPERUSER = "postgres";
    /** The roles of {@code db/00_roles.sql}: the schema owner first, then the runtime roles. */
    static final List<String> ROLES = List.of("arxiv_owner", "arxiv_rw", "arxiv_ro", "arxiv_sequence", "arxiv_pacing", "arxiv_watches");

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final String HEADER = """
             arxiv-pipeline: the passwords of this ./run.sh installation (its embedded PostgreSQL: superuser
             postgres and the roles of db/). Made at the first start, owner-only; keep it so. A value changed here
             takes effect at the next start.""";

    private final Path file;
    private final Map<String, String> passwords;

    private Secrets(Path file, Map<String, String> passwords) {
        this.file = file;
        this.passwords = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
    }

    /** The secrets in {@code file}, which is made (0600) when missing and completed when a role is missing from it. */
    static Secrets loadOrCreate(Path file) {
        Properties stored = new Properties();
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            refuseIfOthersMayReadOrWrite(file);
            try {
                stored.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        // the superuser, the owner, the runtime roles, then whatever else the file holds
        Map<String, String> passwords = new LinkedHashMap<>();
        boolean added = false;
        for (String name : names()) {
            String value = stored.getProperty(name, "").strip();
            if (value.isEmpty()) {
                value = Passwords.random();
                added = true;
            }
            passwords.put(name, value);
        }
        stored.stringPropertyNames().stream().sorted().forEach(name -> passwords.putIfAbsent(name, stored.getProperty(name)));
        if (added) {
            write(file, passwords);
        }
        return new Secrets(file, passwords);
    }

    /** The password of {@code role} (or of {@link #SUPERUSER}). */
    String password(String role) {
        String password = passwords.get(role);
        if (password == null) {
            throw new IllegalArgumentException("No password for " + role + " in " + file);
        }
        return password;
    }

    /** role → password, for the service plan. */
    Map<String, String> rolePasswords() {
        Map<String, String> roles = new LinkedHashMap<>();
        ROLES.forEach(role -> roles.put(role, password(role)));
        return roles;
    }

    /** What {@code db/} reads with {@code \getenv}: {@code ARXIV_<ROLE>_PASSWORD} of every role, and nothing else. */
    Map<String, String> bootstrapEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        ROLES.forEach(role -> environment.put(environmentName(role), password(role)));
        return environment;
    }

    /** {@code ARXIV_RW_PASSWORD} for {@code arxiv_rw}: the contract's name of a role's password. */
    static String environmentName(String role) {
        return role.toUpperCase(Locale.ROOT) + "_PASSWORD";
    }

    Path file() {
        return file;
    }

    /** Never the values. */
    @Override
    public String toString() {
        return "Secrets[" + file + ": " + String.join(", ", passwords.keySet()) + "]";
    }

    private static List<String> names() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(SUPERUSER), ROLES.stream()).toList();
    }

    private static void refuseIfOthersMayReadOrWrite(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException notPosix) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the permissions of " + file, e);
        }
        if (!OWNER_ONLY.containsAll(permissions) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException(file + " may be read or written by others (" + PosixFilePermissions.toString(permissions)
                    + "): its passwords may be known. Make it owner-only (chmod 600) if nobody else could have read it, "
                    + "or remove it to have new passwords made at the next start");
        }
    }

    /**
     * Writes the file whole: into a new sibling created 0600 (the permissions are given at creation, so no
     * moment exists in which the passwords are readable by others), then moved over the file at once.
     */
    private static void write(Path file, Map<String, String> passwords) {
        Properties properties = new Properties() {
            @Override
            public synchronized java.util.Set<Map.Entry<Object, Object>> entrySet() {
                // in the file, the names in their order (superuser, owner, runtime roles)
                java.util.Set<Map.Entry<Object, Object>> ordered = new java.util.LinkedHashSet<>();
                passwords.forEach((name, value) -> ordered.add(Map.entry(name, value)));
                return ordered;
            }
        };
        passwords.forEach(properties::setProperty);
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(temporary);
            try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerOnly()); OutputStream out = Channels.newOutputStream(channel)) {
                properties.store(out, HEADER);
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("Another start is writing " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }
}
