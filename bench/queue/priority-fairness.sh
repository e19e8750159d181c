#!/usr/bin/env bash
# The judge queue's priority and fairness, and its claim throughput, on a real PostgreSQL, no judging: an AI lab
# queues BATCH attempts, then a live contestant, a practising user and a second AI user submit once each; prints
# the claim position each got (the live one should be first, practice second, the second AI user's single attempt
# right after the lab's first). Then claims/s from a queue of DEEP jobs, with one claimer and with CLAIMERS at
# once (each claimed job completed), beside SELECT 1 round trips/s and one-row UPDATE commits/s in the same run.
#   bench/queue/priority-fairness.sh [BATCH=2000] [DEEP=10000] [CLAIMERS=4]
# The database: JUDGE_TEST_DB_URL (with JUDGE_TEST_DB_USER, JUDGE_TEST_DB_PASSWORD) when set, else an embedded
# PostgreSQL under api/target/test-postgres. Needs api/target/judge.jar (mvn -o -DskipTests package).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
[ -f api/target/judge.jar ] || { echo "build first: mvn -B -o -DskipTests package" >&2; exit 1; }
mvn -B -o -q -pl api -am test-compile -Dmaven.main.skip >/dev/null
cd api
exec java -cp "target/test-classes:target/judge.jar" org.cpjudge.api.queue.QueueBench "$@"
