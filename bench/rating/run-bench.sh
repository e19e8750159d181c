#!/bin/sh
# Times CodeforcesRating on 10k, 100k and 1M random contestants (in-process, JIT warm and cold).
set -e
cd "$(dirname "$0")/../.."
mvn -B -o -q -pl rating test-compile
exec java -Xmx2g -cp rating/target/classes:rating/target/test-classes org.cpjudge.rating.bench.RatingBench "$@"
