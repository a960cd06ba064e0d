#!/bin/sh
# Makes the TLS material Pebble serves its ACME API with (nothing of it is committed): a CA
# (ca.pem, which the provisioner and renewer trust through acme.trust-pem) and a certificate for
# the host name "pebble" signed by it. Run once before `docker compose up`:
#   deploy/compose/make-pebble-tls.sh
set -eu
DIR=$(cd "$(dirname "$0")" && pwd)/pebble-tls
mkdir -p "$DIR"
cd "$DIR"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 \
  -subj "/CN=waymark compose pebble CA" -keyout ca.key -out ca.pem
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=pebble" \
  -keyout pebble.key -out pebble.csr
printf 'subjectAltName=DNS:pebble,DNS:localhost,IP:127.0.0.1\n' > san.ext
openssl x509 -req -in pebble.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 \
  -extfile san.ext -out pebble.pem
rm -f pebble.csr san.ext ca.srl ca.key
chmod 644 ca.pem pebble.pem pebble.key
echo "wrote $DIR (ca.pem, pebble.pem, pebble.key)"
