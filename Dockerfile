# The app's container image. Built where a Docker engine runs, from the packaged jar:
#   ./mvnw -B -DskipTests package && docker build -t retailflow .
# Layers: dependencies change rarely, the application often; each is its own image layer, so a rebuild after a code
# change ships only the last ones.
FROM eclipse-temurin:25-jre AS layers
WORKDIR /layers
COPY app/target/retailflow-app.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 retailflow \
 && useradd --system --uid 10001 --gid retailflow --no-create-home --shell /usr/sbin/nologin retailflow
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001:10001
ENV PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1"
EXPOSE 8080
# Readiness, not liveness: the container is healthy when it can take traffic (database reachable, started).
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
