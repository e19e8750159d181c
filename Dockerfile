# The judge image: the jar (with its native sandbox supervisor) plus the toolchains of the languages it judges.
# Both stages are Debian 12 (bookworm): the supervisor is compiled against the C library it runs on.
# Package lists: deploy/packages-build, deploy/packages-runtime and .ci/debian-packages (the toolchains the
# tests judge), installed by deploy/install-packages.sh. deploy/check-image-recipe.sh runs this file's steps
# in a debootstrapped bookworm root and starts the jar there (README, "Deployment"): keep to FROM, COPY,
# RUN, ENV, WORKDIR, VOLUME, EXPOSE and CMD, one line each, which is what that check understands.
#
#   docker build -t cpjudge .
#   docker run --privileged --cgroupns=host -v /run/cpjudge-box-uids:/run/cpjudge-box-uids \
#              -v judgedata:/data -p 8080:8080 cpjudge
# The sandbox needs --privileged (namespaces, mounts, a writable cgroup tree) and --cgroupns=host; the shared
# /run/cpjudge-box-uids keeps box uids unique across judge containers on one host. README, "Deployment".

FROM debian:bookworm AS build
COPY deploy/install-packages.sh deploy/packages-build /tmp/recipe/
RUN sh /tmp/recipe/install-packages.sh /tmp/recipe/packages-build && rm -rf /tmp/recipe
WORKDIR /src
COPY . .
RUN mvn -B -DskipTests package

FROM debian:bookworm
COPY deploy/install-packages.sh deploy/packages-runtime .ci/debian-packages /tmp/recipe/
RUN sh /tmp/recipe/install-packages.sh /tmp/recipe/packages-runtime /tmp/recipe/debian-packages && rm -rf /tmp/recipe
COPY --from=build /src/api/target/judge.jar /app/judge.jar
# Java 17 takes its default charset from the locale (UTF-8 by default only from Java 18), and the image sets none
ENV LANG=C.UTF-8
ENV JUDGE_DATA_DIR=/data
ENV JUDGE_PORT=8080
VOLUME /data
WORKDIR /app
EXPOSE 8080
CMD ["java", "-jar", "/app/judge.jar", "serve"]
