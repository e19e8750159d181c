package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntryPointTest {

    private static Language java() {
        return new Language("java", "Java", List.of("java"), "test", List.of("javac", "{files}"),
                List.of("java", "-Xmx{heap}m", "{mainclass}"), EntryPoint.JAVA_MAIN_CLASS, 64, List.of(), Map.of());
    }

    @Test
    void javaMainIsTheClassDeclaringMain() {
        var files = List.of(new SourceFile("Helper.java", "class Helper { int f() { return 1; } }"),
                new SourceFile("Solution.java", "public class Solution { public static void main(String[] a) {} }"));
        assertEquals(List.of("java", "-Xmx960m", "Solution"), java().runArgv(files, 1024));
        assertEquals(List.of("javac", "Helper.java", "Solution.java"), java().compileArgv(files));
    }

    @Test
    void scriptMainIsMainPyOrTheOnlyFile() {
        Language py = new Language("python3", "Python 3", List.of("py"), "test", List.of(), List.of("py", "{main}"),
                EntryPoint.SCRIPT, 0, List.of(), Map.of());
        assertEquals(List.of("py", "a.py"), py.runArgv(List.of(new SourceFile("a.py", "")), 1));
        assertEquals(List.of("py", "main.py"), py.runArgv(List.of(new SourceFile("lib.py", ""),
                new SourceFile("main.py", "import lib")), 1));
        assertEquals(List.of("py", "run.py"), py.runArgv(List.of(new SourceFile("lib.py", ""),
                new SourceFile("run.py", "if __name__ == '__main__':\n  pass")), 1));
    }

    @Test
    void kotlinClassIsFileNameKt() {
        assertEquals("HelloKt", EntryPoint.KOTLIN_MAIN.mainClass(new SourceFile("hello.kt", "fun main() {}")));
    }
}
