package org.cpjudge.judge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Carries one direction of an interactive conversation from one FIFO to another, and notes when the writing
 * side closed it: the moment that side ended, on the judge's own clock.
 *
 * <p>Two boxes measure their runs from different starts (each after its own setup), so adding up start and
 * wall time cannot tell which of two programs that end within a few milliseconds of each other ended first.
 * The end of each program's output stream can: a submission that crashes closes its output before the
 * interactor can see the end of its input.
 */
final class PipeRelay implements Callable<Long> {

    /** What {@link #call} answers when the reading side went away first: the writer had not ended yet. */
    static final long READER_LEFT_FIRST = Long.MAX_VALUE;
    private static final long GRACE_SECONDS = 5;

    private final Path from;
    private final Path to;

    PipeRelay(Path from, Path to) {
        this.from = from;
        this.to = to;
    }

    /**
     * Copies until the writer closes {@code from}: answers {@link System#nanoTime} at that moment, or
     * {@link #READER_LEFT_FIRST} when the reader of {@code to} was gone first (then {@code from} is closed, so
     * that the writer learns it as it would have from a direct pipe).
     */
    @Override
    public Long call() throws IOException {
        // Blocking opens: each returns once the box at the other end has opened its end.
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
            try (FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                while (true) {
                    buffer.clear();
                    if (in.read(buffer) < 0) {
                        return System.nanoTime();
                    }
                    buffer.flip();
                    try {
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                    } catch (IOException brokenPipe) {
                        return READER_LEFT_FIRST;
                    }
                }
            }
        }
    }

    /**
     * Lets a relay still waiting to open {@code fifo} go on (a box that failed before opening its end): opening
     * a FIFO for both reading and writing never waits, and meets either kind of waiting peer.
     */
    /**
     * When the writing side of {@code relay} ended (its answer), waiting a few seconds after both programs are
     * done; a relay still stuck then (a FIFO nobody opened) is let go by opening its FIFOs.
     */
    static long endOf(Future<Long> relay, Path from, Path to) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return relay.get(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                release(from);
                release(to);
            } catch (ExecutionException e) {
                return READER_LEFT_FIRST; // the FIFO went away under it: no end to tell
            }
        }
        relay.cancel(true);
        return READER_LEFT_FIRST;
    }

    static void release(Path fifo) {
        try (FileChannel ignored = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // opened and closed: a waiting reader now sees end of file, a waiting writer a broken pipe
        } catch (IOException ignored) {
            // already gone with its folder
        }
    }
}
