package org.arxivpipeline.launcher;

/** A program for ClassDataArchiveTest to record an AOT cache of: loads a few classes and prints one line. */
public final class AotProbe {

    private AotProbe() {
    }

    public static void main(String[] args) {
        System.out.println(String.join(" ", java.util.List.of("probe", "ran")));
    }
}
