package org.cpjudge.judge;

/** Hears a judging's status changes (queued → compiling → running → done). */
public interface JudgeListener {

    void compiling();

    void running();

    JudgeListener NONE = new JudgeListener() {
        @Override
        public void compiling() {
        }

        @Override
        public void running() {
        }
    };
}
