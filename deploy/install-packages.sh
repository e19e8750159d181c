#!/bin/sh
# Installs the Debian packages named in the list files given as arguments: one package per line, '#' starts a
# comment (as .ci/run reads .ci/debian-packages), and a line whose comment says "not in the image" is skipped
# (tools only the tests need, e.g. the browser of the web page tests).
# The Dockerfile's RUN steps call this script, and deploy/check-image-recipe.sh runs those same RUN steps in a
# debootstrapped bookworm root, so the image and its check cannot install different lists.
set -eu
[ $# -gt 0 ] || { echo "usage: install-packages.sh LIST..." >&2; exit 2; }
packages=$(for list in "$@"; do grep -v '#.*not in the image' "$list" | sed -e 's/#.*//'; done | tr -s ' \t\n' ' ')
[ -n "${packages# }" ] || { echo "install-packages.sh: no packages in $*" >&2; exit 1; }
echo "installing:$packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update
# shellcheck disable=SC2086  # one word per package
apt-get install -y --no-install-recommends $packages
apt-get clean
rm -rf /var/lib/apt/lists/*
