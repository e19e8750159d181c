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

    private static Language language(String id, String ext, EntryPoint entry) {
        return new Language(id, id, List.of(ext), "test", List.of("cc", "{main}"), List.of("run", "{mainclass}"),
                entry, 0, List.of(), Map.of());
    }

    @Test
    void pascalMainIsTheFileThatIsNotAUnit() {
        Language pas = language("pascal", "pas", EntryPoint.PASCAL_PROGRAM);
        var files = List.of(new SourceFile("a.pas", "{ helpers }\nUnit A;\ninterface\nimplementation\nend."),
                new SourceFile("b.pas", "{$mode objfpc}\n// the program\nprogram B;\nuses A;\nbegin end."));
        assertEquals(List.of("cc", "b.pas"), pas.compileArgv(files));
        assertEquals(List.of("cc", "c.pas"), pas.compileArgv(List.of(files.get(0),
                new SourceFile("c.pas", "uses A;\nbegin end."))));
    }

    @Test
    void adaMainIsTheProcedureAfterItsContextClauses() {
        Language ada = language("ada", "adb", EntryPoint.ADA_MAIN);
        var files = List.of(new SourceFile("helper.adb", "package body Helper is\nend Helper;"),
                new SourceFile("sum.adb", "-- sums\nwith Ada.Text_IO; use Ada.Text_IO;\nwith Helper;\n"
                        + "procedure Sum is\nbegin\n  null;\nend Sum;"));
        assertEquals(List.of("cc", "sum.adb"), ada.compileArgv(files));
    }

    @Test
    void scalaClassIsTheObjectWithMain() {
        Language scala = language("scala", "scala", EntryPoint.SCALA_OBJECT);
        var files = List.of(new SourceFile("lib.scala", "object Lib { def f = 1 }"),
                new SourceFile("sum.scala", "class Helper\nobject Solution {\n  def main(args: Array[String]) = ()\n}"));
        assertEquals(List.of("run", "Solution"), scala.runArgv(files, 256));
        assertEquals("Go", EntryPoint.SCALA_OBJECT.mainClass(new SourceFile("x.scala", "object Go extends App {}")));
    }
}
