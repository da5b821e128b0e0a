package portolan.kernel.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import portolan.kernel.protocol.Message;
import portolan.kernel.protocol.Session;
import portolan.kernel.transport.Channel;
import portolan.kernel.transport.Server;

/**
 * The Jupyter kernel's request handling, between a {@link Server} and an {@link Interpreter}.
 * Requests are dispatched through tables keyed by the wire {@code msg_type}; handler methods
 * carry the wire names ({@code executeRequest}, {@code kernelInfoRequest}, ...). Every shell and
 * control request is bracketed by {@code status: busy} and {@code status: idle} with the request
 * as parent, and all its output is published in between (messaging spec, "Kernel status").
 *
 * <p>Threads: one worker per channel, so an {@code interrupt_request} on control is served while
 * a cell runs on shell. The transport thread only enqueues. The interpreter is created in the
 * background from a factory; requests that need it wait for it, {@code kernel_info} does not.
 */
public final class KernelCore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KernelCore.class.getName());
    /** How long {@link Interpreter#close} may take during shutdown before we stop waiting. */
    private static final long CLOSE_WAIT_MS = 200;

    /** The execution engine failed to start; requests that need it are answered with this message. */
    static final class EngineUnavailableException extends Exception {
        EngineUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @FunctionalInterface
    private interface Handler {
        void handle(Channel channel, Message request) throws Exception;
    }

    private final Server server;
    private final Session session;
    private final Supplier<Interpreter> interpreterFactory;
    private final Publisher publisher;
    private final Stdin stdin;
    private final History history;
    private final Comms comms;
    private final Execution execution;
    private final Map<String, Handler> shellHandlers = new LinkedHashMap<>();
    private final Map<String, Handler> controlHandlers = new LinkedHashMap<>();
    private final BlockingQueue<Message> shellQueue = new LinkedBlockingQueue<>();
    private final BlockingQueue<Message> controlQueue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Interpreter> interpreter = new CompletableFuture<>();
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean shutdownRequested;
    /**
     * The shell requests that were waiting when a cell failed with stop_on_error (filled before
     * that request's idle); answered by the shell worker right after it. Shell thread only.
     */
    private final List<Message> waitingAtError = new ArrayList<>();
    private volatile boolean restart;

    public KernelCore(Server server, Session session, History history, Supplier<Interpreter> interpreterFactory) {
        this.server = server;
        this.session = session;
        this.history = history;
        this.interpreterFactory = interpreterFactory;
        this.publisher = new Publisher(server, session);
        this.stdin = new Stdin(server, session);
        this.comms = new Comms(publisher);
        this.execution = new Execution(this, publisher, stdin, history);

        shellHandlers.put("execute_request", this::executeRequest);
        shellHandlers.put("kernel_info_request", this::kernelInfoRequest);
        shellHandlers.put("complete_request", this::completeRequest);
        shellHandlers.put("inspect_request", this::inspectRequest);
        shellHandlers.put("is_complete_request", this::isCompleteRequest);
        shellHandlers.put("history_request", this::historyRequest);
        shellHandlers.put("comm_info_request", this::commInfoRequest);
        shellHandlers.put("comm_open", (ch, m) -> comms.commOpen(m));
        shellHandlers.put("comm_msg", (ch, m) -> comms.commMsg(m));
        shellHandlers.put("comm_close", (ch, m) -> comms.commClose(m));
        // Deprecated on shell since 5.4 but still sent by some clients.
        shellHandlers.put("shutdown_request", this::shutdownRequest);

        controlHandlers.put("shutdown_request", this::shutdownRequest);
        controlHandlers.put("interrupt_request", this::interruptRequest);
        // Allowed on control from 5.5 on; answering it there never waits behind a running cell.
        controlHandlers.put("kernel_info_request", this::kernelInfoRequest);
    }

    /** The comm registry, for registering comm targets. */
    public Comms comms() {
        return comms;
    }

    /** Publishes {@code status: starting}, starts taking requests and starts the interpreter in the background. */
    public void start() {
        JsonObject starting = new JsonObject();
        starting.addProperty("execution_state", "starting");
        publisher.publish("status", starting, null);
        Thread engineStart = new Thread(() -> {
            try {
                interpreter.complete(interpreterFactory.get());
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "the execution engine failed to start", e);
                interpreter.completeExceptionally(e);
            }
        }, "portolan-engine-start");
        engineStart.setDaemon(true);
        engineStart.start();
        workers.add(worker("portolan-shell", shellQueue, Channel.SHELL, shellHandlers));
        workers.add(worker("portolan-control", controlQueue, Channel.CONTROL, controlHandlers));
        server.start(this::receive);
    }

    /** Blocks until a {@code shutdown_request} was answered; returns whether it asked for a restart. */
    public boolean awaitShutdown() throws InterruptedException {
        shutdown.await();
        return restart;
    }

    /** Like {@link #awaitShutdown()} with a limit; false when it timed out. */
    public boolean awaitShutdown(long timeout, TimeUnit unit) throws InterruptedException {
        return shutdown.await(timeout, unit);
    }

    /** Stops the worker threads and the publisher; does not close the server or the interpreter. */
    @Override
    public void close() {
        workers.forEach(Thread::interrupt);
        publisher.close();
    }

    private void receive(Channel channel, Message message) {
        switch (channel) {
            case SHELL -> shellQueue.add(message);
            case CONTROL -> controlQueue.add(message);
            case STDIN -> {
                if (!message.msgType().equals("input_reply") || !stdin.reply(message)) {
                    LOG.warning("ignored " + message.msgType() + " on stdin: no cell is waiting for input");
                }
            }
            default -> LOG.warning("ignored a message received on " + channel);
        }
    }

    private Thread worker(String name, BlockingQueue<Message> queue, Channel channel, Map<String, Handler> handlers) {
        Thread thread = new Thread(() -> {
            try {
                while (!shutdownRequested) {
                    dispatch(channel, queue.take(), handlers);
                    if (channel == Channel.SHELL && !waitingAtError.isEmpty()) {
                        List<Message> waiting = new ArrayList<>(waitingAtError);
                        waitingAtError.clear();
                        abortQueued(waiting, channel, handlers);
                    }
                    if (shutdownRequested) {
                        finishShutdown();
                    }
                }
            } catch (InterruptedException e) {
                // close(): the worker ends.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Handles one request between busy and idle. */
    private void dispatch(Channel channel, Message request, Map<String, Handler> handlers)
            throws InterruptedException {
        publishStatus("busy", request);
        try {
            Handler handler = handlers.get(request.msgType());
            if (handler == null) {
                LOG.warning("ignored a " + request.msgType() + " on " + channel.name().toLowerCase()
                        + ": this kernel does not handle that message type");
            } else {
                handler.handle(channel, request);
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (EngineUnavailableException e) {
            replyError(channel, request, e);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "failed to handle " + request.msgType(), e);
            replyError(channel, request, e);
        } finally {
            publisher.flush();
            publishStatus("idle", request);
        }
    }

    /**
     * After a failed cell with {@code stop_on_error}: the execute requests already waiting are
     * answered {@code aborted} without running (ipykernel's {@code _abort_queues}); other
     * waiting requests are handled normally, in order.
     */
    private void abortQueued(List<Message> waiting, Channel channel, Map<String, Handler> handlers)
            throws InterruptedException {
        for (Message request : waiting) {
            if (request.msgType().equals("execute_request")) {
                publishStatus("busy", request);
                JsonObject content = new JsonObject();
                content.addProperty("status", "aborted");
                content.addProperty("execution_count", execution.executionCount());
                reply(request, "execute_reply", content);
                publishStatus("idle", request);
            } else {
                dispatch(channel, request, handlers);
            }
        }
    }

    private void executeRequest(Channel channel, Message request) throws InterruptedException {
        execution.executeRequest(request);
    }

    /**
     * After a failed cell with {@code stop_on_error}, before its reply: the shell requests that
     * arrived while it ran are set aside, to be answered {@code aborted} once the cell is idle.
     */
    void holdQueuedForAbort() {
        shellQueue.drainTo(waitingAtError);
    }

    private void kernelInfoRequest(Channel channel, Message request) {
        reply(channel, request, "kernel_info_reply", KernelInfo.content());
    }

    private void completeRequest(Channel channel, Message request) throws EngineUnavailableException {
        RequestContent c = new RequestContent(request.content());
        String code = c.string("code", "");
        int cursor = CodePoints.toUtf16(code, c.integer("cursor_pos", code.codePointCount(0, code.length())));
        Completion completion = interpreter().complete(code, cursor);
        JsonObject content = new JsonObject();
        JsonArray matches = new JsonArray();
        completion.matches().forEach(matches::add);
        content.add("matches", matches);
        content.addProperty("cursor_start", CodePoints.fromUtf16(code, completion.cursorStart()));
        content.addProperty("cursor_end", CodePoints.fromUtf16(code, completion.cursorEnd()));
        content.add("metadata", completion.metadata().deepCopy());
        content.addProperty("status", "ok");
        reply(channel, request, "complete_reply", content);
    }

    private void inspectRequest(Channel channel, Message request) throws EngineUnavailableException {
        RequestContent c = new RequestContent(request.content());
        String code = c.string("code", "");
        int cursor = CodePoints.toUtf16(code, c.integer("cursor_pos", code.codePointCount(0, code.length())));
        Inspection inspection = interpreter().inspect(code, cursor, c.integer("detail_level", 0));
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("found", inspection.found());
        MimeBundle bundle = inspection.found() ? inspection.bundle() : null;
        content.add("data", bundle == null ? new JsonObject() : bundle.data().deepCopy());
        content.add("metadata", bundle == null ? new JsonObject() : bundle.metadata().deepCopy());
        reply(channel, request, "inspect_reply", content);
    }

    private void isCompleteRequest(Channel channel, Message request) {
        Completeness completeness;
        try {
            completeness = interpreter().isComplete(new RequestContent(request.content()).string("code", ""));
        } catch (EngineUnavailableException e) {
            completeness = Completeness.UNKNOWN;
        }
        JsonObject content = new JsonObject();
        content.addProperty("status", completeness.status());
        if (completeness.status().equals("incomplete")) {
            content.addProperty("indent", completeness.indent());
        }
        reply(channel, request, "is_complete_reply", content);
    }

    private void historyRequest(Channel channel, Message request) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.add("history", HistoryQuery.answer(history, new RequestContent(request.content())));
        reply(channel, request, "history_reply", content);
    }

    private void commInfoRequest(Channel channel, Message request) {
        JsonObject c = request.content();
        String target = c.has("target_name") && c.get("target_name").isJsonPrimitive()
                ? c.get("target_name").getAsString() : null;
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.add("comms", comms.info(target));
        reply(channel, request, "comm_info_reply", content);
    }

    private void interruptRequest(Channel channel, Message request) {
        stdin.interruptAll();
        Interpreter running = interpreter.getNow(null);
        if (running != null) {
            running.interrupt();
        }
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        reply(channel, request, "interrupt_reply", content);
    }

    private void shutdownRequest(Channel channel, Message request) {
        restart = new RequestContent(request.content()).bool("restart", false);
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("restart", restart);
        reply(channel, request, "shutdown_reply", content);
        shutdownRequested = true;
    }

    /** After the shutdown reply and idle: output flushed, interpreter closed (briefly), waiters released. */
    private void finishShutdown() throws InterruptedException {
        publisher.flush();
        stdin.interruptAll();
        Interpreter.closeWithin(interpreter, CLOSE_WAIT_MS);
        shutdown.countDown();
    }

    /** The interpreter, waiting for it to finish starting. */
    Interpreter interpreter() throws EngineUnavailableException {
        try {
            return interpreter.get();
        } catch (ExecutionException e) {
            throw new EngineUnavailableException("the Java execution engine failed to start: " + e.getCause()
                    + ". Restart the kernel; if it keeps failing, check the kernel's log.", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while waiting for the Java execution engine", e);
        }
    }

    /** Sends the reply to {@code request} on the shell socket. */
    void reply(Message request, String msgType, JsonObject content) {
        reply(Channel.SHELL, request, msgType, content);
    }

    private void reply(Channel channel, Message request, String msgType, JsonObject content) {
        server.send(channel, session.reply(request, msgType, content));
    }

    /** A request whose handler failed still gets a reply, so the client does not wait forever. */
    private void replyError(Channel channel, Message request, Exception e) {
        String type = request.msgType();
        if (type.endsWith("_request")) {
            String ename = e instanceof EngineUnavailableException ? "EngineUnavailable" : e.getClass().getName();
            JsonObject content = Execution.error(ename, String.valueOf(e.getMessage()), List.of());
            reply(channel, request, type.substring(0, type.length() - "_request".length()) + "_reply", content);
        }
    }

    private void publishStatus(String state, Message parent) {
        JsonObject content = new JsonObject();
        content.addProperty("execution_state", state);
        publisher.publish("status", content, parent);
    }
}
