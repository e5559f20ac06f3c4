// The script behind lvs-play-dr-client.service: POSIX sh (dash on Debian),
// needs only iproute2 and /proc. It is the same for every host and cluster;
// the VIPs come from a separate file (dr-client.ts), so a changed VIP list is
// a data change applied with `systemctl reload`. Environment variables
// LVS_PLAY_DR_CLIENT_VIPS, LVS_PLAY_RUN_DIR and LVS_PLAY_MODPROBE exist for
// tests in a netns (which must never load a module into the control machine's kernel).

export const DR_CLIENT_SCRIPT = `#!/bin/sh
# lvs-play-dr-client: the real-server side of LVS-DR (what the seed's
# dr_client.sh did) and of LVS-TUN, run by lvs-play-dr-client.service.
#   start   sysctls first (ARP, so the VIPs are never announced; for TUN also
#           rp_filter off, so the tunnel's packets from clients are kept),
#           then every VIP of the VIP file as /32 (/128) on lo, or on tunl0
#           (ipip loaded, the device up) for a line that says "tunl0"; VIPs
#           that an earlier start added and the file no longer lists are
#           removed, and sysctls it no longer needs get their saved value
#           back. Idempotent: it is also the unit's reload, which applies a
#           changed list without a gap.
#   stop    removes the VIPs this script added, restores the sysctls saved
#           before it first set them.
#   status  exit 0 when every listed VIP is on its device and the sysctls are set, else 3.
# Managed by lvs-play: do not edit, changes are overwritten.
set -euf

VIPS_FILE=\${LVS_PLAY_DR_CLIENT_VIPS:-/etc/lvs-play/dr-client.vips}
RUN_DIR=\${LVS_PLAY_RUN_DIR:-/run/lvs-play}
MODPROBE=\${LVS_PLAY_MODPROBE:-modprobe}
ADDED=$RUN_DIR/dr-client.added   # prefixes this script put on lo (tunl0's end in @tunl0)
SAVED=$RUN_DIR/dr-client.sysctl  # sysctl values from before this script first set them
CONF=/proc/sys/net/ipv4/conf
ARP_SYSCTLS='lo/arp_ignore=1 lo/arp_announce=2 all/arp_ignore=1 all/arp_announce=2'
# the kernel drops a packet when max(all, tunl0) rp_filter finds no route back via tunl0
TUNNEL_SYSCTLS='tunl0/rp_filter=0 all/rp_filter=0'

log() { printf 'lvs-play-dr-client: %s\\n' "$*" >&2; }

# The VIP file holds one VIP a line: its address, then the device if not lo
# (only "tunl0"); "#" starts a comment. Prints PREFIX or PREFIX@tunl0.
wanted() {
  [ -r "$VIPS_FILE" ] || { log "cannot read $VIPS_FILE"; exit 1; }
  sed 's/#.*//' "$VIPS_FILE" | while read -r a dev rest; do
    [ -n "$a" ] || continue
    case $a in *[!0-9A-Fa-f.:]*) log "$VIPS_FILE: not an IP address: $a"; exit 1 ;; esac
    case \${dev:-lo} in
      lo) at='' ;;
      tunl0) at=@tunl0 ;;
      *) log "$VIPS_FILE: $a: device must be lo or tunl0, not $dev"; exit 1 ;;
    esac
    case $a in *:*) echo "$a/128$at" ;; *) echo "$a/32$at" ;; esac
  done
}

prefix_of() { echo "\${1%@*}"; }
device_of() { case $1 in *@*) echo "\${1#*@}" ;; *) echo lo ;; esac; }
on_device() { [ -n "$(ip -o addr show dev "$(device_of "$1")" to "$(prefix_of "$1")" 2>/dev/null)" ]; }

listed() { case " $2 " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# the sysctls the listed VIPs need
sysctls_for() {
  case " $1 " in *@tunl0*) echo "$ARP_SYSCTLS $TUNNEL_SYSCTLS" ;; *) echo "$ARP_SYSCTLS" ;; esac
}

write_state() { # FILE WORDS...: one word a line, replaced atomically
  f=$1; shift
  for w in "$@"; do echo "$w"; done > "$f.tmp"
  mv "$f.tmp" "$f"
}

# Only keys this script sets, with a number: SAVED is never a way to write any sysctl.
restore() { # KEY=VALUE
  k=\${1%=*} v=\${1#*=}
  case $k=$v in
    lo/arp_ignore=[0-9]|lo/arp_announce=[0-9]|all/arp_ignore=[0-9]|all/arp_announce=[0-9]|all/rp_filter=[0-9]|tunl0/rp_filter=[0-9])
      [ ! -e "$CONF/$k" ] || echo "$v" > "$CONF/$k" ;;
  esac
}

start() {
  want=$(wanted)
  want=$(echo $want)
  sysctls=$(sysctls_for "$want")
  mkdir -p "$RUN_DIR"
  case " $want " in
    *@tunl0*)
      [ -d "$CONF/tunl0" ] || $MODPROBE ipip || { log "cannot load the ipip module, which LVS-TUN needs for tunl0"; exit 1; }
      [ -d "$CONF/tunl0" ] || { log "no tunl0 after loading ipip"; exit 1; } ;;
  esac
  # Save each value before its first change; give back those no longer needed.
  saved=''
  [ ! -r "$SAVED" ] || saved=$(echo $(cat "$SAVED"))
  keep=''
  for s in $saved; do
    case " $sysctls " in *" \${s%=*}="*) keep="$keep $s" ;; *) restore "$s" ;; esac
  done
  for s in $sysctls; do
    k=\${s%=*}
    case " $keep " in *" $k="*) ;; *) keep="$keep $k=$(cat "$CONF/$k")" ;; esac
  done
  write_state "$SAVED" $keep
  for s in $sysctls; do echo "\${s#*=}" > "$CONF/\${s%=*}"; done
  old=''
  [ ! -r "$ADDED" ] || old=$(echo $(cat "$ADDED"))
  # Record before adding, so an interrupted start still knows what to remove.
  write_state "$ADDED" $old $want
  ip link set dev lo up
  case " $want " in *@tunl0*) ip link set dev tunl0 up ;; esac
  for p in $old; do
    listed "$p" "$want" || {
      ip addr del "$(prefix_of "$p")" dev "$(device_of "$p")" 2>/dev/null || true
      log "removed $(prefix_of "$p") from $(device_of "$p")"
    }
  done
  for p in $want; do ip addr replace "$(prefix_of "$p")" dev "$(device_of "$p")"; done
  write_state "$ADDED" $want
}

stop() {
  if [ -r "$ADDED" ]; then
    for p in $(cat "$ADDED"); do ip addr del "$(prefix_of "$p")" dev "$(device_of "$p")" 2>/dev/null || true; done
    rm -f "$ADDED"
  fi
  if [ -r "$SAVED" ]; then
    for s in $(cat "$SAVED"); do restore "$s"; done
    rm -f "$SAVED"
  fi
}

status() {
  want=$(wanted)
  rc=0
  for s in $(sysctls_for "$(echo $want)"); do
    k=\${s%=*} v=\${s#*=}
    got=$(cat "$CONF/$k" 2>/dev/null || echo absent)
    name=net.ipv4.conf.\${k%/*}.\${k#*/}
    if [ "$got" = "$v" ]; then echo "ok       $name = $got"; else echo "wrong    $name = $got (want $v)"; rc=3; fi
  done
  for p in $want; do
    if on_device "$p"; then echo "ok       $(prefix_of "$p") on $(device_of "$p")"; else echo "missing  $(prefix_of "$p") on $(device_of "$p")"; rc=3; fi
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
