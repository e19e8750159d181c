# The judge image: the jar plus the toolchains of the languages it judges.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -DskipTests package

FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
      openjdk-17-jdk-headless gcc g++ python3 pypy3 golang-go nodejs util-linux ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/api/target/judge.jar /app/judge.jar
WORKDIR /app
EXPOSE 8080
CMD ["java", "-jar", "/app/judge.jar", "serve"]
