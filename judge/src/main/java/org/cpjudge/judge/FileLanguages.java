package org.cpjudge.judge;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which language a file name means, written once for the judge and the API: the file's extension, matched
 * case-sensitively (Kattis reads {@code x.C} as C++ and {@code x.c} as C), against the languages in the
 * language table's order, the first that lists it winning ({@code .pl} is Prolog, before Perl).
 */
public final class FileLanguages {

    private FileLanguages() {
    }

    /** What follows the last dot; none for a name without one or a dot file such as {@code .bashrc}. */
    public static Optional<String> extension(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 && dot < base.length() - 1 ? Optional.of(base.substring(dot + 1)) : Optional.empty();
    }

    /** Whether the file name has one of these extensions. */
    public static boolean has(String fileName, Collection<String> extensions) {
        return extension(fileName).filter(extensions::contains).isPresent();
    }

    /**
     * The language the file name means among {@code languages}, which are put in the language table's order
     * first (languages the table does not know keep their order, after those it does).
     */
    public static <L> Optional<L> languageOf(String fileName, List<L> languages, Function<L, String> idOf,
            Function<L, ? extends Collection<String>> extensionsOf) {
        Optional<String> extension = extension(fileName);
        if (extension.isEmpty()) {
            return Optional.empty();
        }
        LanguageTable table = LanguageTable.standard();
        return languages.stream().sorted(Comparator.comparingInt(l -> table.rank(idOf.apply(l))))
                .filter(l -> extensionsOf.apply(l).contains(extension.get())).findFirst();
    }
}
