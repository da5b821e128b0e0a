package portolan.sandbox.apps;

import java.util.List;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.wire.HttpHeaders;
import portolan.sandbox.wire.HttpResponse;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Url;

/**
 * A WebResult is what one {@link WebClient#get} gave: the response (status, headers, body) or
 * why there is none, with the hops the connection's first packet took.
 *
 * @param address what the URL's host resolved to (null if DNS failed)
 * @param response null when the request failed
 * @param failure why there is no response, null on success
 * @param hops one line per place the opening SYN was seen, from the trace
 * @param elapsedNanos virtual time from the call to the end of the response
 */
public record WebResult(Url url, Ipv4Address address, HttpResponse response, String failure, List<String> hops,
        long elapsedNanos) {
    public WebResult {
        hops = List.copyOf(hops);
    }

    /** True when a response arrived (whatever its status). */
    public boolean ok() {
        return response != null;
    }

    /** The HTTP status, or -1 without a response. */
    public int status() {
        return response == null ? -1 : response.status();
    }

    public HttpHeaders headers() {
        return response == null ? HttpHeaders.empty() : response.headers();
    }

    /** The body as text ("" without a response). */
    public String body() {
        return response == null ? "" : response.bodyText();
    }

    /** The URL's parse, the DNS answer, the hops, and the outcome, one line each. */
    public String explain() {
        StringBuilder s = new StringBuilder("GET ").append(url).append('\n');
        s.append("  URL: host '").append(url.host()).append("', port ").append(url.effectivePort())
                .append(url.port() < 0 ? " (the default for " + url.scheme() + ")" : " (written in the URL)").append('\n');
        if (address == null) {
            s.append("  died at DNS: ").append(failure).append('\n');
            return s.toString().stripTrailing();
        }
        s.append("  DNS: ").append(url.hostType() == Url.HostType.NAME ? url.host() + " = " + address
                : "not needed, the URL holds an address").append('\n');
        hops.forEach(h -> s.append("  ").append(h).append('\n'));
        if (response != null) {
            s.append("  answered ").append(response.status()).append(' ').append(response.reason())
                    .append(response.headers().get("Server").map(n -> " by '" + n + "'").orElse("")).append(" in ")
                    .append(SimTime.format(elapsedNanos)).append('\n');
        } else {
            s.append("  failed: ").append(failure).append('\n');
        }
        return s.toString().stripTrailing();
    }

    @Override
    public String toString() {
        return response != null ? response.version() + " " + response.status() + " " + response.reason() + " ("
                + response.body().length + " bytes) from " + url : "GET " + url + " failed: " + failure;
    }
}
