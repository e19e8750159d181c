/**
 * The ICPC Contest API (CLICS, ccs-specs 2023-06), read-only, under {@code /clics}; mounted by
 * {@link org.cpjudge.api.clics.ClicsRoutes} from the API server.
 *
 * <p>How our contests map onto the specification:
 * <ul>
 *   <li>Teams are the registered contestants: id the handle when it is a valid ID (else a readable stem and a
 *       hash, see {@link org.cpjudge.api.clics.ClicsIds}), name the display name or else the handle.
 *       Organizations are the distinct affiliations ({@code org-} and a hash of the name). Groups:
 *       {@code participants} (humans) and {@code ai} (AI contestants).</li>
 *   <li>Submissions keep their UUIDs as ids; each has one judgement with the same id (no rejudging history
 *       yet), whose start is taken as the submission's arrival (we do not record when judging began); runs
 *       are the stored test results, all dated at the verdict (no per-test times are kept).</li>
 *   <li>Judgement types are our verdicts under the same standard ids; compile and judge errors cost no penalty.</li>
 *   <li>The scoreboard is our own scoring engine's board, translated ({@link org.cpjudge.api.clics.ClicsScoreboard}
 *       calls it in one place); ICPC is {@code pass-fail}, IOI and Codeforces rounds {@code score}.</li>
 *   <li>Awards: {@code winner}, {@code group-winner-<group>}, {@code first-to-solve-<problem>}; no medals (a
 *       contest does not say how many it gives).</li>
 *   <li>Access: the public sees what the public board shows ({@link org.cpjudge.api.clics.Audience}); an
 *       administrator's token everything; a contestant's token reads as the public (no team view yet).</li>
 *   <li>The event feed ({@link org.cpjudge.api.clics.EventFeed}) is rebuilt from the data on each read; every
 *       event has a stable token (its time and place), so {@code since_token} resumes after it.</li>
 * </ul>
 */
package org.cpjudge.api.clics;
