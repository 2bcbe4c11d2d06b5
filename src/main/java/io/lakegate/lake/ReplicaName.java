package io.lakegate.lake;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This replica's name in leases and reports: the host name, which on Kubernetes is the pod name. */
public final class ReplicaName {

    private ReplicaName() {
    }

    public static String get() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
