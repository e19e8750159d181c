package org.cpjudge.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The languages whose toolchain is installed on this machine: the entries of the {@link LanguageTable} whose
 * tools are all here and whose version could be read, in the table's order.
 */
public final class Languages {

    private static final Logger log = LoggerFactory.getLogger(Languages.class);

    private final List<Language> installed;

    public Languages(List<Language> installed) {
        this.installed = List.copyOf(installed);
    }

    /** Probes this machine for toolchains; takes a second or two (it asks each for its version). */
    public static Languages detect() {
        return detect(LanguageTable.standard());
    }

    static Languages detect(LanguageTable table) {
        var found = new ArrayList<Language>();
        Toolchains toolchains = new Toolchains();
        for (LanguageTable.Entry entry : table.entries()) {
            toolchains.install(entry).ifPresent(found::add);
        }
        log.info("languages: {}", found.stream().map(Language::label).toList());
        return new Languages(found);
    }

    public List<Language> installed() {
        return installed;
    }

    public Optional<Language> byId(String id) {
        return installed.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /**
     * The language a file name means, by extension, the first of those installed in the table's order
     * ({@code .py} is Python 3 rather than PyPy, {@code .cpp} is C++17, {@code .pl} is Prolog).
     */
    public Optional<Language> forFileName(String name) {
        return FileLanguages.languageOf(name, installed, Language::id, Language::extensions);
    }
}
