#!/bin/bash
# Times the whole `rating` command, JVM start included, on a generated 100,000-contestant standings file.
#   bench/rating/time-cli.sh [N]
# Uses api/target/judge.jar when it exists (mvn -B -pl api -am -DskipTests package); otherwise compiles
# RatingCommand with a stand-in main (RatingCli.java) against rating/target/classes and jackson-core.
set -e
cd "$(dirname "$0")/../.."
N=${N:-${1:-100000}}
FILE=/tmp/standings-$N.json
[ -f "$FILE" ] || python3 bench/rating/gen-standings.py "$N" "$FILE"
ls -la "$FILE"
if [ -f api/target/judge.jar ]; then
  CMD=(java -jar api/target/judge.jar rating "$FILE")
else
  mvn -B -o -q -pl rating compile
  JACKSON=$(ls ~/.m2/repository/com/fasterxml/jackson/core/jackson-core/*/jackson-core-*.jar | grep -v sources | sort -V | tail -1)
  OUT=/tmp/rating-cli-classes
  rm -rf "$OUT" && mkdir -p "$OUT"
  javac -d "$OUT" -cp "rating/target/classes:$JACKSON" \
    api/src/main/java/org/cpjudge/api/cli/RatingCommand.java bench/rating/RatingCli.java
  CMD=(java -cp "$OUT:rating/target/classes:$JACKSON" RatingCli "$FILE")
fi
echo "${CMD[*]}"
"${CMD[@]}" | head -c 200; echo
for k in 1 2 3 4 5; do
  /usr/bin/time -f "wall %e s  user %U s  sys %S s  maxrss %M KB" "${CMD[@]}" > /dev/null
done
