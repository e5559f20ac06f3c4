// The script behind lvs-play-dr-client.service: POSIX sh (dash on Debian),
// needs only iproute2 and /proc. It is the same for every host and cluster;
// the VIPs come from a separate file (dr-client.ts), so a changed VIP list is
// a data change applied with `systemctl reload`. Environment variables
// LVS_PLAY_DR_CLIENT_VIPS and LVS_PLAY_RUN_DIR exist for tests in a netns.

export const DR_CLIENT_SCRIPT = `#!/bin/sh
# lvs-play-dr-client: the real-server side of LVS-DR (what the seed's
# dr_client.sh did), run by lvs-play-dr-client.service.
#   start   ARP sysctls first (so lo's VIPs are never announced), then every VIP
#           of the VIP file on lo as /32 (/128); VIPs that an earlier start
#           added and the file no longer lists are removed. Idempotent: it is
#           also the unit's reload, which applies a changed list without a gap.
#   stop    removes the VIPs this script added, restores the sysctls saved
#           by the first start.
#   status  exit 0 when every listed VIP is on lo and the sysctls are set, else 3.
# Managed by lvs-play: do not edit, changes are overwritten.
set -euf

VIPS_FILE=\${LVS_PLAY_DR_CLIENT_VIPS:-/etc/lvs-play/dr-client.vips}
RUN_DIR=\${LVS_PLAY_RUN_DIR:-/run/lvs-play}
ADDED=$RUN_DIR/dr-client.added   # prefixes this script put on lo
SAVED=$RUN_DIR/dr-client.sysctl  # sysctl values from before the first start
CONF=/proc/sys/net/ipv4/conf
SYSCTLS='lo/arp_ignore=1 lo/arp_announce=2 all/arp_ignore=1 all/arp_announce=2'

log() { printf 'lvs-play-dr-client: %s\\n' "$*" >&2; }

# The VIP file holds one address per line, "#" starts a comment.
wanted() {
  [ -r "$VIPS_FILE" ] || { log "cannot read $VIPS_FILE"; exit 1; }
  for a in $(sed 's/#.*//' "$VIPS_FILE"); do
    case $a in
      *[!0-9A-Fa-f.:]*) log "$VIPS_FILE: not an IP address: $a"; exit 1 ;;
      *:*) echo "$a/128" ;;
      *) echo "$a/32" ;;
    esac
  done
}

on_lo() { [ -n "$(ip -o addr show dev lo to "$1")" ]; }

listed() { case " $2 " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

write_state() { # FILE WORDS...: one word a line, replaced atomically
  f=$1; shift
  for w in "$@"; do echo "$w"; done > "$f.tmp"
  mv "$f.tmp" "$f"
}

start() {
  want=$(wanted)
  want=$(echo $want)
  mkdir -p "$RUN_DIR"
  if [ ! -e "$SAVED" ]; then
    saved=''
    for s in $SYSCTLS; do k=\${s%=*}; saved="$saved $k=$(cat "$CONF/$k")"; done
    write_state "$SAVED" $saved
  fi
  for s in $SYSCTLS; do echo "\${s#*=}" > "$CONF/\${s%=*}"; done
  old=''
  [ ! -r "$ADDED" ] || old=$(echo $(cat "$ADDED"))
  # Record before adding, so an interrupted start still knows what to remove.
  write_state "$ADDED" $old $want
  ip link set dev lo up
  for p in $old; do
    listed "$p" "$want" || { ip addr del "$p" dev lo 2>/dev/null || true; log "removed $p from lo"; }
  done
  for p in $want; do ip addr replace "$p" dev lo; done
  write_state "$ADDED" $want
}

stop() {
  if [ -r "$ADDED" ]; then
    for p in $(cat "$ADDED"); do ip addr del "$p" dev lo 2>/dev/null || true; done
    rm -f "$ADDED"
  fi
  if [ -r "$SAVED" ]; then
    for s in $(cat "$SAVED"); do
      k=\${s%=*} v=\${s#*=}
      case $k=$v in
        lo/arp_ignore=[0-9]|lo/arp_announce=[0-9]|all/arp_ignore=[0-9]|all/arp_announce=[0-9]) echo "$v" > "$CONF/$k" ;;
      esac
    done
    rm -f "$SAVED"
  fi
}

status() {
  want=$(wanted)
  rc=0
  for s in $SYSCTLS; do
    k=\${s%=*} v=\${s#*=} got=$(cat "$CONF/\${s%=*}")
    name=net.ipv4.conf.\${k%/*}.\${k#*/}
    if [ "$got" = "$v" ]; then echo "ok       $name = $got"; else echo "wrong    $name = $got (want $v)"; rc=3; fi
  done
  for p in $want; do
    if on_lo "$p"; then echo "ok       $p on lo"; else echo "missing  $p on lo"; rc=3; fi
  done
  exit $rc
}

case \${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "Usage: lvs-play-dr-client {start|stop|status}" >&2; exit 2 ;;
esac
`;
