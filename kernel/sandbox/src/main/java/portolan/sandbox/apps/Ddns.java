package portolan.sandbox.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A Ddns is a dynamic DNS service (like DuckDNS or a router maker's own): a subscriber's router
 * tells it whenever its public address changes, and the name keeps pointing at the home however
 * often the ISP moves it. It keeps the current records and every update with its virtual time;
 * a DNS server takes the updates through {@link #onUpdate} (e.g. {@code ddns.onUpdate((name, a) ->
 * dns.update(name, a.toString()))}) so resolvers see the new address.
 */
public final class Ddns {
    /** One update: at {@code time} the name {@code name} was set to {@code address} by {@code by}. */
    public record Update(long time, String name, Ipv4Address address, String by) {
        @Override
        public String toString() {
            return Times.format(time) + "  " + name + " → " + address + "  (by " + by + ")";
        }
    }

    private final Simulator sim;
    private final Map<String, Ipv4Address> records = new TreeMap<>();
    private final List<Update> updates = new ArrayList<>();
    private final List<BiConsumer<String, Ipv4Address>> sinks = new ArrayList<>();

    public Ddns(Simulator sim) {
        this.sim = sim;
    }

    /** Sets {@code name} to {@code address} (what a router's DDNS client sends after a WAN address change). */
    public void update(String name, Ipv4Address address, String by) {
        String key = name.toLowerCase(Locale.ROOT);
        if (address.equals(records.get(key))) {
            return;
        }
        records.put(key, address);
        updates.add(new Update(sim.now(), key, address, by));
        sinks.forEach(s -> s.accept(key, address));
    }

    /** The address {@code name} points at now. */
    public Ipv4Address resolve(String name) {
        Ipv4Address a = records.get(name.toLowerCase(Locale.ROOT));
        if (a == null) {
            throw new IllegalArgumentException("the DDNS service has no record for " + name + "; it knows " + records.keySet());
        }
        return a;
    }

    /** Calls {@code sink} with every change (a DNS server's zone update). */
    public Ddns onUpdate(BiConsumer<String, Ipv4Address> sink) {
        sinks.add(sink);
        records.forEach(sink);
        return this;
    }

    public Map<String, Ipv4Address> records() {
        return Map.copyOf(records);
    }

    public List<Update> updates() {
        return List.copyOf(updates);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DDNS: " + records.size() + " names\n");
        records.forEach((n, a) -> s.append("  ").append(n).append(" → ").append(a).append('\n'));
        updates.forEach(u -> s.append("  ").append(u).append('\n'));
        return s.toString();
    }
}
