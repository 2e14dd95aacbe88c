package dev.ec2double.elbv2.proxy;

import java.util.List;

/**
 * Where the listener decided to send a request, and how an ALB decorates it on the way.
 *
 * @param listenerPort the listener's own port, as {@code X-Forwarded-Port} and {@code #{port}} show
 *     it
 * @param xffMode {@code append}, {@code preserve} or {@code remove}
 * @param mtlsMode the HTTPS listener's mutual authentication mode; {@code off} for HTTP
 */
record Destination(
    String address,
    int port,
    int listenerPort,
    String xffMode,
    boolean xffClientPort,
    int idleTimeoutSeconds,
    List<String> setCookies,
    String mtlsMode) {}
