/**
 * Moving Jupyter messages over ZeroMQ. {@link portolan.kernel.transport.Server} is what the kernel
 * core sees; {@link portolan.kernel.transport.ZmqServer} is the only class in the project that
 * imports {@code org.zeromq}. ZeroMQ sockets are single-threaded, so every socket has exactly one
 * owner thread and other threads hand it messages through queues.
 * {@link portolan.kernel.transport.UnixSocketBridge} serves the socket files of the ipc transport,
 * which JeroMQ lacks.
 */
package portolan.kernel.transport;
