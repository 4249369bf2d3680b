package dev.rqa.report.jupyter;

import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.channels.MessageHandler;
import org.rapaio.jupyter.kernel.message.MessageType;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reaches the private state of rapaio-jupyter-kernel 3.0.1's {@link Channels} that
 * {@code Channels.connect()} would otherwise set up in a racy order.
 *
 * <p>Every field is looked up when the object is built, so an unsupported kernel version fails
 * before any socket is bound, with a message naming the missing field.
 */
final class ChannelAccess {

    /**
     * Binding order. The publishing sockets come first, so every reply and status message has a
     * socket to go to. The shell channel comes last because clients send kernel_info_request there
     * as soon as it accepts connections.
     */
    static final List<String> BIND_ORDER = List.of("iopub", "stdin", "heartbeat", "control", "shell");

    private final Channels channels;
    private final Field handlers;
    private final Field connected;

    ChannelAccess(Channels channels) {
        this.channels = channels;
        this.handlers = declaredField(Channels.class, "handlers");
        this.connected = declaredField(Channels.class, "isConnected");
        for (String name : BIND_ORDER) {
            declaredField(Channels.class, name);
        }
    }

    Channels channels() {
        return channels;
    }

    /** Returns one of the five channels by its field name in {@link Channels}. */
    AbstractChannel channel(String name) {
        return (AbstractChannel) read(declaredField(Channels.class, name), channels);
    }

    /**
     * Installs the complete request handler table and marks the channels as connected, so that a
     * later {@code Channels.connect()} call does nothing.
     */
    void installHandlers(Map<MessageType<?>, MessageHandler<?>> table) {
        write(handlers, channels, Map.copyOf(table));
        write(connected, channels, true);
    }

    /** Returns the loop thread of a channel that has one (shell, control, heartbeat). */
    Optional<LoopThread> loopThread(AbstractChannel channel) {
        Optional<Field> field = loopThreadField(channel);
        return field.map(f -> (LoopThread) read(f, channel));
    }

    void replaceLoopThread(AbstractChannel channel, LoopThread thread) {
        Field field = loopThreadField(channel).orElseThrow(() -> new IllegalArgumentException(
                channel.getClass().getSimpleName() + " has no loop thread"));
        write(field, channel, thread);
    }

    private static Optional<Field> loopThreadField(AbstractChannel channel) {
        try {
            Field field = channel.getClass().getDeclaredField("loopThread");
            field.setAccessible(true);
            return Optional.of(field);
        } catch (NoSuchFieldException e) {
            return Optional.empty();
        }
    }

    private static Field declaredField(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(type.getName() + " has no field '" + name
                    + "'; this launcher supports rapaio-jupyter-kernel " + KernelLauncher.SUPPORTED_KERNEL_VERSION, e);
        }
    }

    private static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static void write(Field field, Object target, Object value) {
        try {
            field.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot write " + field, e);
        }
    }
}
