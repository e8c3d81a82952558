#!/bin/sh
# Registers the application's namespace (a Temporal server creates none by
# itself, unlike the dev server) and the custom search attributes listed in
# TEMPORAL_SEARCH_ATTRIBUTES ("Name=Type Name=Type ..."). Safe to re-run.
set -eu

ns="${TEMPORAL_NAMESPACE:-default}"

# Poll until the frontend answers; the port can be open before it serves.
wait_for() {
  what=$1
  shift
  tries=0
  until "$@" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 90 ]; then
      echo "timed out waiting for $what at $TEMPORAL_ADDRESS" >&2
      exit 1
    fi
    sleep 1
  done
}

healthy() {
  temporal operator cluster health 2>/dev/null | grep -q SERVING
}

wait_for "the Temporal cluster" healthy

if temporal operator namespace describe --namespace "$ns" >/dev/null 2>&1; then
  echo "namespace $ns exists"
else
  temporal operator namespace create --namespace "$ns" --retention "${TEMPORAL_NAMESPACE_RETENTION:-720h}"
fi

# A new namespace reaches the server's namespace cache a few seconds later.
wait_for "namespace $ns" temporal operator search-attribute list --namespace "$ns"

for pair in ${TEMPORAL_SEARCH_ATTRIBUTES:-}; do
  name=${pair%%=*}
  type=${pair#*=}
  if temporal operator search-attribute list --namespace "$ns" | grep -qw -- "$name"; then
    echo "search attribute $name exists"
  else
    temporal operator search-attribute create --namespace "$ns" --name "$name" --type "$type"
  fi
done
echo "namespace $ns is ready"
