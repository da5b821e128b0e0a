package portolan.sandbox.apps;

/**
 * DhcpState is where a DHCP client is in RFC 2131's state machine (§4.4, figure 5): INIT →
 * SELECTING → REQUESTING → BOUND → RENEWING (at T1) → REBINDING (at T2) → back to INIT when the
 * lease ends; INIT_REBOOT → REBOOTING when it restarts remembering an address; STOPPED when
 * switched off or released.
 */
public enum DhcpState {
    INIT, SELECTING, REQUESTING, BOUND, RENEWING, REBINDING, INIT_REBOOT, REBOOTING, STOPPED
}
