/**
 * The Jupyter message envelope and its wire form: {@link portolan.kernel.protocol.Message},
 * {@link portolan.kernel.protocol.Header}, the frame codec {@link portolan.kernel.protocol.WireCodec}
 * and the HMAC {@link portolan.kernel.protocol.Signer}. Pure data and pure functions: no sockets,
 * no threads, no ZeroMQ import. Everything is UTF-8.
 */
package portolan.kernel.protocol;
