# Lakegate's image: the jar, plus default routes/, contracts/ and application.yaml (Kubernetes mounts its
# own over them). Build the jar first:  mvn -B verify && docker build -t lakegate:0.1.0 .
FROM eclipse-temurin:17-jre

# A fixed non-root user: the same uid/gid as runAsUser/fsGroup in kubernetes/base/deployment.yaml.
RUN groupadd --system --gid 10001 lakegate \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home lakegate

WORKDIR /app
# Owned by root and read-only to the service; only lake-data/ (the embedded lake's default folder) is its own.
COPY target/lakegate.jar /app/lakegate.jar
COPY application.yaml /app/application.yaml
COPY routes/ /app/routes/
COPY contracts/ /app/contracts/
RUN mkdir /app/lake-data && chown 10001:10001 /app/lake-data

USER 10001:10001
EXPOSE 8080 8081
ENTRYPOINT ["java", "-jar", "/app/lakegate.jar"]
