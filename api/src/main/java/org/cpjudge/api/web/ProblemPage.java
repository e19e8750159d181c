package org.cpjudge.api.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpjudge.api.statement.RenderedStatement;
import org.cpjudge.api.statement.StatementSample;
import org.cpjudge.api.store.StoredProblem;

/**
 * {@code /problems/{id}}: a problem's statement, limits and samples, the statement's languages, and the submit
 * form (problem.jte). The form shows only to a signed-in user (its script holds their token) and offers where a
 * submission may count now: practice, and each running contest with this problem.
 */
public final class ProblemPage {

    /** A running contest a submission to this problem may count in, with the problem's label there. */
    public record ContestChoice(String id, String name, String label) {
    }

    /**
     * @param problem  the stored problem (limits)
     * @param title    the statement's own title, else the problem's name
     * @param statement the statement, if the package has one the page can show
     * @param samples  the samples as the statement shows them
     * @param practice whether it is open for practice (submitting with no contest)
     * @param contests the running contests it is in
     * @param contest  the contest the page was opened from ({@code ?contest=}), preselected in the form
     */
    public record View(StoredProblem problem, String title, Optional<RenderedStatement> statement,
                       List<StatementSample> samples, boolean practice, List<ContestChoice> contests, String contest) {

        public boolean submittable() {
            return practice || !contests.isEmpty();
        }

        /** The link to this page in another statement language (the contest kept). */
        public String languageHref(String language) {
            return "/problems/" + Format.segment(problem.id()) + "?lang=" + Format.segment(language)
                    + (contest == null ? "" : "&contest=" + Format.segment(contest));
        }

        public String language() {
            return statement.map(RenderedStatement::language).orElse("en");
        }
    }

    private ProblemPage() {
    }

    /** What KaTeX needs on the page: its stylesheet in the head, its script before ours. */
    static final List<String> SCRIPTS_WITH_MATH = List.of(KatexAssets.SCRIPT, "/static/js/statement.js",
            "/static/js/submit.js");
    static final List<String> SCRIPTS = List.of("/static/js/submit.js");

    /**
     * The page for a problem an anonymous reader may not see (or that does not exist): "not found", and a script
     * that asks the API with the reader's token and shows the problem to those who may read it.
     */
    public static String renderHidden(String id) {
        return Templates.render("problem-hidden.jte", Map.of("id", id, "scripts", HIDDEN_SCRIPTS,
                "katexStylesheet", KatexAssets.STYLESHEET));
    }

    static final List<String> HIDDEN_SCRIPTS = List.of(KatexAssets.SCRIPT, "/static/js/statement.js",
            "/static/js/problem-view.js", "/static/js/submit.js");

    public static String render(View view) {
        boolean math = view.statement().map(RenderedStatement::hasMath).orElse(false);
        return Templates.render("problem.jte", Map.of("view", view, "scripts", math ? SCRIPTS_WITH_MATH : SCRIPTS,
                "katexStylesheet", math ? KatexAssets.STYLESHEET : ""));
    }
}
