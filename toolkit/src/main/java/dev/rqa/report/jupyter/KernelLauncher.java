package dev.rqa.report.jupyter;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.channels.MessageHandler;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.Transform;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntConsumer;
import java.util.logging.LogManager;

/**
 * Entry point of the {@code rqa-java} Jupyter kernel: starts rapaio-jupyter-kernel 3.0.1 in an
 * order in which no request can be lost, then supervises it.
 *
 * <p>The kernel's own entry point, {@code org.rapaio.jupyter.kernel.MainApp}, has two start-up
 * races (found by reading its 3.0.1 bytecode and by thread dumps of kernels that hung):
 * <ol>
 *   <li>Each channel thread may end before entering its loop (see {@link LoopThreads}). When the
 *       shell thread ends the kernel never replies ("Kernel didn't respond", about 1 start in 3);
 *       when the control thread ends, interrupt and shutdown requests go unanswered.</li>
 *   <li>{@code Channels.connect()} binds the sockets and starts their threads before it creates
 *       the request handler table, so a request that arrives in between makes the shell thread
 *       throw a NullPointerException and end.</li>
 * </ol>
 * This launcher installs the handler table first, binds the sockets one at a time, makes sure
 * each channel thread is looping (starting a replacement when it is not), and then runs a
 * {@link KernelSupervisor}.
 *
 * <p>Usage: {@code java -cp <kernel jar>:<toolkit jar>:<lib>/* dev.rqa.report.jupyter.KernelLauncher
 * <connection file>}; environment/install.sh writes a kernel.json that does this.
 */
public final class KernelLauncher {

    /** Version of rapaio-jupyter-kernel whose internals this launcher was written against. */
    public static final String SUPPORTED_KERNEL_VERSION = "3.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(KernelLauncher.class);

    private static final String KERNEL_POM_PROPERTIES =
            "/META-INF/maven/io.github.padreati/rapaio-jupyter-kernel/pom.properties";

    /** How long a channel thread may stay runnable before it counts as inside its loop body. */
    private static final Duration LOOP_SETTLE = Duration.ofSeconds(2);

