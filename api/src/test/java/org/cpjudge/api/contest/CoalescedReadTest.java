package org.cpjudge.api.contest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescedReadTest {

    private final ExecutorService readers = Executors.newCachedThreadPool();
    /** Counts queries as they begin: a reader's value says which query it was given. */
    private final AtomicInteger begun = new AtomicInteger();

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    @Test
    void aLoneReaderRunsItsOwnQueryEachTime() throws Exception {
        CoalescedRead<Integer> read = new CoalescedRead<>(begun::incrementAndGet, 5000);
        assertEquals(1, read.get());
        assertEquals(2, read.get());
        assertEquals(3, read.get());
    }

    @Test
    void readersArrivingDuringAQueryShareTheNextOneNotTheRunningOne() throws Exception {
        CoalescedRead<Integer> read = new CoalescedRead<>(this::firstHeldUntilReleased, 5000);
        Future<Integer> first = firstReaderHeld(read);
        List<FutureTask<Integer>> later = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            later.add(parkedReader(read));
        }
        releaseFirst.countDown();
        assertEquals(1, first.get(5, TimeUnit.SECONDS));
        for (FutureTask<Integer> f : later) {
            assertEquals(2, f.get(5, TimeUnit.SECONDS), "a reader who came during query 1 is given query 2");
        }
        assertEquals(2, begun.get(), "eleven readers, two queries");
    }

    @Test
    void theFailureOfTheRunningQueryIsNotPassedToTheReadersWaitingBehindIt() throws Exception {
        failFirst = true;
        CoalescedRead<Integer> read = new CoalescedRead<>(this::firstHeldUntilReleased, 5000);
        Future<Integer> first = firstReaderHeld(read);
        FutureTask<Integer> second = parkedReader(read);
        releaseFirst.countDown();
        Exception e = assertThrows(Exception.class, () -> first.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
        assertEquals(2, second.get(5, TimeUnit.SECONDS));
        assertEquals(3, read.get(), "after a failure the next reader starts afresh");
    }

    @Test
    void aReaderInterruptedWhileWaitingDoesNotLeaveTheReadersAfterItWaitingForever() throws Exception {
        CoalescedRead<Integer> read = new CoalescedRead<>(this::firstHeldUntilReleased, 5000);
        Future<Integer> first = firstReaderHeld(read);
        Thread waiting = new Thread(() -> {
            try {
                read.get();
            } catch (Exception expected) {
                // interrupted: this reader gives up
            }
        }, "interrupted reader");
        waiting.setDaemon(true);
        waiting.start();
        awaitState(waiting, Thread.State.TIMED_WAITING);
        waiting.interrupt();
        waiting.join(5000);
        FutureTask<Integer> after = parkedReader(read); // arrives while query 1 still runs
        releaseFirst.countDown();
        assertEquals(1, first.get(5, TimeUnit.SECONDS));
        assertEquals(2, after.get(5, TimeUnit.SECONDS), "the reader after the interrupted one gets its own query");
    }

    private final CountDownLatch firstBegun = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private volatile boolean failFirst;

    /** The query: the first one waits for {@link #releaseFirst} (and then fails when {@link #failFirst}). */
    private int firstHeldUntilReleased() throws InterruptedException {
        int n = begun.incrementAndGet();
        if (n == 1) {
            firstBegun.countDown();
            releaseFirst.await();
            if (failFirst) {
                throw new IllegalStateException("connection lost");
            }
        }
        return n;
    }

    /** The first reader, returned once its query has begun (and is held). */
    private Future<Integer> firstReaderHeld(CoalescedRead<Integer> read) throws InterruptedException {
        Future<Integer> first = readers.submit(read::get);
        assertTrue(firstBegun.await(5, TimeUnit.SECONDS));
        return first;
    }

    /** A reader on its own thread, returned once it waits inside {@code get} (for the query ahead to end). */
    private static FutureTask<Integer> parkedReader(CoalescedRead<Integer> read) throws InterruptedException {
        FutureTask<Integer> task = new FutureTask<>(read::get);
        Thread t = new Thread(task, "reader");
        t.setDaemon(true);
        t.start();
        awaitState(t, Thread.State.TIMED_WAITING);
        return task;
    }

    private static void awaitState(Thread t, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.getState() != state) {
            assertTrue(System.nanoTime() < deadline, "the reader never waited: " + t.getState());
            Thread.sleep(1);
        }
    }
}
