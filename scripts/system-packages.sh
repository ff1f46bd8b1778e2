#!/usr/bin/env sh
# SPDX-License-Identifier: EUPL-1.2
# The Debian packages the PDF export needs: WeasyPrint's Pango (with HarfBuzz for shaping
# Arabic script) and the DejaVu font that every PDF embeds. Installs what is missing when
# run as root (CI, Docker); otherwise says which command to run, and `make run` goes on.
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
missing=""
for package in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages for the PDF export:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "The PDF export needs these Debian packages: sudo apt-get install$missing" >&2
fi