    private KernelLauncher() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: KernelLauncher CONNECTION_FILE");
            System.exit(2);
        }

        StartedKernel kernel;
        try {
            kernel = start(Path.of(args[0]), System::exit);
        } catch (Exception e) {
            LOG.error("Java kernel failed to start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }

        kernel.channels().joinUntilClose();
        // Non-daemon threads of user code (executors, engines) would keep the JVM alive after a shutdown.
        System.exit(0);
    }

    /**
     * A kernel whose channels are bound and served.
     *
     * @param channels   the kernel's sockets and their threads
     * @param supervisor the thread running the {@link KernelSupervisor}
     */
    record StartedKernel(Channels channels, Thread supervisor) {

        /** Returns the current loop threads of the shell, control and heartbeat channels. */
        List<LoopThread> loopThreads() {
            ChannelAccess access = new ChannelAccess(channels);
            List<LoopThread> threads = new ArrayList<>();
            for (String name : ChannelAccess.BIND_ORDER) {
                access.loopThread(access.channel(name)).ifPresent(threads::add);
            }
            return threads;
        }
    }

    /**
     * Starts the kernel for a Jupyter connection file.
     *
     * @param exit receives the exit status when the supervisor decides to end the process
     * @throws IOException when the connection file cannot be read
     */
    static StartedKernel start(Path connectionFile, IntConsumer exit) throws Exception {
        configureKernelLogging();
        checkKernelVersion();

        if (!Files.isRegularFile(connectionFile)) {
            throw new IllegalArgumentException("connection file " + connectionFile + " does not exist");
        }
        ConnectionProperties properties =
                Transform.fromJson(Files.readString(connectionFile), ConnectionProperties.class);
        if ("ipc".equals(properties.transport())) {
            throw new IllegalArgumentException("connection file " + connectionFile
                    + " asks for the ipc transport, which rapaio-jupyter-kernel does not support; use tcp");
        }

        // MainApp's static initialiser builds the kernel (JShell included); display helpers in
        // notebooks reach the kernel through MainApp.kernel, so this instance must be used.
        RapaioKernel kernel = MainApp.kernel;
        Channels channels = new Channels(properties);
        kernel.registerChannels(channels);

        ChannelAccess access = new ChannelAccess(channels);
        access.installHandlers(handlerTable(kernel));
        List<AbstractChannel> looping = new ArrayList<>();
        for (String name : ChannelAccess.BIND_ORDER) {
            AbstractChannel channel = access.channel(name);
            channel.bind(properties);
            var thread = access.loopThread(channel);
            if (thread.isPresent()) {
                access.replaceLoopThread(channel, LoopThreads.ensureLooping(thread.get(), LOOP_SETTLE));
                looping.add(channel);
            }
        }
        access.channel("iopub").sendMessage(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));
        LOG.info("Java kernel ready on {}:{} (shell port {})", properties.transport(), properties.ip(),
                properties.shellPort());

        Thread supervisor = new KernelSupervisor(() -> currentThreads(access, looping), channels::isMarkedForShutdown,
                KernelSupervisor.parentFromEnvironment(), exit, Duration.ofMillis(250), Duration.ofSeconds(3)).start();
        return new StartedKernel(channels, supervisor);
    }

    /** Builds the same request table as {@code Channels.connect()} of rapaio-jupyter-kernel 3.0.1. */
    static Map<MessageType<?>, MessageHandler<?>> handlerTable(RapaioKernel kernel) {
        Map<MessageType<?>, MessageHandler<?>> table = new HashMap<>();
        put(table, MessageType.SHELL_EXECUTE_REQUEST, kernel::handleExecuteRequest);
        put(table, MessageType.SHELL_INSPECT_REQUEST, kernel::handleInspectRequest);
        put(table, MessageType.SHELL_COMPLETE_REQUEST, kernel::handleCompleteRequest);
        put(table, MessageType.SHELL_HISTORY_REQUEST, kernel::handleHistoryRequest);
        put(table, MessageType.SHELL_IS_COMPLETE_REQUEST, kernel::handleIsCompleteRequest);
        put(table, MessageType.SHELL_KERNEL_INFO_REQUEST, kernel::handleKernelInfoRequest);
        put(table, MessageType.CONTROL_SHUTDOWN_REQUEST, kernel::handleShutdownRequest);
        put(table, MessageType.CONTROL_INTERRUPT_REQUEST, kernel::handleInterruptRequest);
        put(table, MessageType.CUSTOM_COMM_OPEN, kernel::handleCommOpenCommand);
        put(table, MessageType.CUSTOM_COMM_MSG, kernel::handleCommMsgCommand);
        put(table, MessageType.CUSTOM_COMM_CLOSE, kernel::handleCommCloseCommand);
        put(table, MessageType.SHELL_COMM_INFO_REQUEST, kernel::handleCommInfoRequest);
        return table;
    }

    private static <T> void put(Map<MessageType<?>, MessageHandler<?>> table, MessageType<T> type,
                                MessageHandler<T> handler) {
        table.put(type, handler);
    }

    private static List<Thread> currentThreads(ChannelAccess access, List<AbstractChannel> looping) {
        List<Thread> threads = new ArrayList<>();
        for (AbstractChannel channel : looping) {
            access.loopThread(channel).ifPresent(threads::add);
        }
        return threads;
    }

    /** Applies the kernel's own java.util.logging settings, as its MainApp does. */
    private static void configureKernelLogging() throws IOException {
        try (InputStream in = MainApp.class.getClassLoader().getResourceAsStream("logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        }
    }

    private static void checkKernelVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MainApp.class.getResourceAsStream(KERNEL_POM_PROPERTIES)) {
            if (in != null) {
                properties.load(in);
            }
        }
        String version = properties.getProperty("version", "unknown");
        if (!SUPPORTED_KERNEL_VERSION.equals(version)) {
            LOG.warn("rapaio-jupyter-kernel {} found; this launcher was written for {}. It still starts the kernel"
                    + " when the internals it uses are unchanged.", version, SUPPORTED_KERNEL_VERSION);
        }
    }
}
