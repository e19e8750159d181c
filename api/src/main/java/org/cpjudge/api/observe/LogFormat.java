package org.cpjudge.api.observe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * How log lines are written: as {@code logback.xml} says (one readable line each), or one JSON object per line
 * (logback's own {@link JsonEncoder}: timestamp, level, thread, logger, message, the MDC, which carries the
 * submission a line concerns, key-value pairs and the stack trace), for a log collector to parse.
 */
public enum LogFormat {
    TEXT,
    JSON;

    /** The value of the {@code --log-format} setting. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Switches this process's console output to this format. Logging is the process's, not a server's: the last
     * server started decides. TEXT leaves the configuration as logback read it.
     */
    public void apply() {
        if (this == TEXT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        toJson(root, context);
    }

    /** Every console or file appender under {@code appenders}, through the asynchronous one that feeds them. */
    private static void toJson(AppenderAttachable<ILoggingEvent> appenders, LoggerContext context) {
        for (Iterator<Appender<ILoggingEvent>> it = appenders.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            if (appender instanceof AppenderAttachable<?> nested) {
                @SuppressWarnings("unchecked")
                AppenderAttachable<ILoggingEvent> inner = (AppenderAttachable<ILoggingEvent>) nested;
                toJson(inner, context);
            } else if (appender instanceof OutputStreamAppender<ILoggingEvent> out
                    && !(out.getEncoder() instanceof JsonEncoder)) {
                JsonEncoder json = json(context);
                out.stop();
                out.setEncoder(json);
                out.start();
            }
        }
    }

    private static JsonEncoder json(LoggerContext context) {
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        // the context (name, birth date) and sequence numbers repeat on every line; the raw template and its
        // arguments are kept as the formatted message
        json.setWithContext(false);
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithFormattedMessage(true);
        json.start();
        return json;
    }
}
