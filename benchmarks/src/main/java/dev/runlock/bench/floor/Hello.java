package dev.runlock.bench.floor;

/** The JVM floor: the least a Java command-line tool can do, timed with runlock's launcher flags. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello, world");
    }
}
