# The serving app (`sivistream serve`): HTTP API, dashboard, /metrics and the prediction join.
#
# Build from the repository root after `mvn -B -DskipTests package`:
#   docker build -f deploy/docker/serving.Dockerfile -t sivistream-serving:0.1.0-SNAPSHOT .
FROM eclipse-temurin:17-jre

RUN groupadd --system --gid 10001 sivistream \
 && useradd --system --uid 10001 --gid sivistream --home-dir /opt/sivistream sivistream \
 && mkdir -p /opt/sivistream /var/lib/sivistream/serve \
 && chown -R sivistream:sivistream /opt/sivistream /var/lib/sivistream

# the CLI jar (stream-app's main shade execution; Main-Class io.sivistream.app.cli.Main)
COPY --chown=sivistream:sivistream stream-app/target/sivistream.jar /opt/sivistream/sivistream.jar

USER 10001:10001
WORKDIR /opt/sivistream
EXPOSE 8080
# the engine's small matrix operations run faster single-threaded (docs/performance.md)
ENV OMP_NUM_THREADS=1
ENTRYPOINT ["java", "-Djava.awt.headless=true", "-jar", "/opt/sivistream/sivistream.jar"]
CMD ["serve", "--config", "/opt/sivistream/conf/serve.yaml"]
