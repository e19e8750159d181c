package org.cpjudge.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.cpjudge.api.JudgeServer;
import org.cpjudge.api.TestDatabaseAccess;
import org.cpjudge.api.Zips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jury desk in headless chromium against a real server with real judging: an administrator signs in with
 * their token, sees the unfrozen board and the queue, rejudges a submission from its button (judged again: its
 * history holds two judgings) and answers a contestant's question; a contestant's token opens nothing.
 */
class JuryDeskBrowserTest {

    private static final String ADMIN = "jury-desk-admin-token";
    private static final Path SCREENSHOTS = Path.of("target", "web-screenshots");

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static JudgeHttp api;
    private static String alice;
    private static String accepted;
    private static String wrong;
    private static long question;

    @BeforeAll
    static void start() throws Exception {
        server = TestDatabaseAccess.startServer(dataDir, 1, ADMIN);
        api = new JudgeHttp(server.port(), ADMIN);
        api.post("/api/v1/problems?id=jd-sum", ADMIN, "application/zip", Zips.of(Zips.resource("packages/sum")));
        // running, frozen from its first minute: the public board hides what the jury sees
        api.postJson("/api/v1/contests", ADMIN, new JsonObject().put("id", "jdround").put("name", "Jury Round")
                .put("start", Instant.now().minus(1, ChronoUnit.MINUTES).toString()).put("duration_minutes", 120)
                .put("freeze_minutes", 120).put("scoring", "icpc").put("problems", new JsonArray().add("jd-sum")));
        // over, and frozen for its last hour: its desk's buttons are tried on it
        api.postJson("/api/v1/contests", ADMIN, new JsonObject().put("id", "jdover").put("name", "Jury Over")
                .put("start", Instant.now().minus(3, ChronoUnit.HOURS).toString()).put("duration_minutes", 120)
                .put("freeze_minutes", 60).put("scoring", "icpc").put("problems", new JsonArray().add("jd-sum"))
                .put("rated", false));
        alice = api.user("jd_alice", "human", null);
        api.post("/api/v1/contests/jdround/register", alice, "application/json", new byte[0]);
        accepted = api.submit(alice, "jd-sum", "jdround", JudgeHttp.AC, null);
        wrong = api.submit(alice, "jd-sum", "jdround", JudgeHttp.WA, null);
        api.awaitDone(accepted);
        api.awaitDone(wrong);
        question = api.postJson("/api/v1/contests/jdround/clarifications", alice, new JsonObject()
                .put("problem", "jd-sum").put("text", "Is the input <b id=\"bold\">one line</b>?")).getLong("id");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Signs in through the header's form, as a person pastes a token. */
    private static void signIn(DevTools browser, String token) throws Exception {
        browser.await("document.getElementById('signin') !== null && !document.getElementById('session').hidden",
                "true"::equals, "the sign-in box");
        browser.evaluate("document.getElementById('signin-box').open = true;"
                + "document.getElementById('signin-token').value = '" + token + "';"
                + "document.getElementById('signin').requestSubmit(); 'sent'");
    }

    @Test
    void anAdministratorRejudgesASubmissionFromTheQueue() throws Exception {
        try (DevTools browser = DevTools.open()) {
            browser.navigate(api.url("/jury/contests/jdround"));
            signIn(browser, ADMIN);
            browser.await("document.getElementById('jury-desk').hidden", "false"::equals, "the desk opened");
            browser.await("document.getElementById('jury-title').textContent", "Jury desk: Jury Round"::equals,
                    "the contest's name");
            // the board is the jury's: both tries are on it although the public board is frozen
            browser.await("document.querySelector('#jury-board tbody td:nth-child(2)') ?"
                    + " document.querySelector('#jury-board tbody td:nth-child(2)').textContent : null",
                    "jd_alice"::equals, "alice on the jury's board");
            assertEquals("true", browser.evaluate("(() => { const c = document.querySelector('#jury-board tbody td.cell');"
                    + " return c.classList.contains('solved') && c.textContent.startsWith('+'); })()"));
            String row = "document.querySelector('#queue tr[data-id=\"" + accepted + "\"]')";
            browser.await(row + " !== null", "true"::equals, "the accepted submission in the queue");
            assertEquals("1", browser.evaluate(row + ".querySelector('.judgements').textContent"));
            assertEquals("2", browser.evaluate("document.querySelectorAll('#queue tbody tr').length"));

            PageAudit.save(browser, SCREENSHOTS.resolve("jury-desk.png"));
            // the filled desk: accessible, and no sideways scroll on a phone
            assertEquals(java.util.List.of(), Axe.seriousViolations(browser));
            int[] widths = PageAudit.widthsAt(browser, 390);
            assertTrue(widths[0] <= widths[1], "the desk scrolls sideways at 390 px: " + widths[0] + " > " + widths[1]);

            PageAudit.save(browser, SCREENSHOTS.resolve("jury-desk-phone.png"));
            browser.evaluate(row + ".querySelector('button.rejudge').click(); 'clicked'");
            browser.await(row + " && " + row + ".querySelector('.judgements').textContent", "2"::equals,
                    "the submission judged a second time");
            browser.await(row + ".querySelector('.verdict').textContent", "AC"::equals, "its verdict again");
        }
        JsonObject s = api.awaitDone(accepted);
        JsonArray history = s.getJsonArray("history");
        assertEquals(2, history.size(), s.encode());
        assertEquals("AC", history.getJsonObject(0).getString("verdict"));
        assertEquals("AC", history.getJsonObject(1).getString("verdict"));
        assertTrue(history.getJsonObject(1).getBoolean("rejudge"), history.encode());
    }

    @Test
    void anAdministratorAnswersAQuestion() throws Exception {
        try (DevTools browser = DevTools.open()) {
            browser.navigate(api.url("/jury/contests/jdround"));
            signIn(browser, ADMIN);
            String item = "document.querySelector('[data-clarification=\"" + question + "\"]')";
            browser.await(item + " !== null", "true"::equals, "alice's question");
            // her markup is text
            assertEquals("Is the input <b id=\"bold\">one line</b>?", browser.evaluate(item + ".querySelector('.text').textContent"));
            assertEquals("0", browser.evaluate("document.querySelectorAll('#bold').length"));
            assertEquals("waiting for an answer", browser.evaluate(item + ".querySelector('.state').textContent"));
            assertTrue(browser.evaluate(item + ".querySelector('.meta').textContent").startsWith("jd_alice asks about A ·"),
                    "the problem by its label");
            browser.evaluate(item + ".querySelector('textarea').value = 'Yes: two integers on one line.';"
                    + item + ".querySelector('form').requestSubmit(); 'sent'");
            browser.await(item + ".querySelector('.state').textContent", "answered"::equals, "the question answered");
            assertEquals("To the asker: Yes: two integers on one line.",
                    browser.evaluate(item + ".querySelector('.answers li').textContent"));
            PageAudit.save(browser, SCREENSHOTS.resolve("jury-clarifications.png"));
        }
        // alice reads the private answer to her question
        JsonArray seen = new JsonArray(api.get("/api/v1/contests/jdround/clarifications", alice).body());
        JsonObject answer = seen.stream().map(o -> (JsonObject) o).filter(c -> "answer".equals(c.getString("kind")))
                .findFirst().orElseThrow(() -> new AssertionError(seen.encode()));
        assertEquals(question, answer.getLong("reply_to"));
        assertEquals("Yes: two integers on one line.", answer.getString("text"));
        assertEquals(false, answer.getBoolean("public"));
    }

    @Test
    void theContestButtonsUnfreezeRejudgeAndFinalize() throws Exception {
        try (DevTools browser = DevTools.open()) {
            browser.navigate(api.url("/jury/contests/jdover"));
            signIn(browser, ADMIN);
            browser.await("document.getElementById('contest-state').textContent", t -> t.contains("frozen"),
                    "the frozen state");
            // each button asks to be clicked again before it acts
            browser.evaluate("document.getElementById('unfreeze').click(); 'once'");
            assertTrue(browser.evaluate("document.getElementById('unfreeze').textContent").contains("again"));
            assertEquals("", browser.evaluate("document.getElementById('contest-result').textContent"));
            browser.evaluate("document.getElementById('unfreeze').click(); 'twice'");
            browser.await("document.getElementById('contest-result').textContent", t -> t.contains("unfrozen"),
                    "the unfreeze done");
            browser.evaluate("document.getElementById('rejudge-contest').click(); document.getElementById('rejudge-contest').click(); 'twice'");
            browser.await("document.getElementById('contest-result').textContent",
                    t -> t.startsWith("0 submission(s) queued"), "the rejudge answered");
            browser.evaluate("document.getElementById('finalize').click(); document.getElementById('finalize').click(); 'twice'");
            browser.await("document.getElementById('contest-result').textContent", t -> t.contains("finalized"),
                    "the contest finalized");
            browser.await("document.getElementById('contest-state').textContent", t -> t.contains("finalized at"),
                    "the state after finalizing");
        }
        JsonObject contest = new JsonObject(api.get("/api/v1/contests/jdover", ADMIN).body());
        assertTrue(contest.getString("unfrozen_at") != null, contest.encode());
        assertTrue(contest.getString("finalized_at") != null, contest.encode());
        assertEquals(false, contest.getBoolean("frozen"), contest.encode());
    }

    @Test
    void aContestantsTokenOpensNothing() throws Exception {
        try (DevTools browser = DevTools.open()) {
            browser.navigate(api.url("/jury"));
            String notice = "document.getElementById('jury-auth').textContent";
            assertTrue(browser.await(notice, t -> t.contains("administrator"), "the sign-in notice").contains("Sign in"));
            signIn(browser, alice);
            browser.await(notice, t -> t.contains("not an administrator"), "the refusal");
            assertEquals("true", browser.evaluate("document.getElementById('jury-desk').hidden"));
            assertEquals("0", browser.evaluate("document.querySelectorAll('#queue tbody tr').length"));
        }
        Chromium.screenshot(api.url("/jury/contests/jdround"), SCREENSHOTS.resolve("jury-shell.png"));
        // the shell itself is public HTML; what it shows comes from the API, which refuses
        HttpResponse<String> shell = api.get("/jury/contests/jdround", null);
        assertEquals(200, shell.statusCode());
        assertTrue(shell.body().contains("data-contest=\"jdround\""), shell.body());
        assertEquals(403, api.get("/api/v1/submissions?contest=jdround", alice).statusCode());
        assertEquals(403, api.get("/api/v1/contests/jdround/scoreboard?view=jury", alice).statusCode());
    }

    @Test
    void theDeskListsTheContestsAndTheWholeQueue() throws Exception {
        try (DevTools browser = DevTools.open()) {
            browser.navigate(api.url("/jury"));
            signIn(browser, ADMIN);
            browser.await("document.querySelectorAll('#jury-contests tbody a').length", "2"::equals, "the contests");
            assertEquals("/jury/contests/jdround|/jury/contests/jdover", browser.evaluate("Array.from(document"
                    + ".querySelectorAll('#jury-contests tbody a')).map(a => a.getAttribute('href')).sort().reverse().join('|')"));
            browser.await("document.querySelectorAll('#queue tr[data-id]').length", n -> Integer.parseInt(n) >= 2,
                    "the submissions");
            // filtering by verdict asks the API again
            browser.evaluate("document.getElementById('filter-verdict').value = 'WA';"
                    + "document.getElementById('queue-filter').requestSubmit(); 'filtered'");
            browser.await("Array.from(document.querySelectorAll('#queue tr[data-id]')).map(r => r.dataset.id).join()",
                    wrong::equals, "only the wrong answer");
            assertTrue(browser.evaluate("document.getElementById('queue-range').textContent").endsWith("of 1"));
        }
    }
}
