package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The compile cache: one binary per (sources, language, toolchain), safe when workers compile the same at once. */
class CompileCacheTest {

    @Test
    void identicalSourcesCompiledAtOnceAllSucceedAndShareOneBinary() throws Exception {
        Judge judge = TestJudge.get();
        Language c = judge.languages().byId("c").orElseThrow();
        // a source no earlier run has cached
        List<SourceFile> files = List.of(new SourceFile("a.c", "int main(void) { return 0; } /* " + UUID.randomUUID() + " */\n"));
        int workers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Compilation>> results = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return judge.compiler().compile(c, files, 60);
            }));
        }
        go.countDown();
        Set<java.nio.file.Path> binaries = new HashSet<>();
        for (Future<Compilation> f : results) {
            Compilation compiled = f.get();
            assertTrue(compiled.ok(), compiled.output());
            assertFalse(compiled.judgeError(), compiled.output());
            binaries.add(compiled.programDir());
        }
        pool.shutdown();
        assertEquals(1, binaries.size(), "one cached binary for one source: " + binaries);
        assertTrue(java.nio.file.Files.isRegularFile(binaries.iterator().next().resolve("main")));
    }
}
