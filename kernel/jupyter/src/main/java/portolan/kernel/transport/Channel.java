package portolan.kernel.transport;

/** The Jupyter sockets a message can travel on (the heartbeat never carries messages). */
public enum Channel {
    SHELL, CONTROL, STDIN, IOPUB
}
