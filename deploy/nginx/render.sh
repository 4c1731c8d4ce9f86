#!/bin/sh
# Render the edge's configuration into $NEWSROOM_EDGE_DIR, from these
# variables (the defaults are `make serve-edge`'s):
#   NEWSROOM_EDGE_DIR       where the config, cache, pid and error log go
#   NEWSROOM_EDGE_LISTEN    what nginx listens on          (127.0.0.1:8080)
#   NEWSROOM_EDGE_UPSTREAM  where gunicorn listens         (127.0.0.1:8000);
#                           several app servers separated by spaces
#   DJANGO_STATIC_ROOT      collected static files         (./staticfiles)
#   DJANGO_MEDIA_ROOT       uploaded photos                (./media)
#   NEWSROOM_ADMIN_URL      the admin's path               (admin/)
# Then: nginx -c "$NEWSROOM_EDGE_DIR/nginx.conf"
set -eu
here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/../.." && pwd)
: "${NEWSROOM_EDGE_DIR:?set NEWSROOM_EDGE_DIR}"
export NEWSROOM_EDGE_DIR
export NEWSROOM_EDGE_LISTEN="${NEWSROOM_EDGE_LISTEN:-127.0.0.1:8080}"
export NEWSROOM_EDGE_UPSTREAM="${NEWSROOM_EDGE_UPSTREAM:-127.0.0.1:8000}"
export DJANGO_STATIC_ROOT="${DJANGO_STATIC_ROOT:-$project/staticfiles}"
export DJANGO_MEDIA_ROOT="${DJANGO_MEDIA_ROOT:-$project/media}"
admin="${NEWSROOM_ADMIN_URL:-admin/}"
export NEWSROOM_ADMIN_URL="${admin#/}"
export NEWSROOM_EDGE_USER="$(id -un) $(id -gn)"
servers=""
for server in $NEWSROOM_EDGE_UPSTREAM; do
    servers="$servers    server $server max_fails=1 fail_timeout=5s;
"
done
export NEWSROOM_EDGE_SERVERS="$servers"
mkdir -p "$NEWSROOM_EDGE_DIR/cache"
# Only these names: nginx's own $variables stay as they are.
names='${NEWSROOM_EDGE_USER} ${NEWSROOM_EDGE_DIR} ${NEWSROOM_EDGE_LISTEN} ${NEWSROOM_EDGE_SERVERS} ${DJANGO_STATIC_ROOT} ${DJANGO_MEDIA_ROOT} ${NEWSROOM_ADMIN_URL}'
envsubst "$names" <"$here/newsroom.conf.template" >"$NEWSROOM_EDGE_DIR/newsroom.conf"
envsubst "$names" <"$here/nginx.conf.template" >"$NEWSROOM_EDGE_DIR/nginx.conf"
