/**
 * What the operating system hands runlock as bytes (arguments, variables, file names), kept
 * exact in Java strings: {@link dev.runlock.os.ByteStrings}.
 *
 * <p>Depends on nothing but the JDK; every other package may use it.
 */
package dev.runlock.os;
