#!/usr/bin/env bash
# chainrule beside PyTorch 2.7.1 (libtorch CPU through DJL): builds chainrule and this module (-Ppytorch; the first
# build fetches libtorch's jar from Maven Central, the first run unpacks it into ~/.djl.ai), then runs SideBySide
# once per thread count, on $JAVA_HOME's java (default: java on the PATH).
#   examples/pytorch-bench/run.sh [rounds]                       # 5 rounds, 1 and 2 threads
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 THREADS="1" examples/pytorch-bench/run.sh 3
#   JVM_OPTIONS="-XX:AOTCache=mlp.aot" examples/pytorch-bench/run.sh     # more options for each java
#   CHAINRULE_THREADS=2 THREADS=1 examples/pytorch-bench/run.sh          # chainrule on 2 threads, PyTorch on 1
set -euo pipefail
module=$(cd "$(dirname "$0")" && pwd)
cd "$module/../.."
rounds=${1:-5}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
mvn -B -q -Ppytorch -pl examples/pytorch-bench -am package -DskipTests
# jars only, no class directory: class-data sharing and JDK 25's AOT cache accept nothing else
classpath="$module/target/chainrule-pytorch-bench-0.1.0-SNAPSHOT.jar:$(cat "$module/target/classpath.txt")"
for threads in ${THREADS:-1 2}; do
  echo "== $threads thread(s)"
  # ai.djl.offline: fail rather than download; OMP_NUM_THREADS and num_threads: libtorch's intra-op threads
  # shellcheck disable=SC2086 # JVM_OPTIONS is a list of options
  OMP_NUM_THREADS=$threads "$java" --add-modules jdk.incubator.vector -Xmx4g ${JVM_OPTIONS:-} \
    -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
    -Dchainrule.gemm.threads="${CHAINRULE_THREADS:-$threads}" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    -cp "$classpath" io.chainrule.pytorchbench.SideBySide "$rounds" 2>&1 | grep -v '^WARNING: Using incubator'
done
