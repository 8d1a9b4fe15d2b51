# The posterior job on CPU task managers: Flink 2.2 on Java 17 (the official image) with the job
# jar in lib/, so ND4J and JavaCPP load parent-first, once per JVM (base/flink.yaml).
#
# Build from the repository root after `mvn -B -DskipTests package`:
#   docker build -f deploy/docker/job.Dockerfile -t sivistream-job:0.1.0-SNAPSHOT .
# deploy.DockerfilesITCase checks in `mvn verify` that every file copied here exists after the
# build and that the FlinkDeployment's entry class is in the jar.
FROM flink:2.2.0-scala_2.12-java17

# checkpoints, savepoints and HA metadata go to an S3-compatible bucket (base/flink.yaml)
RUN mkdir -p /opt/flink/plugins/s3-fs-presto \
 && cp /opt/flink/opt/flink-s3-fs-presto-2.2.0.jar /opt/flink/plugins/s3-fs-presto/ \
 && chown -R flink:flink /opt/flink/plugins/s3-fs-presto

# the job jar without Flink's own classes (stream-app's flink-job shade execution)
COPY --chown=flink:flink stream-app/target/sivistream-flink-job.jar /opt/flink/lib/sivistream-flink-job.jar

# the official image's user (uid 9999); the pods run as it (base/flink.yaml securityContext)
USER flink
