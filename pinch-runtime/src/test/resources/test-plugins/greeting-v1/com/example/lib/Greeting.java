package com.example.lib;

/** Version 1 of a library that two fixture plugins bundle in conflicting versions. */
public final class Greeting {
    private Greeting() {
    }

    public static String version() {
        return "v1";
    }
}
