/**
 * The kernel core: the Jupyter request handlers, busy/idle bracketing, execution counter,
 * history and comms. It sees Jupyter messages as Gson trees but never a ZeroMQ type, and it
 * talks to the language engine only through {@link portolan.kernel.core.Interpreter}, whose
 * methods take and return plain Java values.
 */
package portolan.kernel.core;
