# The posterior job on GPU task managers: the same Flink 2.2 / Java 17 runtime as job.Dockerfile,
# on NVIDIA's CUDA 11.6 runtime with cuDNN 8 (what ND4J's nd4j-cuda-11.6 backend was built
# against; pom.xml cuda.preset.version), with the job jar built for CUDA.
#
# Build from the repository root:
#   mvn -B -DskipTests -Pcuda -Dcuda.native package
#   docker build -f deploy/docker/job-cuda.Dockerfile -t sivistream-job-cuda:0.1.0-SNAPSHOT .
# (the CUDA jar replaces the CPU one in stream-app/target; build the CPU image first or from a
# separate checkout)
FROM flink:2.2.0-scala_2.12-java17 AS flink

FROM nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04

ENV JAVA_HOME=/opt/java/openjdk \
    FLINK_HOME=/opt/flink
ENV PATH=$JAVA_HOME/bin:$FLINK_HOME/bin:$PATH

# the Flink image's user, uid and gid 9999, so the pod template's securityContext fits both images
RUN groupadd --system --gid 9999 flink \
 && useradd --system --uid 9999 --gid flink --home-dir /opt/flink flink

COPY --from=flink /opt/java/openjdk /opt/java/openjdk
COPY --from=flink --chown=flink:flink /opt/flink /opt/flink
COPY --from=flink /docker-entrypoint.sh /docker-entrypoint.sh

RUN mkdir -p /opt/flink/plugins/s3-fs-presto \
 && cp /opt/flink/opt/flink-s3-fs-presto-2.2.0.jar /opt/flink/plugins/s3-fs-presto/ \
 && chown -R flink:flink /opt/flink/plugins/s3-fs-presto

COPY --chown=flink:flink stream-app/target/sivistream-flink-job.jar /opt/flink/lib/sivistream-flink-job.jar

USER flink
WORKDIR /opt/flink
ENTRYPOINT ["/docker-entrypoint.sh"]
