// The operator's notify script (inventory vrrp.notify), installed on every
// director and named by each vrrp_instance's `notify`: keepalived runs it on
// every state change with INSTANCE, the instance's name, the new state and
// the priority. Its text is the operator's, byte for byte (a header cannot go
// above its #! line). Written before keepalived.conf, so `keepalived -t` on
// the host finds it.

export const NOTIFY_SCRIPT_PATH = '/etc/keepalived/lvs-play-notify';
