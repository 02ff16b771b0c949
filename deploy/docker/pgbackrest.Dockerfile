# The image the pgBackRest CronJobs run (deploy/k8s/components/pgbackrest/): Debian 12's
# pgBackRest 2.45, with bash and curl for pgbackrest-job (mounted from a ConfigMap), as
# the user pgbackrest, uid 999 (the uid of postgres in PostgreSQL's official images; the
# package's own postgres user, from postgresql-common, has a system uid that varies).
# scripts/test-image builds and checks it.
#   docker build -f deploy/docker/pgbackrest.Dockerfile -t registry.example.com/vitrine-pgbackrest:2.45 deploy/docker
# The base is pinned by digest as in ./Dockerfile (bump both together).
ARG DEBIAN_IMAGE=docker.io/library/debian:bookworm-slim@sha256:3783cc01769c7b2b1b83a5c5ad96c815348e28ed7da68e2e3687004faa906251
FROM ${DEBIAN_IMAGE}
LABEL org.opencontainers.image.title="vitrine-pgbackrest" \
      org.opencontainers.image.description="pgBackRest for Vitrine's scheduled PostgreSQL backups" \
      org.opencontainers.image.base.name="debian:bookworm-slim"
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends pgbackrest=2.45-1 bash curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/* \
 && groupadd --system --gid 999 pgbackrest \
 && useradd --system --uid 999 --gid 999 --home-dir /var/lib/pgbackrest --no-create-home \
            --shell /usr/sbin/nologin pgbackrest \
 && pgbackrest version
USER 999:999
ENTRYPOINT ["/usr/bin/pgbackrest"]
CMD ["version"]
