package org.cpjudge.api.statement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which statement editions a statement folder holds, one per language, the best format of each (see
 * {@link StatementFormat}). Kattis names the language in the file ({@code problem.sv.md}; legacy
 * {@code problem.tex} is English); a Polygon folder is one language, named by the folder ({@code english}).
 * English comes first, then the others by code.
 */
public final class StatementEditions {

    public static final String DEFAULT_LANGUAGE = "en";
    private static final Pattern KATTIS = Pattern.compile("problem(?:\\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*))?\\.(md|tex|pdf|html)");
    private static final Map<String, String> POLYGON_LANGUAGES = Map.ofEntries(Map.entry("english", "en"),
            Map.entry("russian", "ru"), Map.entry("ukrainian", "uk"), Map.entry("spanish", "es"),
            Map.entry("portuguese", "pt"), Map.entry("french", "fr"), Map.entry("german", "de"),
            Map.entry("chinese", "zh"), Map.entry("japanese", "ja"), Map.entry("korean", "ko"),
            Map.entry("polish", "pl"), Map.entry("romanian", "ro"), Map.entry("italian", "it"),
            Map.entry("swedish", "sv"), Map.entry("kazakh", "kk"), Map.entry("vietnamese", "vi"));

    private final List<StatementEdition> editions;

    private StatementEditions(List<StatementEdition> editions) {
        this.editions = List.copyOf(editions);
    }

    /**
     * @param files      the names of the files in the statement folder (subfolders' files have a '/')
     * @param folderName the statement folder's own name ({@code statement}, {@code problem_statement}, or a
     *                   Polygon language such as {@code english})
     */
    public static StatementEditions of(Collection<String> files, String folderName) {
        String folderLanguage = POLYGON_LANGUAGES.getOrDefault(folderName.toLowerCase(Locale.ROOT), DEFAULT_LANGUAGE);
        Map<String, StatementEdition> best = new LinkedHashMap<>();
        for (String file : files) {
            edition(file, folderLanguage).ifPresent(e -> best.merge(e.language(), e,
                    (a, b) -> a.format().compareTo(b.format()) <= 0 ? a : b));
        }
        List<StatementEdition> sorted = new ArrayList<>(best.values());
        sorted.sort(Comparator.comparing((StatementEdition e) -> !e.language().equals(DEFAULT_LANGUAGE))
                .thenComparing(StatementEdition::language));
        return new StatementEditions(sorted);
    }

    private static Optional<StatementEdition> edition(String file, String folderLanguage) {
        if (file.contains("/")) {
            return Optional.empty();
        }
        if (file.equals("problem-properties.json")) {
            return Optional.of(new StatementEdition(folderLanguage, StatementFormat.POLYGON_PROPERTIES, file));
        }
        if (file.equals("legend.tex")) {
            return Optional.of(new StatementEdition(folderLanguage, StatementFormat.POLYGON_SECTIONS, file));
        }
        Matcher m = KATTIS.matcher(file);
        if (!m.matches()) {
            return Optional.empty();
        }
        String language = m.group(1) == null ? folderLanguage : m.group(1);
        StatementFormat format = switch (m.group(2)) {
            case "md" -> StatementFormat.MARKDOWN;
            case "tex" -> StatementFormat.LATEX;
            case "pdf" -> StatementFormat.PDF;
            default -> StatementFormat.HTML;
        };
        return Optional.of(new StatementEdition(language, format, file));
    }

    public List<StatementEdition> all() {
        return editions;
    }

    public List<String> languages() {
        return editions.stream().map(StatementEdition::language).toList();
    }

    /** The edition in {@code wanted} if there is one, else English, else the first; empty for no statement. */
    public Optional<StatementEdition> choose(String wanted) {
        for (String language : new String[] {wanted, DEFAULT_LANGUAGE}) {
            if (language != null) {
                Optional<StatementEdition> found = editions.stream().filter(e -> e.language().equals(language)).findFirst();
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return editions.stream().findFirst();
    }
}
