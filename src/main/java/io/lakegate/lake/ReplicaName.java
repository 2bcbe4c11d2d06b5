package io.lakegate.lake;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This process's name in leases and reports: the host name (on Kubernetes the pod name), the process id and a
 * random suffix drawn at start. Two processes on one host, or a process restarted on the same pod, are
 * different owners, so one can never take the other's lease for its own.
 */
public final class ReplicaName {

    private static final String NAME = hostName() + "-" + ProcessHandle.current().pid() + "-"
            + HexFormat.of().toHexDigits((short) new SecureRandom().nextInt());

    private ReplicaName() {
    }

    public static String get() {
        return NAME;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
