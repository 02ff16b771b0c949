#!/usr/bin/env bash
# Blue/green releases of Vitrine on Kubernetes (dossier ADR-003; docs/runbooks/deploy.md).
# Both colours run; the Service `vitrine` selects the live one, `vitrine-preview` the other.
# What each colour runs and which is live is kept in Git, in the overlay's bluegreen.yaml,
# which this script rewrites and applies (`kubectl apply -k OVERLAY`): commit it afterwards.
#
# Usage: deploy/k8s/bluegreen.sh [--dry-run] COMMAND OVERLAY [IMAGE]
#   status OVERLAY          the declared state; and the cluster's, when kubectl reaches it
#   deploy OVERLAY IMAGE    put IMAGE on the idle colour, wait until it is ready, smoke-test
#                           it through vitrine-preview; the live colour is not touched
#   promote OVERLAY         after the same checks on the idle colour, make it live (the old
#                           live colour keeps running, for rollback)
#   rollback OVERLAY        make the previous colour live again, once it is ready
#   --dry-run               only rewrite bluegreen.yaml and print the kubectl commands
# OVERLAY is a directory like deploy/k8s/overlays/prod. Environment: KUBECTL (default
# kubectl), BLUEGREEN_TIMEOUT (rollout wait, default 300s).
set -euo pipefail

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "bluegreen: $*" >&2; exit 1; }

kubectl=${KUBECTL:-kubectl}
timeout=${BLUEGREEN_TIMEOUT:-300s}
dry_run=false
if [ "${1:-}" = --dry-run ]; then dry_run=true; shift; fi
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  status|promote|rollback) [ $# -eq 2 ] || { usage >&2; exit 2; } ;;
  deploy) [ $# -eq 3 ] || { usage >&2; exit 2; } ;;
  *) echo "bluegreen: unknown command '${1:-}' (accepted: status, deploy, promote, rollback)" >&2; exit 2 ;;
esac
command=$1
overlay=${2%/}
state="$overlay/bluegreen.yaml"
[ -f "$overlay/kustomization.yaml" ] || die "'$overlay' is not a kustomize overlay (no kustomization.yaml)"
[ -f "$state" ] || die "$state is missing: the overlay must list it under patches"
grep -qx '  - path: bluegreen.yaml' "$overlay/kustomization.yaml" ||
  die "$overlay/kustomization.yaml does not patch with bluegreen.yaml"

