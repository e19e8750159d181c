package org.cpjudge.api.statement;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.cpjudge.api.problem.ProblemCache;
import org.cpjudge.api.problem.Statements;
import org.cpjudge.api.store.StoredProblem;
import org.cpjudge.judge.problem.Constants;
import org.cpjudge.judge.problem.Problem;

/**
 * A stored problem's statement as HTML, in the language asked for (else English, else the first): read from the
 * package's statement folder, converted, and remembered by package hash and language (a package never changes
 * under its hash). 2025-09 constants ({@code {{name}}}) are written in before converting.
 */
public final class StatementRenderer {

    private static final int REMEMBERED = 256;

    private final ProblemCache cache;
    private final Statements statements;
    private final Map<String, Optional<RenderedStatement>> rendered = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<RenderedStatement>> eldest) {
                    return size() > REMEMBERED;
                }
            });

    public StatementRenderer(ProblemCache cache) {
        this.cache = cache;
        this.statements = new Statements(cache);
    }

    /**
     * The statement; empty when the package has none the page can show. Remembered by the edition shown, so that
     * asking for languages the statement is not written in converts nothing again.
     */
    public Optional<RenderedStatement> render(StoredProblem stored, String language) throws Exception {
        Optional<Set<String>> listed = statements.list(stored)
                .map(files -> files.stream().map(Statements.StatementFile::name).collect(Collectors.toSet()));
        if (listed.isEmpty()) {
            return Optional.empty();
        }
        Problem problem = cache.get(stored);
        Set<String> files = listed.get();
        String folder = problem.statementDir().map(Path::getFileName).map(Path::toString).orElse("statement");
        StatementEditions editions = StatementEditions.of(files, folder);
        Optional<StatementEdition> chosen = editions.choose(language);
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        String key = stored.packageSha256() + "\n" + stored.id() + "\n" + chosen.get().language();
        Optional<RenderedStatement> known = rendered.get(key);
        if (known == null) {
            known = Optional.of(convert(stored, problem, files, editions, chosen.get()));
            rendered.put(key, known);
        }
        return known;
    }

    private RenderedStatement convert(StoredProblem stored, Problem problem, Set<String> files,
                                      StatementEditions editions, StatementEdition edition) throws Exception {
        String base = "/api/v1/problems/" + segment(stored.id()) + "/statement/";
        StatementImages images = new StatementImages(base, files);
        Constants constants = problem.constants();
        Optional<String> title = Optional.empty();
        Optional<String> html = Optional.empty();
        switch (edition.format()) {
            case MARKDOWN -> html = Optional.of(MarkdownStatement.toHtml(constants.apply(text(stored, edition.file())), images));
            case LATEX, POLYGON_PROPERTIES, POLYGON_SECTIONS -> {
                String tex = switch (edition.format()) {
                    case POLYGON_PROPERTIES -> PolygonSections.fromProperties(text(stored, edition.file()));
                    case POLYGON_SECTIONS -> PolygonSections.fromSections(part -> files.contains(part + ".tex")
                            ? textOrNull(stored, part + ".tex") : null);
                    default -> text(stored, edition.file());
                };
                LatexStatement.Converted converted = LatexStatement.convert(constants.apply(tex), images);
                title = converted.title();
                html = Optional.of(converted.html());
            }
            case PDF, HTML -> {
            }
        }
        return new RenderedStatement(edition.language(), editions.languages(), edition.format(), title, html,
                base + edition.file());
    }

    private String text(StoredProblem stored, String file) throws Exception {
        return new String(statements.read(stored, file).orElse(new byte[0]), StandardCharsets.UTF_8);
    }

    private String textOrNull(StoredProblem stored, String file) {
        try {
            return text(stored, file);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read statement section " + file, e);
        }
    }

    private static String segment(String id) {
        return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
