#!/bin/sh
# Creates the Secrets the Waymark Deployments mount, with fresh random keys. Nothing here is
# committed: keys are made on the operator's machine and go straight into the cluster.
#
#   deploy/k8s/secrets/create-secrets.sh <namespace> [acme-account.sealed]
#
# waymark-seal-keys    seal.keys            AES-256-GCM sealing keys (provisioner, edge)
# waymark-token-keys   token.keys           HMAC-SHA256 token keys (rewriter, edge)
# waymark-acme-account acme-account.sealed  the sealed ACME account key (provisioner); made once
#                                           per CA, see docs/operations.md "First start"
# Existing Secrets are left alone: rotate keys as docs/operations.md describes, never by
# re-running this script.
set -eu
NS=${1:?usage: create-secrets.sh <namespace> [acme-account.sealed]}
ACCOUNT=${2:-}
ID=$(date -u +k%y%m)

create_keys() { # secret, file name
  if kubectl -n "$NS" get secret "$1" >/dev/null 2>&1; then
    echo "secret $1 exists, left alone"
    return
  fi
  printf '%s:%s\n' "$ID" "$(openssl rand -base64 32)" |
    kubectl -n "$NS" create secret generic "$1" --from-file="$2=/dev/stdin"
}

create_keys waymark-seal-keys seal.keys
create_keys waymark-token-keys token.keys
if [ -n "$ACCOUNT" ]; then
  kubectl -n "$NS" create secret generic waymark-acme-account --from-file="acme-account.sealed=$ACCOUNT"
else
  echo "no account file given: create waymark-acme-account before the provisioner starts"
fi
