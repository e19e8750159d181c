/**
 * Completion callbacks: a submission's {@code callback_url} receives the judged submission, signed.
 *
 * <p>Where a URL may go ({@link org.cpjudge.api.callback.CallbackUrl}, {@link org.cpjudge.api.callback.AddressRules},
 * the administrator's {@link org.cpjudge.api.callback.CallbackAllowList}, asked through
 * {@link org.cpjudge.api.callback.CallbackPolicy} at submit and again at each delivery); how a body is signed
 * ({@link org.cpjudge.api.callback.Signature}); and how the outbox rows written with each verdict
 * ({@link org.cpjudge.api.store.CallbackStore}) are delivered and retried
 * ({@link org.cpjudge.api.callback.CallbackDispatcher}, {@link org.cpjudge.api.callback.CallbackSender},
 * {@link org.cpjudge.api.callback.RetrySchedule}).
 */
package org.cpjudge.api.callback;
