package org.arxivpipeline.common.schema;

/** Where this service's schema stands, as readiness reports it. */
public sealed interface SchemaState {

    /** Ready to serve. */
    boolean ready();

    /** What readiness says about it. */
    String describe();

    /** Not looked at yet: the service is starting. */
    record Starting() implements SchemaState {
        public boolean ready() {
            return false;
        }

        public String describe() {
            return "not checked yet";
        }
    }

    /** No database configured: nothing to migrate (backend-arxiv-api without shared pacing). */
    record NoDatabase() implements SchemaState {
        public boolean ready() {
            return true;
        }

        public String describe() {
            return "no database configured";
        }
    }

    /** At the version this code needs. */
    record Current(String version) implements SchemaState {
        public boolean ready() {
            return true;
        }

        public String describe() {
            return "at version " + version;
        }
    }

    /**
     * The database could not be reached: tried again soon. Not ready, unless the service works without
     * its database ({@link MigrationConfig#optional()}).
     */
    record Unreachable(String reason) implements SchemaState {
        public boolean ready() {
            return false;
        }

        public String describe() {
            return "not migrated yet, database unreachable: " + reason;
        }
    }

    /** A migration failed: the schema stays at {@code version}, the service is not ready. */
    record Failed(String version, String reason) implements SchemaState {
        public boolean ready() {
            return false;
        }

        public String describe() {
            return "migration failed, schema stays at version " + version + ": " + reason;
        }
    }

    /** Migration is off and the schema is behind this code. */
    record Behind(String version, String needed) implements SchemaState {
        public boolean ready() {
            return false;
        }

        public String describe() {
            return "schema at version " + version + ", this code needs version " + needed
                    + " (migration at start is off: apply the migrations, e.g. start once with ARXIV_MIGRATION_AT_START=true)";
        }
    }
}