# --- the declared state: the first line of bluegreen.yaml, which this script writes.
#   # bluegreen: live=blue previous=green blue=IMAGE green=IMAGE
read_state() {
  local line
  line=$(head -n 1 "$state")
  [[ "$line" =~ ^#\ bluegreen:\ live=(blue|green)\ previous=(blue|green)\ blue=([^ ]+)\ green=([^ ]+)$ ]] ||
    die "$state does not start with its state line (# bluegreen: live=... previous=... blue=... green=...)"
  live=${BASH_REMATCH[1]}
  previous=${BASH_REMATCH[2]}
  image_blue=${BASH_REMATCH[3]}
  image_green=${BASH_REMATCH[4]}
  [ "$live" != "$previous" ] || die "$state: live and previous are both $live"
}
other() { if [ "$1" = blue ]; then echo green; else echo blue; fi; }
image_of() { if [ "$1" = blue ]; then echo "$image_blue"; else echo "$image_green"; fi; }

deployment_patch() {
  cat <<EOF
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: vitrine-$1
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: $2
      containers:
        - name: vitrine
          image: $2
EOF
}

write_state() {
  local preview
  preview=$(other "$live")
  {
    echo "# bluegreen: live=$live previous=$previous blue=$image_blue green=$image_green"
    cat <<EOF
# Written by deploy/k8s/bluegreen.sh (docs/runbooks/deploy.md): which colour the Service
# vitrine sends traffic to, and the image each colour runs. Change it with the script.
apiVersion: v1
kind: Service
metadata:
  name: vitrine
  annotations:
    vitrine.dev/previous-colour: $previous
spec:
  selector:
    vitrine.dev/colour: $live
---
apiVersion: v1
kind: Service
metadata:
  name: vitrine-preview
spec:
  selector:
    vitrine.dev/colour: $preview
EOF
    deployment_patch blue "$image_blue"
    deployment_patch green "$image_green"
  } >"$state.tmp"
  mv "$state.tmp" "$state"
}

namespace() {
  awk '$1 == "namespace:" {print $2; exit}' "$overlay/kustomization.yaml"
}

run() {
  if $dry_run; then echo "+ $kubectl $*"; else "$kubectl" "$@"; fi
}

apply() {
  run apply -k "$overlay"
}

wait_ready() {
  echo "bluegreen: waiting for vitrine-$1 to be ready (up to $timeout)"
  run -n "$ns" rollout status "deployment/vitrine-$1" --timeout="$timeout" ||
    die "vitrine-$1 did not become ready; the live colour is unchanged ($live)"
}

# GET each path through the preview Service (kubectl port-forward); all must answer 200.
smoke_test() {
  local colour=$1 log port pid path code
  echo "bluegreen: smoke test of $colour through service/vitrine-preview"
  if $dry_run; then
    echo "+ $kubectl -n $ns port-forward service/vitrine-preview :80 (GET /healthz, /readyz, /api/v1/status)"
    return
  fi
  log=$(mktemp)
  "$kubectl" -n "$ns" port-forward service/vitrine-preview :80 >"$log" 2>&1 &
  pid=$!
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's/^Forwarding from 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$log" | head -n 1)
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    kill "$pid" 2>/dev/null || true
    cat "$log" >&2; rm -f "$log"
    die "port-forward to vitrine-preview failed; the live colour is unchanged ($live)"
  fi
  for path in /healthz /readyz /api/v1/status; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port$path" || true)
    [ "$code" != 000 ] || code="no answer"
    if [ "$code" != 200 ]; then
      kill "$pid" 2>/dev/null || true
      rm -f "$log"
      die "smoke test failed: GET $path on $colour got ${code:-no answer}; the live colour is unchanged ($live)"
    fi
    echo "bluegreen:   GET $path -> 200"
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$log"
}

read_state
ns=$(namespace)
[ -n "$ns" ] || die "the overlay sets no namespace"
idle=$(other "$live")

case "$command" in
  status)
    echo "declared ($state): live=$live (image $(image_of "$live")), idle=$idle (image $(image_of "$idle")), previous=$previous"
    if ! $dry_run && selector=$("$kubectl" -n "$ns" get service vitrine \
        -o jsonpath='{.spec.selector.vitrine\.dev/colour}' 2>/dev/null); then
      echo "cluster (namespace $ns): service/vitrine selects $selector"
      for c in blue green; do
        "$kubectl" -n "$ns" get "deployment/vitrine-$c" \
          -o jsonpath="{.metadata.name}: {.status.readyReplicas}/{.spec.replicas} ready, image {.spec.template.spec.containers[0].image}{'\n'}" ||
          true
      done
    else
      echo "cluster: not reachable (or --dry-run); declared state only"
    fi
    ;;
  deploy)
    image=$3
    [[ "$image" =~ ^[a-z0-9][a-z0-9._/:-]*(:[A-Za-z0-9_.-]+|@sha256:[0-9a-f]{64})$ ]] ||
      die "IMAGE '$image' is not an image reference with a tag or digest (registry/vitrine:sha-0123abcd)"
    [[ "$image" != *:latest ]] || die "IMAGE '$image': a release names an immutable tag, not latest"
    if [ "$idle" = blue ]; then image_blue=$image; else image_green=$image; fi
    write_state
    echo "bluegreen: $idle (idle) now runs $image; $live stays live"
    apply
    wait_ready "$idle"
    smoke_test "$idle"
    echo "bluegreen: $idle is ready and answers. Next: $0 promote $overlay"
    ;;
  promote)
    [ "$(image_of "$idle")" != "$(image_of "$live")" ] ||
      echo "bluegreen: note: $idle runs the same image as $live ($(image_of "$live"))"
    wait_ready "$idle"
    smoke_test "$idle"
    previous=$live
    live=$idle
    write_state
    apply
    echo "bluegreen: $live is live ($(image_of "$live")); $previous keeps running for rollback"
    ;;
  rollback)
    target=$previous
    wait_ready "$target"
    previous=$live
    live=$target
    write_state
    apply
    echo "bluegreen: rolled back: $live is live again ($(image_of "$live"))"
    ;;
esac
