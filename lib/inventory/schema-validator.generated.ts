// @ts-nocheck
// GENERATED from schema/inventory.schema.json by `npm run generate:schema`: do not edit.
// Ajv's standalone validator; its two runtime helpers (deep equality, string
// length in code points) still come from ajv, which it loads with require().
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

export const validate = validate20;
export default validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://lvs-play.invalid/schema/inventory.schema.json","title":"lvs-play inventory","description":"One LVS-DR cluster: its hosts, their groups, the VIPs with their virtual services, VRRP settings, time servers, packages and sysctls. Anything that reaches a shell or a file name has a strict pattern.","type":"object","additionalProperties":false,"required":["name","hosts","groups","vips"],"properties":{"$schema":{"description":"Path or URL of this schema, for editors: \"../schema/inventory.schema.json\".","type":"string"},"name":{"description":"Cluster name, used in file names and headers: lowercase letters, digits, '_' and '-', 1-63 characters, starting with a letter or digit.","type":"string","pattern":"^[a-z0-9][a-z0-9_-]{0,62}$"},"ssh":{"description":"SSH settings for every host; a host's own \"ssh\" overrides them key by key.","$ref":"#/$defs/ssh"},"hosts":{"description":"Every machine lvs-play manages, in the order it reports them.","type":"array","minItems":1,"items":{"$ref":"#/$defs/host"}},"groups":{"description":"Group name -> host names. \"directors\" (run keepalived and IPVS) and \"realservers\" (carry the VIPs on lo) are required; more groups are allowed (e.g. \"clients\").","type":"object","required":["directors","realservers"],"propertyNames":{"$ref":"#/$defs/groupName"},"properties":{"directors":{"description":"Hosts that run keepalived: each VIP has one MASTER among them and the others are its BACKUPs. Two for the dual-master pattern.","$ref":"#/$defs/hostList"},"realservers":{"description":"Hosts that serve the VIPs' traffic; they get the VIPs they serve on lo (on tunl0 for TUN) and arp_ignore/arp_announce.","$ref":"#/$defs/hostList"}},"additionalProperties":{"$ref":"#/$defs/hostList"}},"vrrp":{"$ref":"#/$defs/vrrp"},"keepalived":{"description":"How keepalived runs on the directors.","type":"object","additionalProperties":false,"properties":{"mode":{"description":"\"full\" (default) runs VRRP and the IPVS health checker; \"vrrp-only\" for hosts whose kernel has no IP_VS (the container lab).","enum":["full","vrrp-only"]}}},"vips":{"description":"The virtual IP addresses. Each gets its own vrrp_instance, one MASTER director and the others BACKUP with lower, distinct priorities.","type":"array","minItems":1,"items":{"$ref":"#/$defs/vip"}},"nat":{"description":"LVS-NAT (services with \"forwarding\": \"NAT\"): the directors rewrite the destination to the real server, so its replies must go back through the MASTER director. The directors get net.ipv4.ip_forward=1 (net.ipv6.conf.all.forwarding=1 for IPv6 NAT VIPs); every real server of a NAT service routes `clientNetworks` (default: its default route) via `gateway` (unit lvs-play-nat-route.service) and holds no VIP on lo. Required when a service uses NAT.","type":"object","additionalProperties":false,"required":["gateway"],"properties":{"gateway":{"description":"A VIP of this cluster on the real servers' network, their gateway. It must be in a vrrp.syncGroups group with every VIP that has a NAT service, so it moves with them to the director that answers.","$ref":"#/$defs/ipAddress"},"prefixLength":{"description":"Prefix length of the real servers' network around the gateway: every real server of a NAT service must have an address in it. Default 24 (IPv4), 64 (IPv6).","type":"integer","minimum":1,"maximum":128},"clientNetworks":{"description":"Networks (CIDR, e.g. \"0.0.0.0/0\" or \"203.0.113.0/24\") the real servers reach through the gateway: the clients of the NAT services. Default: the real servers' default route goes via the gateway.","type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","pattern":"^[0-9A-Fa-f.:]+/[0-9]{1,3}$"}}}},"time":{"description":"Time synchronisation (chrony), done before anything else.","type":"object","additionalProperties":false,"properties":{"servers":{"description":"NTP servers, host names or IP addresses. Default [\"pool.ntp.org\"].","type":"array","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/serverName"}}}},"packages":{"description":"Group name -> packages to install on its hosts. Default for \"directors\": [\"keepalived\", \"ipvsadm\"].","type":"object","propertyNames":{"$ref":"#/$defs/groupName"},"additionalProperties":{"type":"array","uniqueItems":true,"items":{"$ref":"#/$defs/packageName"}}},"sysctl":{"description":"Group name -> extra sysctls for its hosts (key -> value), written to /etc/sysctl.d.","type":"object","propertyNames":{"$ref":"#/$defs/groupName"},"additionalProperties":{"type":"object","propertyNames":{"$ref":"#/$defs/sysctlKey"},"additionalProperties":{"$ref":"#/$defs/sysctlValue"}}}},"$defs":{"hostName":{"description":"Host name: lowercase letters, digits and '-', 1-63 characters, not starting or ending with '-'.","type":"string","pattern":"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"},"groupName":{"description":"Group name: lowercase letters, digits, '_' and '-', 1-63 characters, starting with a letter.","type":"string","pattern":"^[a-z][a-z0-9_-]{0,62}$"},"hostList":{"type":"array","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/hostName"}},"ipAddress":{"description":"An IPv4 address (192.0.2.10) or an IPv6 address (2001:db8::10), without prefix length.","type":"string","pattern":"^[0-9A-Fa-f.:]{2,45}$","anyOf":[{"format":"ipv4"},{"format":"ipv6"}]},"serverName":{"description":"A host name (0.pool.ntp.org) or an IP address.","type":"string","pattern":"^[A-Za-z0-9.:-]{1,253}$","anyOf":[{"format":"hostname"},{"format":"ipv4"},{"format":"ipv6"}]},"port":{"description":"A TCP/UDP port, 1-65535.","type":"integer","minimum":1,"maximum":65535},"priority":{"description":"A VRRP priority, 1-254 (255 is reserved for the address owner).","type":"integer","minimum":1,"maximum":254},"interfaceName":{"description":"A network interface name: 1-15 letters, digits, '_', '.' or '-', not starting with '-' or '.' (no '/', ':' or spaces).","type":"string","pattern":"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$"},"envName":{"description":"An environment variable name: letters, digits and '_', not starting with a digit.","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]{0,127}$"},"filePath":{"description":"A file path: absolute, relative to the inventory's folder, or starting with \"~/\"; letters, digits and _ . + @ , = / - only (no spaces or shell characters), not starting with '-'.","type":"string","pattern":"^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$"},"packageName":{"description":"A Debian or RPM package name: letters, digits and + . _ -, starting with a letter or digit.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9+._-]{0,127}$"},"sysctlKey":{"description":"A sysctl key in dotted form (net.ipv4.ip_forward): lowercase words of letters, digits, '_' and '-' joined by dots; interface names may have capitals.","type":"string","pattern":"^[a-z0-9_]+(\\.[A-Za-z0-9_-]+)+$"},"sysctlValue":{"description":"A sysctl value: an integer, or a string of letters, digits, spaces and . _ : , / + - (e.g. \"32768 60999\").","type":["string","integer"],"pattern":"^[A-Za-z0-9._:,/+ -]{1,256}$"},"ssh":{"description":"How lvs-play reaches a host over SSH. What is left out comes from the user's OpenSSH config (~/.ssh/config, or -F FILE), then the defaults.","type":"object","additionalProperties":false,"properties":{"user":{"description":"Login user, default \"root\"; other users escalate with sudo -n.","type":"string","pattern":"^[a-z_][a-z0-9_.-]{0,31}$"},"port":{"description":"SSH port, default 22.","$ref":"#/$defs/port"},"identityFile":{"description":"Private key file; \"~\" and relative paths resolve against the inventory's folder.","$ref":"#/$defs/filePath"},"passphraseEnv":{"description":"Environment variable holding the private key's passphrase.","$ref":"#/$defs/envName"},"knownHosts":{"description":"OpenSSH known_hosts file checked for host keys, default ~/.ssh/known_hosts.","$ref":"#/$defs/filePath"},"jumpHost":{"description":"Reach the host through this one: the name of an inventory host, or \"user@host:port\".","type":"string","pattern":"^([a-z_][a-z0-9_.-]{0,31}@)?([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?$"}}},"host":{"description":"A machine lvs-play manages.","type":"object","additionalProperties":false,"required":["name","address"],"properties":{"name":{"description":"Unique host name, used by groups, real servers and --limit.","$ref":"#/$defs/hostName"},"address":{"description":"The host's IP address: lvs-play connects to it and real servers are addressed by it.","$ref":"#/$defs/ipAddress"},"ipv4":{"description":"Dual-stack hosts: the host's IPv4 address when \"address\" is IPv6. IPv4 VIPs address the host by it (as a real server, sorry server or unicast peer); lvs-play still connects to \"address\".","type":"string","pattern":"^[0-9.]{7,15}$","format":"ipv4"},"ipv6":{"description":"Dual-stack hosts: the host's IPv6 address when \"address\" is IPv4 (e.g. 2001:db8::10). IPv6 VIPs address the host by it (as a real server, sorry server or unicast peer); lvs-play still connects to \"address\".","type":"string","pattern":"^[0-9A-Fa-f.:]{2,45}$","format":"ipv6"},"ssh":{"description":"Overrides the inventory-wide ssh settings for this host.","$ref":"#/$defs/ssh"}}},"vrrp":{"description":"VRRP settings shared by every VIP's vrrp_instance.","type":"object","additionalProperties":false,"properties":{"interface":{"description":"Interface VRRP runs on and the VIPs are added to, default \"eth0\".","$ref":"#/$defs/interfaceName"},"advertInterval":{"description":"advert_int: seconds between VRRP advertisements, 1-255, default 1.","type":"integer","minimum":1,"maximum":255},"priority":{"description":"Priorities: a VIP's MASTER gets \"master\"; its backups get backup, backup - step, backup - 2*step, ...","type":"object","additionalProperties":false,"properties":{"master":{"description":"MASTER priority, default 150.","$ref":"#/$defs/priority"},"backup":{"description":"First BACKUP's priority, default 120; must be below master.","$ref":"#/$defs/priority"},"step":{"description":"How much lower each further BACKUP is, default 10.","type":"integer","minimum":1,"maximum":100}}},"authentication":{"description":"VRRP authentication (IPv4 VIPs only: IPv6 uses VRRPv3, which has none). Give exactly one of password, passwordEnv or passwordFile.","type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"description":"auth_type: PASS. (AH is refused: keepalived clears it on an instance that starts as MASTER, as every dual-master director does.)","enum":["PASS","AH"]},"password":{"description":"auth_pass, 1-8 characters (keepalived silently truncates longer ones); prefer passwordEnv or passwordFile.","type":"string","minLength":1,"maxLength":8,"pattern":"^[A-Za-z0-9_.,:;@%+=^~*&?/|<>()\\[\\]-]+$"},"passwordEnv":{"description":"Environment variable holding the password.","$ref":"#/$defs/envName"},"passwordFile":{"description":"File holding the password (a trailing newline is ignored).","$ref":"#/$defs/filePath"}},"oneOf":[{"required":["password"]},{"required":["passwordEnv"]},{"required":["passwordFile"]}]},"syncDaemon":{"description":"Run the IPVS connection sync daemons (lvs_sync_daemon, master and backup on every director) on vrrp.interface, so a connection keeps its real server when its VIP moves; default true.","type":"boolean"},"syncMaxlen":{"description":"lvs_sync_daemon's maxlen: the largest sync message in bytes, 1-65507. The kernel sends a message when the next connection would not fit, or once it is 2 s old: with keepalived's default (the interface's MTU) a connection opened less than about 2 s before its VIP moves is unknown to the new holder, which resets it. A small value (64) puts each connection in a message of its own, sent 20 ms after the next connection or persistence template is synced (at once on a director with traffic): one datagram per synced connection. Needs syncDaemon.","type":"integer","minimum":1,"maximum":65507},"unicast":{"description":"Send VRRP adverts to the other directors' addresses (unicast_src_ip, unicast_peer) instead of multicast, for networks that drop multicast; the peers follow from the directors group. Default false.","type":"boolean"},"nopreempt":{"description":"A director that comes back does not take its VIPs back from the director holding them (nopreempt; every instance then starts in BACKUP state). Default false: the MASTER preempts.","type":"boolean"},"preemptDelay":{"description":"preempt_delay: seconds a director that comes back waits before it takes its VIPs back, 1-1000. Not with nopreempt.","type":"integer","minimum":1,"maximum":1000},"notify":{"description":"The operator's script keepalived runs on every VRRP state change of every instance (keepalived's notify: $1 INSTANCE, $2 the instance name, $3 the new state MASTER/BACKUP/FAULT/STOP, $4 the priority), installed on each director as /etc/keepalived/lvs-play-notify (root, 0755) and run as root with keepalived's script security on. Give its text (script) or a file next to the inventory (file).","type":"object","additionalProperties":false,"properties":{"script":{"description":"The script itself, starting with #!.","type":"string","minLength":3,"maxLength":65536,"pattern":"^#!"},"file":{"description":"A local file holding the script (relative to the inventory's folder).","$ref":"#/$defs/filePath"}},"oneOf":[{"required":["script"]},{"required":["file"]}]},"trackScripts":{"description":"The operator's own checks (vrrp_script), e.g. \"is the upstream router reachable\", tracked by every VIP's vrrp_instance on every director and run as root: while one fails on a director, its priority for every VIP changes by the check's weight (weight 0: its instances go to FAULT and give their VIPs up).","type":"array","minItems":1,"items":{"$ref":"#/$defs/trackScript"}},"trackInterfaces":{"description":"Interfaces every VIP's vrrp_instance tracks (track_interface): while one is down on a director, its priority changes by the weight, or without a weight its instances go to FAULT.","type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"required":["interface"],"properties":{"interface":{"$ref":"#/$defs/interfaceName"},"weight":{"description":"-253 to 253; default none: the instances go to FAULT while the interface is down.","type":"integer","minimum":-253,"maximum":253}}}},"syncGroups":{"description":"VIPs that must move together (vrrp_sync_group): when one of a group's instances changes state on a director, the others follow. A group's VIPs share their MASTER and interface.","type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"required":["name","vips"],"properties":{"name":{"description":"vrrp_sync_group name: letters, digits, '_' and '-', 1-32 characters, starting with a letter.","$ref":"#/$defs/vrrpName"},"vips":{"description":"The group's VIPs (at least two), by address.","type":"array","minItems":2,"uniqueItems":true,"items":{"$ref":"#/$defs/ipAddress"}}}}},"garp":{"description":"Gratuitous ARP (IPv4) / unsolicited NA (IPv6) a new MASTER sends so switches learn it.","type":"object","additionalProperties":false,"properties":{"masterDelay":{"description":"garp_master_delay: seconds after becoming MASTER before the second burst, 0-255 (keepalived's default 5).","type":"integer","minimum":0,"maximum":255},"masterRepeat":{"description":"garp_master_repeat: messages per burst, 1-255 (keepalived's default 5).","type":"integer","minimum":1,"maximum":255},"masterRefresh":{"description":"garp_master_refresh: seconds between repeated bursts while MASTER, 1-86400 (keepalived's default: none).","type":"integer","minimum":1,"maximum":86400}}}}},"operatorCommand":{"description":"An operator's command keepalived runs on the directors: an absolute path, then arguments separated by single spaces (letters, digits and _ . / : = , + @ % -; no quotes or shell characters). lvs-play runs it, it does not install it.","type":"string","maxLength":1024,"pattern":"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"},"vrrpName":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_-]{0,31}$"},"trackScript":{"description":"One vrrp_script: a command keepalived runs every interval; exit 0 is success.","type":"object","additionalProperties":false,"required":["name","command"],"properties":{"name":{"description":"vrrp_script name: letters, digits, '_' and '-', 1-32 characters, starting with a letter.","$ref":"#/$defs/vrrpName"},"command":{"description":"The command: an absolute path, then arguments separated by single spaces (letters, digits and _ . / : = , + @ % -; no quotes or shell characters). It must exist on the directors: lvs-play runs it, it does not install it.","type":"string","maxLength":1024,"pattern":"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"},"interval":{"description":"Seconds between runs, 1-3600, default 2.","type":"integer","minimum":1,"maximum":3600},"timeout":{"description":"Seconds a run may take before it counts as failed, 1-3600, default the interval.","type":"integer","minimum":1,"maximum":3600},"weight":{"description":"-253 to 253, added to the priority while the check fails (negative) or passes (positive); default 0: the instances go to FAULT while it fails.","type":"integer","minimum":-253,"maximum":253},"fall":{"description":"Failed runs in a row before it counts as failing, 1-255, default 1.","type":"integer","minimum":1,"maximum":255},"rise":{"description":"Successful runs in a row before it counts as passing again, 1-255, default 1.","type":"integer","minimum":1,"maximum":255}}},"vip":{"description":"A virtual IP address, its vrrp_instance and its virtual services.","type":"object","additionalProperties":false,"required":["address","routerId","services"],"properties":{"address":{"description":"The VIP: an IPv4 or IPv6 address, never a host's address.","$ref":"#/$defs/ipAddress"},"instance":{"description":"vrrp_instance name, default \"vi_<index+1>\": letters, digits, '_', '.' and '-', 1-32 characters, starting with a letter.","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_.-]{0,31}$"},"routerId":{"description":"virtual_router_id, 1-255, unique per interface.","type":"integer","minimum":1,"maximum":255},"master":{"description":"The director that is MASTER for this VIP; default: VIP i goes to directors[i % N].","$ref":"#/$defs/hostName"},"priority":{"description":"This VIP's MASTER priority, default vrrp.priority.master.","$ref":"#/$defs/priority"},"interface":{"description":"Interface for this VIP's instance, default vrrp.interface.","$ref":"#/$defs/interfaceName"},"services":{"description":"The virtual_server blocks for this VIP. Empty for a VIP that only moves between the directors, e.g. a NAT gateway (nat.gateway).","type":"array","items":{"$ref":"#/$defs/service"}}}},"service":{"description":"A virtual service: VIP:port balanced over real servers, or several ports of the VIP as one service (fwmark).","type":"object","additionalProperties":false,"properties":{"port":{"description":"The virtual service's port, 1-65535.","$ref":"#/$defs/port"},"fwmark":{"description":"Firewall mark, 1-4294967295: the service is every port in \"ports\" of the VIP, marked with this number by nftables rules lvs-play writes on the directors. Unique in the cluster; IPv4 VIPs only.","type":"integer","minimum":1,"maximum":4294967295},"ports":{"description":"The ports a fwmark service takes on its VIP, each once; real servers receive each client's own port.","type":"array","minItems":1,"maxItems":64,"uniqueItems":true,"items":{"$ref":"#/$defs/port"}},"protocol":{"description":"TCP (default) or UDP.","enum":["TCP","UDP"]},"scheduler":{"description":"lb_algo, an ipvsadm scheduler, default \"rr\".","enum":["rr","wrr","lc","wlc","lblc","lblcr","dh","sh","sed","nq","fo","ovf","mh","twos"]},"schedulerFlags":{"description":"Scheduler flags, for the schedulers that take them: sh-port and sh-fallback for sh, mh-port and mh-fallback for mh (port: the source port counts in the hash; fallback: an unavailable server's clients go to another one).","type":"array","uniqueItems":true,"items":{"enum":["sh-port","sh-fallback","mh-port","mh-fallback"]}},"forwarding":{"description":"lb_kind: DR (default, direct routing), NAT or TUN (IPv4 VIPs: the director wraps each packet in IPIP; the real servers get the VIP on tunl0, with ipip loaded and rp_filter off).","enum":["DR","NAT","TUN"]},"persistence":{"description":"persistence_timeout in seconds, 0 (default) for none.","type":"integer","minimum":0,"maximum":2678400},"delayLoop":{"description":"delay_loop: seconds between health checks, default 3.","type":"integer","minimum":1,"maximum":86400},"sorryServer":{"description":"sorry_server: where keepalived sends the service's traffic while every real server is down. An inventory host of group \"realservers\" (so it carries the VIP on lo like a real server), not one of this service's real servers.","type":"object","additionalProperties":false,"required":["host"],"properties":{"host":{"description":"The inventory host.","$ref":"#/$defs/hostName"},"port":{"description":"Its port, default the service's port (DR and TUN cannot change it).","$ref":"#/$defs/port"}}},"quorum":{"description":"keepalived's quorum: the service is up while the weights of its live real servers add up to at least \"weight\"; below it (minus hysteresis) the service is down: its traffic goes to the sorry server if it has one, and \"down\" runs on the director; \"up\" runs when it is back. Default none (keepalived's quorum 1: up while any real server is).","type":"object","additionalProperties":false,"required":["weight"],"properties":{"weight":{"description":"quorum: the smallest total weight of live real servers that keeps the service up, 1-4294967295; at most the total of the service's real server weights.","type":"integer","minimum":1,"maximum":4294967295},"hysteresis":{"description":"hysteresis: how far the live weight may fall below \"weight\" before the service counts as down (and must climb back above it to count as up), 0 (default) to weight - 1.","type":"integer","minimum":0,"maximum":4294967294},"up":{"description":"quorum_up: the operator's command run as root on each director when the service gains its quorum. An absolute path, then arguments separated by single spaces (letters, digits and _ . / : = , + @ % -; no quotes or shell characters). It must exist on the directors.","$ref":"#/$defs/operatorCommand"},"down":{"description":"quorum_down: the operator's command run as root on each director when the service loses its quorum; the same form as \"up\".","$ref":"#/$defs/operatorCommand"}}},"realServers":{"description":"Real servers, default every host of group \"realservers\" with weight 1 on the service's port.","type":"array","minItems":1,"items":{"$ref":"#/$defs/realServer"}},"healthCheck":{"$ref":"#/$defs/healthCheck"}}},"realServer":{"description":"A real server of a virtual service.","type":"object","additionalProperties":false,"required":["host"],"properties":{"host":{"description":"Name of an inventory host in group \"realservers\".","$ref":"#/$defs/hostName"},"port":{"description":"Port on the real server, default the service's port (DR forwards to the same port).","$ref":"#/$defs/port"},"weight":{"description":"Scheduler weight 0-65535, default 1 (0 takes no new connections).","type":"integer","minimum":0,"maximum":65535}}},"healthCheck":{"description":"How keepalived checks each real server: TCP_CHECK (default) connects; HTTP_GET and SSL_GET request a path (over TLS for SSL_GET) and expect a status; MISC_CHECK runs the operator's command on the director; DNS_CHECK sends a DNS query; UDP_CHECK sends a UDP datagram and fails on an ICMP unreachable. A UDP service needs UDP_CHECK, DNS_CHECK or MISC_CHECK.","type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"description":"TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK, DNS_CHECK or UDP_CHECK.","enum":["TCP_CHECK","HTTP_GET","SSL_GET","MISC_CHECK","DNS_CHECK","UDP_CHECK"]},"port":{"description":"connect_port, default the real server's port.","$ref":"#/$defs/port"},"connectTimeout":{"description":"connect_timeout in seconds (MISC_CHECK: misc_timeout, how long the command may run), default 10.","type":"integer","minimum":1,"maximum":3600},"retry":{"description":"retry (formerly nb_get_retry), default 3.","type":"integer","minimum":0,"maximum":100},"delayBeforeRetry":{"description":"delay_before_retry in seconds, default 3.","type":"integer","minimum":0,"maximum":3600},"path":{"description":"HTTP_GET and SSL_GET only: the URL path to request, default \"/\"; letters, digits and / . _ ~ % + , : @ = - plus an optional ?query (with &).","type":"string","maxLength":1024,"pattern":"^/[A-Za-z0-9._~%/+,:@=-]*(\\?[A-Za-z0-9._~%/+,:@=&-]*)?$"},"status":{"description":"HTTP_GET and SSL_GET only: the expected status code, default 200.","type":"integer","minimum":100,"maximum":599},"command":{"description":"MISC_CHECK only (required there): the operator's check, run on each director as root; exit 0 is up. %address, %port and %host in it become the checked real server's address, the check's port and its host name (keepalived tells the command nothing about the server it checks). An absolute path, then arguments separated by single spaces (letters, digits and _ . / : = , + @ % -; no quotes or shell characters). It must exist on the directors.","type":"string","maxLength":1024,"pattern":"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"},"dynamic":{"description":"MISC_CHECK only: misc_dynamic, the command's exit code sets the weight (0 up at its weight, 1 down, 2-255 weight code - 2). Default false.","type":"boolean"},"query":{"description":"DNS_CHECK only: the question asked, default type SOA for \".\" (keepalived's default).","type":"object","additionalProperties":false,"properties":{"type":{"description":"The record type, default SOA.","enum":["A","NS","CNAME","SOA","MX","TXT","AAAA"]},"name":{"description":"The name asked for, default \".\" (the root).","type":"string","maxLength":253,"pattern":"^(\\.|([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?)$"}}}},"allOf":[{"if":{"properties":{"type":{"enum":["TCP_CHECK","MISC_CHECK","DNS_CHECK","UDP_CHECK"]}}},"then":{"properties":{"path":false,"status":false}}},{"if":{"properties":{"type":{"const":"MISC_CHECK"}}},"then":{"required":["command"]}},{"if":{"properties":{"type":{"not":{"const":"MISC_CHECK"}}}},"then":{"properties":{"command":false,"dynamic":false}}},{"if":{"properties":{"type":{"not":{"const":"DNS_CHECK"}}}},"then":{"properties":{"query":false}}}]}}};
const schema40 = {"description":"Group name: lowercase letters, digits, '_' and '-', 1-63 characters, starting with a letter.","type":"string","pattern":"^[a-z][a-z0-9_-]{0,62}$"};
const schema39 = {"description":"An IPv4 address (192.0.2.10) or an IPv6 address (2001:db8::10), without prefix length.","type":"string","pattern":"^[0-9A-Fa-f.:]{2,45}$","anyOf":[{"format":"ipv4"},{"format":"ipv6"}]};
const schema73 = {"description":"A host name (0.pool.ntp.org) or an IP address.","type":"string","pattern":"^[A-Za-z0-9.:-]{1,253}$","anyOf":[{"format":"hostname"},{"format":"ipv4"},{"format":"ipv6"}]};
const schema75 = {"description":"A Debian or RPM package name: letters, digits and + . _ -, starting with a letter or digit.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9+._-]{0,127}$"};
const schema77 = {"description":"A sysctl key in dotted form (net.ipv4.ip_forward): lowercase words of letters, digits, '_' and '-' joined by dots; interface names may have capitals.","type":"string","pattern":"^[a-z0-9_]+(\\.[A-Za-z0-9_-]+)+$"};
const schema78 = {"description":"A sysctl value: an integer, or a string of letters, digits, spaces and . _ : , / + - (e.g. \"32768 60999\").","type":["string","integer"],"pattern":"^[A-Za-z0-9._:,/+ -]{1,256}$"};
const func1 = Object.prototype.hasOwnProperty;
const func0 = require("ajv/dist/runtime/equal").default;
const pattern4 = new RegExp("^[a-z0-9][a-z0-9_-]{0,62}$", "u");
const pattern14 = new RegExp("^[a-z][a-z0-9_-]{0,62}$", "u");
const pattern11 = new RegExp("^[0-9A-Fa-f.:]{2,45}$", "u");
const pattern39 = new RegExp("^[0-9A-Fa-f.:]+/[0-9]{1,3}$", "u");
const pattern40 = new RegExp("^[A-Za-z0-9.:-]{1,253}$", "u");
const pattern42 = new RegExp("^[A-Za-z0-9][A-Za-z0-9+._-]{0,127}$", "u");
const pattern44 = new RegExp("^[a-z0-9_]+(\\.[A-Za-z0-9_-]+)+$", "u");
const pattern45 = new RegExp("^[A-Za-z0-9._:,/+ -]{1,256}$", "u");
const schema32 = {"description":"How lvs-play reaches a host over SSH. What is left out comes from the user's OpenSSH config (~/.ssh/config, or -F FILE), then the defaults.","type":"object","additionalProperties":false,"properties":{"user":{"description":"Login user, default \"root\"; other users escalate with sudo -n.","type":"string","pattern":"^[a-z_][a-z0-9_.-]{0,31}$"},"port":{"description":"SSH port, default 22.","$ref":"#/$defs/port"},"identityFile":{"description":"Private key file; \"~\" and relative paths resolve against the inventory's folder.","$ref":"#/$defs/filePath"},"passphraseEnv":{"description":"Environment variable holding the private key's passphrase.","$ref":"#/$defs/envName"},"knownHosts":{"description":"OpenSSH known_hosts file checked for host keys, default ~/.ssh/known_hosts.","$ref":"#/$defs/filePath"},"jumpHost":{"description":"Reach the host through this one: the name of an inventory host, or \"user@host:port\".","type":"string","pattern":"^([a-z_][a-z0-9_.-]{0,31}@)?([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?$"}}};
const schema33 = {"description":"A TCP/UDP port, 1-65535.","type":"integer","minimum":1,"maximum":65535};
const schema34 = {"description":"A file path: absolute, relative to the inventory's folder, or starting with \"~/\"; letters, digits and _ . + @ , = / - only (no spaces or shell characters), not starting with '-'.","type":"string","pattern":"^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$"};
const schema35 = {"description":"An environment variable name: letters, digits and '_', not starting with a digit.","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]{0,127}$"};
const pattern5 = new RegExp("^[a-z_][a-z0-9_.-]{0,31}$", "u");
const pattern6 = new RegExp("^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$", "u");
const pattern7 = new RegExp("^[A-Za-z_][A-Za-z0-9_]{0,127}$", "u");
const pattern9 = new RegExp("^([a-z_][a-z0-9_.-]{0,31}@)?([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?$", "u");

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((key0 === "user") || (key0 === "port")) || (key0 === "identityFile")) || (key0 === "passphraseEnv")) || (key0 === "knownHosts")) || (key0 === "jumpHost"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.user !== undefined){
let data0 = data.user;
if(typeof data0 === "string"){
if(!pattern5.test(data0)){
const err1 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/pattern",keyword:"pattern",params:{pattern: "^[a-z_][a-z0-9_.-]{0,31}$"},message:"must match pattern \""+"^[a-z_][a-z0-9_.-]{0,31}$"+"\"",schema:"^[a-z_][a-z0-9_.-]{0,31}$",parentSchema:schema32.properties.user,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.user.type,parentSchema:schema32.properties.user,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.port !== undefined){
let data1 = data.port;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema33.type,parentSchema:schema33,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 65535 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema33,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema33,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.identityFile !== undefined){
let data2 = data.identityFile;
if(typeof data2 === "string"){
if(!pattern6.test(data2)){
const err6 = {instancePath:instancePath+"/identityFile",schemaPath:"#/$defs/filePath/pattern",keyword:"pattern",params:{pattern: "^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$"},message:"must match pattern \""+"^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$"+"\"",schema:"^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$",parentSchema:schema34,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/identityFile",schemaPath:"#/$defs/filePath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.passphraseEnv !== undefined){
let data3 = data.passphraseEnv;
if(typeof data3 === "string"){
if(!pattern7.test(data3)){
const err8 = {instancePath:instancePath+"/passphraseEnv",schemaPath:"#/$defs/envName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]{0,127}$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]{0,127}$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]{0,127}$",parentSchema:schema35,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/passphraseEnv",schemaPath:"#/$defs/envName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.knownHosts !== undefined){
let data4 = data.knownHosts;
if(typeof data4 === "string"){
if(!pattern6.test(data4)){
const err10 = {instancePath:instancePath+"/knownHosts",schemaPath:"#/$defs/filePath/pattern",keyword:"pattern",params:{pattern: "^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$"},message:"must match pattern \""+"^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$"+"\"",schema:"^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$",parentSchema:schema34,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/knownHosts",schemaPath:"#/$defs/filePath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.jumpHost !== undefined){
let data5 = data.jumpHost;
if(typeof data5 === "string"){
if(!pattern9.test(data5)){
const err12 = {instancePath:instancePath+"/jumpHost",schemaPath:"#/properties/jumpHost/pattern",keyword:"pattern",params:{pattern: "^([a-z_][a-z0-9_.-]{0,31}@)?([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?$"},message:"must match pattern \""+"^([a-z_][a-z0-9_.-]{0,31}@)?([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?$"+"\"",schema:"^([a-z_][a-z0-9_.-]{0,31}@)?([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?$",parentSchema:schema32.properties.jumpHost,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/jumpHost",schemaPath:"#/properties/jumpHost/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.jumpHost.type,parentSchema:schema32.properties.jumpHost,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.type,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema37 = {"description":"A machine lvs-play manages.","type":"object","additionalProperties":false,"required":["name","address"],"properties":{"name":{"description":"Unique host name, used by groups, real servers and --limit.","$ref":"#/$defs/hostName"},"address":{"description":"The host's IP address: lvs-play connects to it and real servers are addressed by it.","$ref":"#/$defs/ipAddress"},"ipv4":{"description":"Dual-stack hosts: the host's IPv4 address when \"address\" is IPv6. IPv4 VIPs address the host by it (as a real server, sorry server or unicast peer); lvs-play still connects to \"address\".","type":"string","pattern":"^[0-9.]{7,15}$","format":"ipv4"},"ipv6":{"description":"Dual-stack hosts: the host's IPv6 address when \"address\" is IPv4 (e.g. 2001:db8::10). IPv6 VIPs address the host by it (as a real server, sorry server or unicast peer); lvs-play still connects to \"address\".","type":"string","pattern":"^[0-9A-Fa-f.:]{2,45}$","format":"ipv6"},"ssh":{"description":"Overrides the inventory-wide ssh settings for this host.","$ref":"#/$defs/ssh"}}};
const schema38 = {"description":"Host name: lowercase letters, digits and '-', 1-63 characters, not starting or ending with '-'.","type":"string","pattern":"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"};
const pattern10 = new RegExp("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", "u");
const pattern12 = new RegExp("^[0-9.]{7,15}$", "u");
const formats0 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const formats2 = /^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]{1,4}){0,3}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))$/i;

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema37.required,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.address === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'",schema:schema37.required,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "name") || (key0 === "address")) || (key0 === "ipv4")) || (key0 === "ipv6")) || (key0 === "ssh"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern10.test(data0)){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/hostName/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",parentSchema:schema38,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/hostName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.address !== undefined){
let data1 = data.address;
const _errs8 = errors;
let valid3 = false;
const _errs9 = errors;
if(typeof data1 === "string"){
if(!(formats0.test(data1))){
const err5 = {instancePath:instancePath+"/address",schemaPath:"#/$defs/ipAddress/anyOf/0/format",keyword:"format",params:{format: "ipv4"},message:"must match format \""+"ipv4"+"\"",schema:"ipv4",parentSchema:schema39.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
var _valid0 = _errs9 === errors;
valid3 = valid3 || _valid0;
const _errs10 = errors;
if(typeof data1 === "string"){
if(!(formats2.test(data1))){
const err6 = {instancePath:instancePath+"/address",schemaPath:"#/$defs/ipAddress/anyOf/1/format",keyword:"format",params:{format: "ipv6"},message:"must match format \""+"ipv6"+"\"",schema:"ipv6",parentSchema:schema39.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
var _valid0 = _errs10 === errors;
valid3 = valid3 || _valid0;
if(!valid3){
const err7 = {instancePath:instancePath+"/address",schemaPath:"#/$defs/ipAddress/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema39.anyOf,parentSchema:schema39,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
else {
errors = _errs8;
if(vErrors !== null){
if(_errs8){
vErrors.length = _errs8;
}
else {
vErrors = null;
}
}
}
if(typeof data1 === "string"){
if(!pattern11.test(data1)){
const err8 = {instancePath:instancePath+"/address",schemaPath:"#/$defs/ipAddress/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Fa-f.:]{2,45}$"},message:"must match pattern \""+"^[0-9A-Fa-f.:]{2,45}$"+"\"",schema:"^[0-9A-Fa-f.:]{2,45}$",parentSchema:schema39,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/address",schemaPath:"#/$defs/ipAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.type,parentSchema:schema39,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.ipv4 !== undefined){
let data2 = data.ipv4;
if(typeof data2 === "string"){
if(!pattern12.test(data2)){
const err10 = {instancePath:instancePath+"/ipv4",schemaPath:"#/properties/ipv4/pattern",keyword:"pattern",params:{pattern: "^[0-9.]{7,15}$"},message:"must match pattern \""+"^[0-9.]{7,15}$"+"\"",schema:"^[0-9.]{7,15}$",parentSchema:schema37.properties.ipv4,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(!(formats0.test(data2))){
const err11 = {instancePath:instancePath+"/ipv4",schemaPath:"#/properties/ipv4/format",keyword:"format",params:{format: "ipv4"},message:"must match format \""+"ipv4"+"\"",schema:"ipv4",parentSchema:schema37.properties.ipv4,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/ipv4",schemaPath:"#/properties/ipv4/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.ipv4.type,parentSchema:schema37.properties.ipv4,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.ipv6 !== undefined){
let data3 = data.ipv6;
if(typeof data3 === "string"){
if(!pattern11.test(data3)){
const err13 = {instancePath:instancePath+"/ipv6",schemaPath:"#/properties/ipv6/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Fa-f.:]{2,45}$"},message:"must match pattern \""+"^[0-9A-Fa-f.:]{2,45}$"+"\"",schema:"^[0-9A-Fa-f.:]{2,45}$",parentSchema:schema37.properties.ipv6,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!(formats2.test(data3))){
const err14 = {instancePath:instancePath+"/ipv6",schemaPath:"#/properties/ipv6/format",keyword:"format",params:{format: "ipv6"},message:"must match format \""+"ipv6"+"\"",schema:"ipv6",parentSchema:schema37.properties.ipv6,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/ipv6",schemaPath:"#/properties/ipv6/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.ipv6.type,parentSchema:schema37.properties.ipv6,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.ssh !== undefined){
if(!(validate21(data.ssh, {instancePath:instancePath+"/ssh",parentData:data,parentDataProperty:"ssh",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err16 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema37.type,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}
validate23.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema41 = {"type":"array","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/hostName"}};

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(Array.isArray(data)){
if(data.length < 1){
const err0 = {instancePath,schemaPath:"#/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(typeof data0 === "string"){
if(!pattern10.test(data0)){
const err1 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/hostName/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",parentSchema:schema38,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/hostName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
let i1 = data.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data[i1], data[j0])){
const err3 = {instancePath,schemaPath:"#/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"items":true,"dynamicProps":false,"dynamicItems":false};

const schema43 = {"description":"VRRP settings shared by every VIP's vrrp_instance.","type":"object","additionalProperties":false,"properties":{"interface":{"description":"Interface VRRP runs on and the VIPs are added to, default \"eth0\".","$ref":"#/$defs/interfaceName"},"advertInterval":{"description":"advert_int: seconds between VRRP advertisements, 1-255, default 1.","type":"integer","minimum":1,"maximum":255},"priority":{"description":"Priorities: a VIP's MASTER gets \"master\"; its backups get backup, backup - step, backup - 2*step, ...","type":"object","additionalProperties":false,"properties":{"master":{"description":"MASTER priority, default 150.","$ref":"#/$defs/priority"},"backup":{"description":"First BACKUP's priority, default 120; must be below master.","$ref":"#/$defs/priority"},"step":{"description":"How much lower each further BACKUP is, default 10.","type":"integer","minimum":1,"maximum":100}}},"authentication":{"description":"VRRP authentication (IPv4 VIPs only: IPv6 uses VRRPv3, which has none). Give exactly one of password, passwordEnv or passwordFile.","type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"description":"auth_type: PASS. (AH is refused: keepalived clears it on an instance that starts as MASTER, as every dual-master director does.)","enum":["PASS","AH"]},"password":{"description":"auth_pass, 1-8 characters (keepalived silently truncates longer ones); prefer passwordEnv or passwordFile.","type":"string","minLength":1,"maxLength":8,"pattern":"^[A-Za-z0-9_.,:;@%+=^~*&?/|<>()\\[\\]-]+$"},"passwordEnv":{"description":"Environment variable holding the password.","$ref":"#/$defs/envName"},"passwordFile":{"description":"File holding the password (a trailing newline is ignored).","$ref":"#/$defs/filePath"}},"oneOf":[{"required":["password"]},{"required":["passwordEnv"]},{"required":["passwordFile"]}]},"syncDaemon":{"description":"Run the IPVS connection sync daemons (lvs_sync_daemon, master and backup on every director) on vrrp.interface, so a connection keeps its real server when its VIP moves; default true.","type":"boolean"},"syncMaxlen":{"description":"lvs_sync_daemon's maxlen: the largest sync message in bytes, 1-65507. The kernel sends a message when the next connection would not fit, or once it is 2 s old: with keepalived's default (the interface's MTU) a connection opened less than about 2 s before its VIP moves is unknown to the new holder, which resets it. A small value (64) puts each connection in a message of its own, sent 20 ms after the next connection or persistence template is synced (at once on a director with traffic): one datagram per synced connection. Needs syncDaemon.","type":"integer","minimum":1,"maximum":65507},"unicast":{"description":"Send VRRP adverts to the other directors' addresses (unicast_src_ip, unicast_peer) instead of multicast, for networks that drop multicast; the peers follow from the directors group. Default false.","type":"boolean"},"nopreempt":{"description":"A director that comes back does not take its VIPs back from the director holding them (nopreempt; every instance then starts in BACKUP state). Default false: the MASTER preempts.","type":"boolean"},"preemptDelay":{"description":"preempt_delay: seconds a director that comes back waits before it takes its VIPs back, 1-1000. Not with nopreempt.","type":"integer","minimum":1,"maximum":1000},"notify":{"description":"The operator's script keepalived runs on every VRRP state change of every instance (keepalived's notify: $1 INSTANCE, $2 the instance name, $3 the new state MASTER/BACKUP/FAULT/STOP, $4 the priority), installed on each director as /etc/keepalived/lvs-play-notify (root, 0755) and run as root with keepalived's script security on. Give its text (script) or a file next to the inventory (file).","type":"object","additionalProperties":false,"properties":{"script":{"description":"The script itself, starting with #!.","type":"string","minLength":3,"maxLength":65536,"pattern":"^#!"},"file":{"description":"A local file holding the script (relative to the inventory's folder).","$ref":"#/$defs/filePath"}},"oneOf":[{"required":["script"]},{"required":["file"]}]},"trackScripts":{"description":"The operator's own checks (vrrp_script), e.g. \"is the upstream router reachable\", tracked by every VIP's vrrp_instance on every director and run as root: while one fails on a director, its priority for every VIP changes by the check's weight (weight 0: its instances go to FAULT and give their VIPs up).","type":"array","minItems":1,"items":{"$ref":"#/$defs/trackScript"}},"trackInterfaces":{"description":"Interfaces every VIP's vrrp_instance tracks (track_interface): while one is down on a director, its priority changes by the weight, or without a weight its instances go to FAULT.","type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"required":["interface"],"properties":{"interface":{"$ref":"#/$defs/interfaceName"},"weight":{"description":"-253 to 253; default none: the instances go to FAULT while the interface is down.","type":"integer","minimum":-253,"maximum":253}}}},"syncGroups":{"description":"VIPs that must move together (vrrp_sync_group): when one of a group's instances changes state on a director, the others follow. A group's VIPs share their MASTER and interface.","type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"required":["name","vips"],"properties":{"name":{"description":"vrrp_sync_group name: letters, digits, '_' and '-', 1-32 characters, starting with a letter.","$ref":"#/$defs/vrrpName"},"vips":{"description":"The group's VIPs (at least two), by address.","type":"array","minItems":2,"uniqueItems":true,"items":{"$ref":"#/$defs/ipAddress"}}}}},"garp":{"description":"Gratuitous ARP (IPv4) / unsolicited NA (IPv6) a new MASTER sends so switches learn it.","type":"object","additionalProperties":false,"properties":{"masterDelay":{"description":"garp_master_delay: seconds after becoming MASTER before the second burst, 0-255 (keepalived's default 5).","type":"integer","minimum":0,"maximum":255},"masterRepeat":{"description":"garp_master_repeat: messages per burst, 1-255 (keepalived's default 5).","type":"integer","minimum":1,"maximum":255},"masterRefresh":{"description":"garp_master_refresh: seconds between repeated bursts while MASTER, 1-86400 (keepalived's default: none).","type":"integer","minimum":1,"maximum":86400}}}}};
const schema44 = {"description":"A network interface name: 1-15 letters, digits, '_', '.' or '-', not starting with '-' or '.' (no '/', ':' or spaces).","type":"string","pattern":"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$"};
const schema45 = {"description":"A VRRP priority, 1-254 (255 is reserved for the address owner).","type":"integer","minimum":1,"maximum":254};
const schema51 = {"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_-]{0,31}$"};
const func4 = require("ajv/dist/runtime/ucs2length").default;
const pattern16 = new RegExp("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$", "u");
const pattern17 = new RegExp("^[A-Za-z0-9_.,:;@%+=^~*&?/|<>()\\[\\]-]+$", "u");
const pattern20 = new RegExp("^#!", "u");
const pattern22 = new RegExp("^[A-Za-z][A-Za-z0-9_-]{0,31}$", "u");
const schema50 = {"description":"One vrrp_script: a command keepalived runs every interval; exit 0 is success.","type":"object","additionalProperties":false,"required":["name","command"],"properties":{"name":{"description":"vrrp_script name: letters, digits, '_' and '-', 1-32 characters, starting with a letter.","$ref":"#/$defs/vrrpName"},"command":{"description":"The command: an absolute path, then arguments separated by single spaces (letters, digits and _ . / : = , + @ % -; no quotes or shell characters). It must exist on the directors: lvs-play runs it, it does not install it.","type":"string","maxLength":1024,"pattern":"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"},"interval":{"description":"Seconds between runs, 1-3600, default 2.","type":"integer","minimum":1,"maximum":3600},"timeout":{"description":"Seconds a run may take before it counts as failed, 1-3600, default the interval.","type":"integer","minimum":1,"maximum":3600},"weight":{"description":"-253 to 253, added to the priority while the check fails (negative) or passes (positive); default 0: the instances go to FAULT while it fails.","type":"integer","minimum":-253,"maximum":253},"fall":{"description":"Failed runs in a row before it counts as failing, 1-255, default 1.","type":"integer","minimum":1,"maximum":255},"rise":{"description":"Successful runs in a row before it counts as passing again, 1-255, default 1.","type":"integer","minimum":1,"maximum":255}}};
const pattern23 = new RegExp("^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$", "u");

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate31.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema50.required,parentSchema:schema50,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.command === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema50.required,parentSchema:schema50,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "name") || (key0 === "command")) || (key0 === "interval")) || (key0 === "timeout")) || (key0 === "weight")) || (key0 === "fall")) || (key0 === "rise"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema50,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern22.test(data0)){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/vrrpName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_-]{0,31}$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_-]{0,31}$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_-]{0,31}$",parentSchema:schema51,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/vrrpName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.type,parentSchema:schema51,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.command !== undefined){
let data1 = data.command;
if(typeof data1 === "string"){
if(func4(data1) > 1024){
const err5 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema50.properties.command,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern23.test(data1)){
const err6 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/pattern",keyword:"pattern",params:{pattern: "^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"},message:"must match pattern \""+"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"+"\"",schema:"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$",parentSchema:schema50.properties.command,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema50.properties.command.type,parentSchema:schema50.properties.command,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.interval !== undefined){
let data2 = data.interval;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err8 = {instancePath:instancePath+"/interval",schemaPath:"#/properties/interval/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema50.properties.interval.type,parentSchema:schema50.properties.interval,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 3600 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/interval",schemaPath:"#/properties/interval/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema50.properties.interval,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err10 = {instancePath:instancePath+"/interval",schemaPath:"#/properties/interval/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema50.properties.interval,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
if(data.timeout !== undefined){
let data3 = data.timeout;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err11 = {instancePath:instancePath+"/timeout",schemaPath:"#/properties/timeout/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema50.properties.timeout.type,parentSchema:schema50.properties.timeout,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 3600 || isNaN(data3)){
const err12 = {instancePath:instancePath+"/timeout",schemaPath:"#/properties/timeout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema50.properties.timeout,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err13 = {instancePath:instancePath+"/timeout",schemaPath:"#/properties/timeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema50.properties.timeout,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
if(data.weight !== undefined){
let data4 = data.weight;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err14 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema50.properties.weight.type,parentSchema:schema50.properties.weight,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 253 || isNaN(data4)){
const err15 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/maximum",keyword:"maximum",params:{comparison: "<=", limit: 253},message:"must be <= 253",schema:253,parentSchema:schema50.properties.weight,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data4 < -253 || isNaN(data4)){
const err16 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: -253},message:"must be >= -253",schema:-253,parentSchema:schema50.properties.weight,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
if(data.fall !== undefined){
let data5 = data.fall;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err17 = {instancePath:instancePath+"/fall",schemaPath:"#/properties/fall/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema50.properties.fall.type,parentSchema:schema50.properties.fall,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 255 || isNaN(data5)){
const err18 = {instancePath:instancePath+"/fall",schemaPath:"#/properties/fall/maximum",keyword:"maximum",params:{comparison: "<=", limit: 255},message:"must be <= 255",schema:255,parentSchema:schema50.properties.fall,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err19 = {instancePath:instancePath+"/fall",schemaPath:"#/properties/fall/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema50.properties.fall,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
if(data.rise !== undefined){
let data6 = data.rise;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err20 = {instancePath:instancePath+"/rise",schemaPath:"#/properties/rise/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema50.properties.rise.type,parentSchema:schema50.properties.rise,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 255 || isNaN(data6)){
const err21 = {instancePath:instancePath+"/rise",schemaPath:"#/properties/rise/maximum",keyword:"maximum",params:{comparison: "<=", limit: 255},message:"must be <= 255",schema:255,parentSchema:schema50.properties.rise,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data6 < 1 || isNaN(data6)){
const err22 = {instancePath:instancePath+"/rise",schemaPath:"#/properties/rise/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema50.properties.rise,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema50.type,parentSchema:schema50,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate31.errors = vErrors;
return errors === 0;
}
validate31.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate30.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func1.call(schema43.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.interface !== undefined){
let data0 = data.interface;
if(typeof data0 === "string"){
if(!pattern16.test(data0)){
const err1 = {instancePath:instancePath+"/interface",schemaPath:"#/$defs/interfaceName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$"},message:"must match pattern \""+"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$"+"\"",schema:"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$",parentSchema:schema44,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/interface",schemaPath:"#/$defs/interfaceName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.type,parentSchema:schema44,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.advertInterval !== undefined){
let data1 = data.advertInterval;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/advertInterval",schemaPath:"#/properties/advertInterval/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.advertInterval.type,parentSchema:schema43.properties.advertInterval,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 255 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/advertInterval",schemaPath:"#/properties/advertInterval/maximum",keyword:"maximum",params:{comparison: "<=", limit: 255},message:"must be <= 255",schema:255,parentSchema:schema43.properties.advertInterval,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/advertInterval",schemaPath:"#/properties/advertInterval/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema43.properties.advertInterval,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.priority !== undefined){
let data2 = data.priority;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
if(!(((key1 === "master") || (key1 === "backup")) || (key1 === "step"))){
const err6 = {instancePath:instancePath+"/priority",schemaPath:"#/properties/priority/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.priority,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data2.master !== undefined){
let data3 = data2.master;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err7 = {instancePath:instancePath+"/priority/master",schemaPath:"#/$defs/priority/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema45.type,parentSchema:schema45,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 254 || isNaN(data3)){
const err8 = {instancePath:instancePath+"/priority/master",schemaPath:"#/$defs/priority/maximum",keyword:"maximum",params:{comparison: "<=", limit: 254},message:"must be <= 254",schema:254,parentSchema:schema45,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err9 = {instancePath:instancePath+"/priority/master",schemaPath:"#/$defs/priority/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema45,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data2.backup !== undefined){
let data4 = data2.backup;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err10 = {instancePath:instancePath+"/priority/backup",schemaPath:"#/$defs/priority/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema45.type,parentSchema:schema45,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 254 || isNaN(data4)){
const err11 = {instancePath:instancePath+"/priority/backup",schemaPath:"#/$defs/priority/maximum",keyword:"maximum",params:{comparison: "<=", limit: 254},message:"must be <= 254",schema:254,parentSchema:schema45,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data4 < 1 || isNaN(data4)){
const err12 = {instancePath:instancePath+"/priority/backup",schemaPath:"#/$defs/priority/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema45,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
if(data2.step !== undefined){
let data5 = data2.step;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err13 = {instancePath:instancePath+"/priority/step",schemaPath:"#/properties/priority/properties/step/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.priority.properties.step.type,parentSchema:schema43.properties.priority.properties.step,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 100 || isNaN(data5)){
const err14 = {instancePath:instancePath+"/priority/step",schemaPath:"#/properties/priority/properties/step/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema43.properties.priority.properties.step,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err15 = {instancePath:instancePath+"/priority/step",schemaPath:"#/properties/priority/properties/step/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema43.properties.priority.properties.step,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
}
else {
const err16 = {instancePath:instancePath+"/priority",schemaPath:"#/properties/priority/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.priority.type,parentSchema:schema43.properties.priority,data:data2};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.authentication !== undefined){
let data6 = data.authentication;
const _errs20 = errors;
let valid5 = false;
let passing0 = null;
const _errs21 = errors;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.password === undefined){
const err17 = {instancePath:instancePath+"/authentication",schemaPath:"#/properties/authentication/oneOf/0/required",keyword:"required",params:{missingProperty: "password"},message:"must have required property '"+"password"+"'",schema:schema43.properties.authentication.oneOf[0].required,parentSchema:schema43.properties.authentication.oneOf[0],data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
var _valid0 = _errs21 === errors;
if(_valid0){
valid5 = true;
passing0 = 0;
}
const _errs22 = errors;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.passwordEnv === undefined){
const err18 = {instancePath:instancePath+"/authentication",schemaPath:"#/properties/authentication/oneOf/1/required",keyword:"required",params:{missingProperty: "passwordEnv"},message:"must have required property '"+"passwordEnv"+"'",schema:schema43.properties.authentication.oneOf[1].required,parentSchema:schema43.properties.authentication.oneOf[1],data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
var _valid0 = _errs22 === errors;
if(_valid0 && valid5){
valid5 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid5 = true;
passing0 = 1;
}
const _errs23 = errors;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.passwordFile === undefined){
const err19 = {instancePath:instancePath+"/authentication",schemaPath:"#/properties/authentication/oneOf/2/required",keyword:"required",params:{missingProperty: "passwordFile"},message:"must have required property '"+"passwordFile"+"'",schema:schema43.properties.authentication.oneOf[2].required,parentSchema:schema43.properties.authentication.oneOf[2],data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
var _valid0 = _errs23 === errors;
if(_valid0 && valid5){
valid5 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid5 = true;
passing0 = 2;
}
}
}
if(!valid5){
const err20 = {instancePath:instancePath+"/authentication",schemaPath:"#/properties/authentication/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema43.properties.authentication.oneOf,parentSchema:schema43.properties.authentication,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
else {
errors = _errs20;
if(vErrors !== null){
if(_errs20){
vErrors.length = _errs20;
}
else {
vErrors = null;
}
}
}
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.type === undefined){
const err21 = {instancePath:instancePath+"/authentication",schemaPath:"#/properties/authentication/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema43.properties.authentication.required,parentSchema:schema43.properties.authentication,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
for(const key2 in data6){
if(!((((key2 === "type") || (key2 === "password")) || (key2 === "passwordEnv")) || (key2 === "passwordFile"))){
const err22 = {instancePath:instancePath+"/authentication",schemaPath:"#/properties/authentication/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.authentication,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data6.type !== undefined){
let data7 = data6.type;
if(!((data7 === "PASS") || (data7 === "AH"))){
const err23 = {instancePath:instancePath+"/authentication/type",schemaPath:"#/properties/authentication/properties/type/enum",keyword:"enum",params:{allowedValues: schema43.properties.authentication.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema43.properties.authentication.properties.type.enum,parentSchema:schema43.properties.authentication.properties.type,data:data7};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data6.password !== undefined){
let data8 = data6.password;
if(typeof data8 === "string"){
if(func4(data8) > 8){
const err24 = {instancePath:instancePath+"/authentication/password",schemaPath:"#/properties/authentication/properties/password/maxLength",keyword:"maxLength",params:{limit: 8},message:"must NOT have more than 8 characters",schema:8,parentSchema:schema43.properties.authentication.properties.password,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(func4(data8) < 1){
const err25 = {instancePath:instancePath+"/authentication/password",schemaPath:"#/properties/authentication/properties/password/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.authentication.properties.password,data:data8};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(!pattern17.test(data8)){
const err26 = {instancePath:instancePath+"/authentication/password",schemaPath:"#/properties/authentication/properties/password/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.,:;@%+=^~*&?/|<>()\\[\\]-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_.,:;@%+=^~*&?/|<>()\\[\\]-]+$"+"\"",schema:"^[A-Za-z0-9_.,:;@%+=^~*&?/|<>()\\[\\]-]+$",parentSchema:schema43.properties.authentication.properties.password,data:data8};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/authentication/password",schemaPath:"#/properties/authentication/properties/password/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.authentication.properties.password.type,parentSchema:schema43.properties.authentication.properties.password,data:data8};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data6.passwordEnv !== undefined){
let data9 = data6.passwordEnv;
if(typeof data9 === "string"){
if(!pattern7.test(data9)){
const err28 = {instancePath:instancePath+"/authentication/passwordEnv",schemaPath:"#/$defs/envName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]{0,127}$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]{0,127}$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]{0,127}$",parentSchema:schema35,data:data9};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/authentication/passwordEnv",schemaPath:"#/$defs/envName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data9};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data6.passwordFile !== undefined){
let data10 = data6.passwordFile;
if(typeof data10 === "string"){
if(!pattern6.test(data10)){
const err30 = {instancePath:instancePath+"/authentication/passwordFile",schemaPath:"#/$defs/filePath/pattern",keyword:"pattern",params:{pattern: "^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$"},message:"must match pattern \""+"^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$"+"\"",schema:"^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$",parentSchema:schema34,data:data10};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/authentication/passwordFile",schemaPath:"#/$defs/filePath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data10};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
else {
const err32 = {instancePath:instancePath+"/authentication",schemaPath:"#/properties/authentication/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.authentication.type,parentSchema:schema43.properties.authentication,data:data6};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.syncDaemon !== undefined){
let data11 = data.syncDaemon;
if(typeof data11 !== "boolean"){
const err33 = {instancePath:instancePath+"/syncDaemon",schemaPath:"#/properties/syncDaemon/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.syncDaemon.type,parentSchema:schema43.properties.syncDaemon,data:data11};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.syncMaxlen !== undefined){
let data12 = data.syncMaxlen;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err34 = {instancePath:instancePath+"/syncMaxlen",schemaPath:"#/properties/syncMaxlen/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.syncMaxlen.type,parentSchema:schema43.properties.syncMaxlen,data:data12};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 65507 || isNaN(data12)){
const err35 = {instancePath:instancePath+"/syncMaxlen",schemaPath:"#/properties/syncMaxlen/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65507},message:"must be <= 65507",schema:65507,parentSchema:schema43.properties.syncMaxlen,data:data12};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(data12 < 1 || isNaN(data12)){
const err36 = {instancePath:instancePath+"/syncMaxlen",schemaPath:"#/properties/syncMaxlen/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema43.properties.syncMaxlen,data:data12};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
if(data.unicast !== undefined){
let data13 = data.unicast;
if(typeof data13 !== "boolean"){
const err37 = {instancePath:instancePath+"/unicast",schemaPath:"#/properties/unicast/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.unicast.type,parentSchema:schema43.properties.unicast,data:data13};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data.nopreempt !== undefined){
let data14 = data.nopreempt;
if(typeof data14 !== "boolean"){
const err38 = {instancePath:instancePath+"/nopreempt",schemaPath:"#/properties/nopreempt/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.nopreempt.type,parentSchema:schema43.properties.nopreempt,data:data14};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.preemptDelay !== undefined){
let data15 = data.preemptDelay;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err39 = {instancePath:instancePath+"/preemptDelay",schemaPath:"#/properties/preemptDelay/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.preemptDelay.type,parentSchema:schema43.properties.preemptDelay,data:data15};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 > 1000 || isNaN(data15)){
const err40 = {instancePath:instancePath+"/preemptDelay",schemaPath:"#/properties/preemptDelay/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000",schema:1000,parentSchema:schema43.properties.preemptDelay,data:data15};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(data15 < 1 || isNaN(data15)){
const err41 = {instancePath:instancePath+"/preemptDelay",schemaPath:"#/properties/preemptDelay/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema43.properties.preemptDelay,data:data15};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
if(data.notify !== undefined){
let data16 = data.notify;
const _errs46 = errors;
let valid9 = false;
let passing1 = null;
const _errs47 = errors;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
if(data16.script === undefined){
const err42 = {instancePath:instancePath+"/notify",schemaPath:"#/properties/notify/oneOf/0/required",keyword:"required",params:{missingProperty: "script"},message:"must have required property '"+"script"+"'",schema:schema43.properties.notify.oneOf[0].required,parentSchema:schema43.properties.notify.oneOf[0],data:data16};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
var _valid1 = _errs47 === errors;
if(_valid1){
valid9 = true;
passing1 = 0;
}
const _errs48 = errors;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
if(data16.file === undefined){
const err43 = {instancePath:instancePath+"/notify",schemaPath:"#/properties/notify/oneOf/1/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'",schema:schema43.properties.notify.oneOf[1].required,parentSchema:schema43.properties.notify.oneOf[1],data:data16};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
var _valid1 = _errs48 === errors;
if(_valid1 && valid9){
valid9 = false;
passing1 = [passing1, 1];
}
else {
if(_valid1){
valid9 = true;
passing1 = 1;
}
}
if(!valid9){
const err44 = {instancePath:instancePath+"/notify",schemaPath:"#/properties/notify/oneOf",keyword:"oneOf",params:{passingSchemas: passing1},message:"must match exactly one schema in oneOf",schema:schema43.properties.notify.oneOf,parentSchema:schema43.properties.notify,data:data16};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
else {
errors = _errs46;
if(vErrors !== null){
if(_errs46){
vErrors.length = _errs46;
}
else {
vErrors = null;
}
}
}
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key3 in data16){
if(!((key3 === "script") || (key3 === "file"))){
const err45 = {instancePath:instancePath+"/notify",schemaPath:"#/properties/notify/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.notify,data:data16};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data16.script !== undefined){
let data17 = data16.script;
if(typeof data17 === "string"){
if(func4(data17) > 65536){
const err46 = {instancePath:instancePath+"/notify/script",schemaPath:"#/properties/notify/properties/script/maxLength",keyword:"maxLength",params:{limit: 65536},message:"must NOT have more than 65536 characters",schema:65536,parentSchema:schema43.properties.notify.properties.script,data:data17};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(func4(data17) < 3){
const err47 = {instancePath:instancePath+"/notify/script",schemaPath:"#/properties/notify/properties/script/minLength",keyword:"minLength",params:{limit: 3},message:"must NOT have fewer than 3 characters",schema:3,parentSchema:schema43.properties.notify.properties.script,data:data17};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(!pattern20.test(data17)){
const err48 = {instancePath:instancePath+"/notify/script",schemaPath:"#/properties/notify/properties/script/pattern",keyword:"pattern",params:{pattern: "^#!"},message:"must match pattern \""+"^#!"+"\"",schema:"^#!",parentSchema:schema43.properties.notify.properties.script,data:data17};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
else {
const err49 = {instancePath:instancePath+"/notify/script",schemaPath:"#/properties/notify/properties/script/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.notify.properties.script.type,parentSchema:schema43.properties.notify.properties.script,data:data17};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data16.file !== undefined){
let data18 = data16.file;
if(typeof data18 === "string"){
if(!pattern6.test(data18)){
const err50 = {instancePath:instancePath+"/notify/file",schemaPath:"#/$defs/filePath/pattern",keyword:"pattern",params:{pattern: "^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$"},message:"must match pattern \""+"^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$"+"\"",schema:"^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$",parentSchema:schema34,data:data18};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
else {
const err51 = {instancePath:instancePath+"/notify/file",schemaPath:"#/$defs/filePath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data18};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
else {
const err52 = {instancePath:instancePath+"/notify",schemaPath:"#/properties/notify/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.notify.type,parentSchema:schema43.properties.notify,data:data16};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data.trackScripts !== undefined){
let data19 = data.trackScripts;
if(Array.isArray(data19)){
if(data19.length < 1){
const err53 = {instancePath:instancePath+"/trackScripts",schemaPath:"#/properties/trackScripts/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema43.properties.trackScripts,data:data19};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
const len0 = data19.length;
for(let i0=0; i0<len0; i0++){
if(!(validate31(data19[i0], {instancePath:instancePath+"/trackScripts/" + i0,parentData:data19,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
}
else {
const err54 = {instancePath:instancePath+"/trackScripts",schemaPath:"#/properties/trackScripts/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema43.properties.trackScripts.type,parentSchema:schema43.properties.trackScripts,data:data19};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data.trackInterfaces !== undefined){
let data21 = data.trackInterfaces;
if(Array.isArray(data21)){
if(data21.length < 1){
const err55 = {instancePath:instancePath+"/trackInterfaces",schemaPath:"#/properties/trackInterfaces/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema43.properties.trackInterfaces,data:data21};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
const len1 = data21.length;
for(let i1=0; i1<len1; i1++){
let data22 = data21[i1];
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
if(data22.interface === undefined){
const err56 = {instancePath:instancePath+"/trackInterfaces/" + i1,schemaPath:"#/properties/trackInterfaces/items/required",keyword:"required",params:{missingProperty: "interface"},message:"must have required property '"+"interface"+"'",schema:schema43.properties.trackInterfaces.items.required,parentSchema:schema43.properties.trackInterfaces.items,data:data22};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
for(const key4 in data22){
if(!((key4 === "interface") || (key4 === "weight"))){
const err57 = {instancePath:instancePath+"/trackInterfaces/" + i1,schemaPath:"#/properties/trackInterfaces/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.trackInterfaces.items,data:data22};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data22.interface !== undefined){
let data23 = data22.interface;
if(typeof data23 === "string"){
if(!pattern16.test(data23)){
const err58 = {instancePath:instancePath+"/trackInterfaces/" + i1+"/interface",schemaPath:"#/$defs/interfaceName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$"},message:"must match pattern \""+"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$"+"\"",schema:"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$",parentSchema:schema44,data:data23};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
else {
const err59 = {instancePath:instancePath+"/trackInterfaces/" + i1+"/interface",schemaPath:"#/$defs/interfaceName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.type,parentSchema:schema44,data:data23};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data22.weight !== undefined){
let data24 = data22.weight;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err60 = {instancePath:instancePath+"/trackInterfaces/" + i1+"/weight",schemaPath:"#/properties/trackInterfaces/items/properties/weight/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.trackInterfaces.items.properties.weight.type,parentSchema:schema43.properties.trackInterfaces.items.properties.weight,data:data24};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 > 253 || isNaN(data24)){
const err61 = {instancePath:instancePath+"/trackInterfaces/" + i1+"/weight",schemaPath:"#/properties/trackInterfaces/items/properties/weight/maximum",keyword:"maximum",params:{comparison: "<=", limit: 253},message:"must be <= 253",schema:253,parentSchema:schema43.properties.trackInterfaces.items.properties.weight,data:data24};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if(data24 < -253 || isNaN(data24)){
const err62 = {instancePath:instancePath+"/trackInterfaces/" + i1+"/weight",schemaPath:"#/properties/trackInterfaces/items/properties/weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: -253},message:"must be >= -253",schema:-253,parentSchema:schema43.properties.trackInterfaces.items.properties.weight,data:data24};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
}
}
else {
const err63 = {instancePath:instancePath+"/trackInterfaces/" + i1,schemaPath:"#/properties/trackInterfaces/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.trackInterfaces.items.type,parentSchema:schema43.properties.trackInterfaces.items,data:data22};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
else {
const err64 = {instancePath:instancePath+"/trackInterfaces",schemaPath:"#/properties/trackInterfaces/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema43.properties.trackInterfaces.type,parentSchema:schema43.properties.trackInterfaces,data:data21};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data.syncGroups !== undefined){
let data25 = data.syncGroups;
if(Array.isArray(data25)){
if(data25.length < 1){
const err65 = {instancePath:instancePath+"/syncGroups",schemaPath:"#/properties/syncGroups/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema43.properties.syncGroups,data:data25};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
const len2 = data25.length;
for(let i2=0; i2<len2; i2++){
let data26 = data25[i2];
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
if(data26.name === undefined){
const err66 = {instancePath:instancePath+"/syncGroups/" + i2,schemaPath:"#/properties/syncGroups/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema43.properties.syncGroups.items.required,parentSchema:schema43.properties.syncGroups.items,data:data26};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
if(data26.vips === undefined){
const err67 = {instancePath:instancePath+"/syncGroups/" + i2,schemaPath:"#/properties/syncGroups/items/required",keyword:"required",params:{missingProperty: "vips"},message:"must have required property '"+"vips"+"'",schema:schema43.properties.syncGroups.items.required,parentSchema:schema43.properties.syncGroups.items,data:data26};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
for(const key5 in data26){
if(!((key5 === "name") || (key5 === "vips"))){
const err68 = {instancePath:instancePath+"/syncGroups/" + i2,schemaPath:"#/properties/syncGroups/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.syncGroups.items,data:data26};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data26.name !== undefined){
let data27 = data26.name;
if(typeof data27 === "string"){
if(!pattern22.test(data27)){
const err69 = {instancePath:instancePath+"/syncGroups/" + i2+"/name",schemaPath:"#/$defs/vrrpName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_-]{0,31}$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_-]{0,31}$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_-]{0,31}$",parentSchema:schema51,data:data27};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
else {
const err70 = {instancePath:instancePath+"/syncGroups/" + i2+"/name",schemaPath:"#/$defs/vrrpName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.type,parentSchema:schema51,data:data27};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data26.vips !== undefined){
let data28 = data26.vips;
if(Array.isArray(data28)){
if(data28.length < 2){
const err71 = {instancePath:instancePath+"/syncGroups/" + i2+"/vips",schemaPath:"#/properties/syncGroups/items/properties/vips/minItems",keyword:"minItems",params:{limit: 2},message:"must NOT have fewer than 2 items",schema:2,parentSchema:schema43.properties.syncGroups.items.properties.vips,data:data28};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
const len3 = data28.length;
for(let i3=0; i3<len3; i3++){
let data29 = data28[i3];
const _errs81 = errors;
let valid25 = false;
const _errs82 = errors;
if(typeof data29 === "string"){
if(!(formats0.test(data29))){
const err72 = {instancePath:instancePath+"/syncGroups/" + i2+"/vips/" + i3,schemaPath:"#/$defs/ipAddress/anyOf/0/format",keyword:"format",params:{format: "ipv4"},message:"must match format \""+"ipv4"+"\"",schema:"ipv4",parentSchema:schema39.anyOf[0],data:data29};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
var _valid2 = _errs82 === errors;
valid25 = valid25 || _valid2;
const _errs83 = errors;
if(typeof data29 === "string"){
if(!(formats2.test(data29))){
const err73 = {instancePath:instancePath+"/syncGroups/" + i2+"/vips/" + i3,schemaPath:"#/$defs/ipAddress/anyOf/1/format",keyword:"format",params:{format: "ipv6"},message:"must match format \""+"ipv6"+"\"",schema:"ipv6",parentSchema:schema39.anyOf[1],data:data29};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
var _valid2 = _errs83 === errors;
valid25 = valid25 || _valid2;
if(!valid25){
const err74 = {instancePath:instancePath+"/syncGroups/" + i2+"/vips/" + i3,schemaPath:"#/$defs/ipAddress/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema39.anyOf,parentSchema:schema39,data:data29};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
else {
errors = _errs81;
if(vErrors !== null){
if(_errs81){
vErrors.length = _errs81;
}
else {
vErrors = null;
}
}
}
if(typeof data29 === "string"){
if(!pattern11.test(data29)){
const err75 = {instancePath:instancePath+"/syncGroups/" + i2+"/vips/" + i3,schemaPath:"#/$defs/ipAddress/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Fa-f.:]{2,45}$"},message:"must match pattern \""+"^[0-9A-Fa-f.:]{2,45}$"+"\"",schema:"^[0-9A-Fa-f.:]{2,45}$",parentSchema:schema39,data:data29};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
else {
const err76 = {instancePath:instancePath+"/syncGroups/" + i2+"/vips/" + i3,schemaPath:"#/$defs/ipAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.type,parentSchema:schema39,data:data29};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
let i4 = data28.length;
let j0;
if(i4 > 1){
outer0:
for(;i4--;){
for(j0 = i4; j0--;){
if(func0(data28[i4], data28[j0])){
const err77 = {instancePath:instancePath+"/syncGroups/" + i2+"/vips",schemaPath:"#/properties/syncGroups/items/properties/vips/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i4+" are identical)",schema:true,parentSchema:schema43.properties.syncGroups.items.properties.vips,data:data28};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err78 = {instancePath:instancePath+"/syncGroups/" + i2+"/vips",schemaPath:"#/properties/syncGroups/items/properties/vips/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema43.properties.syncGroups.items.properties.vips.type,parentSchema:schema43.properties.syncGroups.items.properties.vips,data:data28};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
}
else {
const err79 = {instancePath:instancePath+"/syncGroups/" + i2,schemaPath:"#/properties/syncGroups/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.syncGroups.items.type,parentSchema:schema43.properties.syncGroups.items,data:data26};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
}
else {
const err80 = {instancePath:instancePath+"/syncGroups",schemaPath:"#/properties/syncGroups/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema43.properties.syncGroups.type,parentSchema:schema43.properties.syncGroups,data:data25};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
if(data.garp !== undefined){
let data30 = data.garp;
if(data30 && typeof data30 == "object" && !Array.isArray(data30)){
for(const key6 in data30){
if(!(((key6 === "masterDelay") || (key6 === "masterRepeat")) || (key6 === "masterRefresh"))){
const err81 = {instancePath:instancePath+"/garp",schemaPath:"#/properties/garp/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.garp,data:data30};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data30.masterDelay !== undefined){
let data31 = data30.masterDelay;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err82 = {instancePath:instancePath+"/garp/masterDelay",schemaPath:"#/properties/garp/properties/masterDelay/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.garp.properties.masterDelay.type,parentSchema:schema43.properties.garp.properties.masterDelay,data:data31};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 > 255 || isNaN(data31)){
const err83 = {instancePath:instancePath+"/garp/masterDelay",schemaPath:"#/properties/garp/properties/masterDelay/maximum",keyword:"maximum",params:{comparison: "<=", limit: 255},message:"must be <= 255",schema:255,parentSchema:schema43.properties.garp.properties.masterDelay,data:data31};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
if(data31 < 0 || isNaN(data31)){
const err84 = {instancePath:instancePath+"/garp/masterDelay",schemaPath:"#/properties/garp/properties/masterDelay/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema43.properties.garp.properties.masterDelay,data:data31};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
}
if(data30.masterRepeat !== undefined){
let data32 = data30.masterRepeat;
if(!(((typeof data32 == "number") && (!(data32 % 1) && !isNaN(data32))) && (isFinite(data32)))){
const err85 = {instancePath:instancePath+"/garp/masterRepeat",schemaPath:"#/properties/garp/properties/masterRepeat/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.garp.properties.masterRepeat.type,parentSchema:schema43.properties.garp.properties.masterRepeat,data:data32};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if((typeof data32 == "number") && (isFinite(data32))){
if(data32 > 255 || isNaN(data32)){
const err86 = {instancePath:instancePath+"/garp/masterRepeat",schemaPath:"#/properties/garp/properties/masterRepeat/maximum",keyword:"maximum",params:{comparison: "<=", limit: 255},message:"must be <= 255",schema:255,parentSchema:schema43.properties.garp.properties.masterRepeat,data:data32};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
if(data32 < 1 || isNaN(data32)){
const err87 = {instancePath:instancePath+"/garp/masterRepeat",schemaPath:"#/properties/garp/properties/masterRepeat/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema43.properties.garp.properties.masterRepeat,data:data32};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
}
if(data30.masterRefresh !== undefined){
let data33 = data30.masterRefresh;
if(!(((typeof data33 == "number") && (!(data33 % 1) && !isNaN(data33))) && (isFinite(data33)))){
const err88 = {instancePath:instancePath+"/garp/masterRefresh",schemaPath:"#/properties/garp/properties/masterRefresh/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.garp.properties.masterRefresh.type,parentSchema:schema43.properties.garp.properties.masterRefresh,data:data33};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
if((typeof data33 == "number") && (isFinite(data33))){
if(data33 > 86400 || isNaN(data33)){
const err89 = {instancePath:instancePath+"/garp/masterRefresh",schemaPath:"#/properties/garp/properties/masterRefresh/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema43.properties.garp.properties.masterRefresh,data:data33};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
if(data33 < 1 || isNaN(data33)){
const err90 = {instancePath:instancePath+"/garp/masterRefresh",schemaPath:"#/properties/garp/properties/masterRefresh/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema43.properties.garp.properties.masterRefresh,data:data33};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
}
}
else {
const err91 = {instancePath:instancePath+"/garp",schemaPath:"#/properties/garp/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.garp.type,parentSchema:schema43.properties.garp,data:data30};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
}
else {
const err92 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.type,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
validate30.errors = vErrors;
return errors === 0;
}
validate30.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema55 = {"description":"A virtual IP address, its vrrp_instance and its virtual services.","type":"object","additionalProperties":false,"required":["address","routerId","services"],"properties":{"address":{"description":"The VIP: an IPv4 or IPv6 address, never a host's address.","$ref":"#/$defs/ipAddress"},"instance":{"description":"vrrp_instance name, default \"vi_<index+1>\": letters, digits, '_', '.' and '-', 1-32 characters, starting with a letter.","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_.-]{0,31}$"},"routerId":{"description":"virtual_router_id, 1-255, unique per interface.","type":"integer","minimum":1,"maximum":255},"master":{"description":"The director that is MASTER for this VIP; default: VIP i goes to directors[i % N].","$ref":"#/$defs/hostName"},"priority":{"description":"This VIP's MASTER priority, default vrrp.priority.master.","$ref":"#/$defs/priority"},"interface":{"description":"Interface for this VIP's instance, default vrrp.interface.","$ref":"#/$defs/interfaceName"},"services":{"description":"The virtual_server blocks for this VIP. Empty for a VIP that only moves between the directors, e.g. a NAT gateway (nat.gateway).","type":"array","items":{"$ref":"#/$defs/service"}}}};
const pattern28 = new RegExp("^[A-Za-z][A-Za-z0-9_.-]{0,31}$", "u");
const schema60 = {"description":"A virtual service: VIP:port balanced over real servers, or several ports of the VIP as one service (fwmark).","type":"object","additionalProperties":false,"properties":{"port":{"description":"The virtual service's port, 1-65535.","$ref":"#/$defs/port"},"fwmark":{"description":"Firewall mark, 1-4294967295: the service is every port in \"ports\" of the VIP, marked with this number by nftables rules lvs-play writes on the directors. Unique in the cluster; IPv4 VIPs only.","type":"integer","minimum":1,"maximum":4294967295},"ports":{"description":"The ports a fwmark service takes on its VIP, each once; real servers receive each client's own port.","type":"array","minItems":1,"maxItems":64,"uniqueItems":true,"items":{"$ref":"#/$defs/port"}},"protocol":{"description":"TCP (default) or UDP.","enum":["TCP","UDP"]},"scheduler":{"description":"lb_algo, an ipvsadm scheduler, default \"rr\".","enum":["rr","wrr","lc","wlc","lblc","lblcr","dh","sh","sed","nq","fo","ovf","mh","twos"]},"schedulerFlags":{"description":"Scheduler flags, for the schedulers that take them: sh-port and sh-fallback for sh, mh-port and mh-fallback for mh (port: the source port counts in the hash; fallback: an unavailable server's clients go to another one).","type":"array","uniqueItems":true,"items":{"enum":["sh-port","sh-fallback","mh-port","mh-fallback"]}},"forwarding":{"description":"lb_kind: DR (default, direct routing), NAT or TUN (IPv4 VIPs: the director wraps each packet in IPIP; the real servers get the VIP on tunl0, with ipip loaded and rp_filter off).","enum":["DR","NAT","TUN"]},"persistence":{"description":"persistence_timeout in seconds, 0 (default) for none.","type":"integer","minimum":0,"maximum":2678400},"delayLoop":{"description":"delay_loop: seconds between health checks, default 3.","type":"integer","minimum":1,"maximum":86400},"sorryServer":{"description":"sorry_server: where keepalived sends the service's traffic while every real server is down. An inventory host of group \"realservers\" (so it carries the VIP on lo like a real server), not one of this service's real servers.","type":"object","additionalProperties":false,"required":["host"],"properties":{"host":{"description":"The inventory host.","$ref":"#/$defs/hostName"},"port":{"description":"Its port, default the service's port (DR and TUN cannot change it).","$ref":"#/$defs/port"}}},"quorum":{"description":"keepalived's quorum: the service is up while the weights of its live real servers add up to at least \"weight\"; below it (minus hysteresis) the service is down: its traffic goes to the sorry server if it has one, and \"down\" runs on the director; \"up\" runs when it is back. Default none (keepalived's quorum 1: up while any real server is).","type":"object","additionalProperties":false,"required":["weight"],"properties":{"weight":{"description":"quorum: the smallest total weight of live real servers that keeps the service up, 1-4294967295; at most the total of the service's real server weights.","type":"integer","minimum":1,"maximum":4294967295},"hysteresis":{"description":"hysteresis: how far the live weight may fall below \"weight\" before the service counts as down (and must climb back above it to count as up), 0 (default) to weight - 1.","type":"integer","minimum":0,"maximum":4294967294},"up":{"description":"quorum_up: the operator's command run as root on each director when the service gains its quorum. An absolute path, then arguments separated by single spaces (letters, digits and _ . / : = , + @ % -; no quotes or shell characters). It must exist on the directors.","$ref":"#/$defs/operatorCommand"},"down":{"description":"quorum_down: the operator's command run as root on each director when the service loses its quorum; the same form as \"up\".","$ref":"#/$defs/operatorCommand"}}},"realServers":{"description":"Real servers, default every host of group \"realservers\" with weight 1 on the service's port.","type":"array","minItems":1,"items":{"$ref":"#/$defs/realServer"}},"healthCheck":{"$ref":"#/$defs/healthCheck"}}};
const schema65 = {"description":"An operator's command keepalived runs on the directors: an absolute path, then arguments separated by single spaces (letters, digits and _ . / : = , + @ % -; no quotes or shell characters). lvs-play runs it, it does not install it.","type":"string","maxLength":1024,"pattern":"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"};
const schema67 = {"description":"A real server of a virtual service.","type":"object","additionalProperties":false,"required":["host"],"properties":{"host":{"description":"Name of an inventory host in group \"realservers\".","$ref":"#/$defs/hostName"},"port":{"description":"Port on the real server, default the service's port (DR forwards to the same port).","$ref":"#/$defs/port"},"weight":{"description":"Scheduler weight 0-65535, default 1 (0 takes no new connections).","type":"integer","minimum":0,"maximum":65535}}};

function validate36(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate36.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.host === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "host"},message:"must have required property '"+"host"+"'",schema:schema67.required,parentSchema:schema67,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "host") || (key0 === "port")) || (key0 === "weight"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema67,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.host !== undefined){
let data0 = data.host;
if(typeof data0 === "string"){
if(!pattern10.test(data0)){
const err2 = {instancePath:instancePath+"/host",schemaPath:"#/$defs/hostName/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",parentSchema:schema38,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/host",schemaPath:"#/$defs/hostName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.port !== undefined){
let data1 = data.port;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err4 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema33.type,parentSchema:schema33,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 65535 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema33,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err6 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema33,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.weight !== undefined){
let data2 = data.weight;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err7 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema67.properties.weight.type,parentSchema:schema67.properties.weight,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 65535 || isNaN(data2)){
const err8 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema67.properties.weight,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data2 < 0 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema67.properties.weight,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema67.type,parentSchema:schema67,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate36.errors = vErrors;
return errors === 0;
}
validate36.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema70 = {"description":"How keepalived checks each real server: TCP_CHECK (default) connects; HTTP_GET and SSL_GET request a path (over TLS for SSL_GET) and expect a status; MISC_CHECK runs the operator's command on the director; DNS_CHECK sends a DNS query; UDP_CHECK sends a UDP datagram and fails on an ICMP unreachable. A UDP service needs UDP_CHECK, DNS_CHECK or MISC_CHECK.","type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"description":"TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK, DNS_CHECK or UDP_CHECK.","enum":["TCP_CHECK","HTTP_GET","SSL_GET","MISC_CHECK","DNS_CHECK","UDP_CHECK"]},"port":{"description":"connect_port, default the real server's port.","$ref":"#/$defs/port"},"connectTimeout":{"description":"connect_timeout in seconds (MISC_CHECK: misc_timeout, how long the command may run), default 10.","type":"integer","minimum":1,"maximum":3600},"retry":{"description":"retry (formerly nb_get_retry), default 3.","type":"integer","minimum":0,"maximum":100},"delayBeforeRetry":{"description":"delay_before_retry in seconds, default 3.","type":"integer","minimum":0,"maximum":3600},"path":{"description":"HTTP_GET and SSL_GET only: the URL path to request, default \"/\"; letters, digits and / . _ ~ % + , : @ = - plus an optional ?query (with &).","type":"string","maxLength":1024,"pattern":"^/[A-Za-z0-9._~%/+,:@=-]*(\\?[A-Za-z0-9._~%/+,:@=&-]*)?$"},"status":{"description":"HTTP_GET and SSL_GET only: the expected status code, default 200.","type":"integer","minimum":100,"maximum":599},"command":{"description":"MISC_CHECK only (required there): the operator's check, run on each director as root; exit 0 is up. %address, %port and %host in it become the checked real server's address, the check's port and its host name (keepalived tells the command nothing about the server it checks). An absolute path, then arguments separated by single spaces (letters, digits and _ . / : = , + @ % -; no quotes or shell characters). It must exist on the directors.","type":"string","maxLength":1024,"pattern":"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"},"dynamic":{"description":"MISC_CHECK only: misc_dynamic, the command's exit code sets the weight (0 up at its weight, 1 down, 2-255 weight code - 2). Default false.","type":"boolean"},"query":{"description":"DNS_CHECK only: the question asked, default type SOA for \".\" (keepalived's default).","type":"object","additionalProperties":false,"properties":{"type":{"description":"The record type, default SOA.","enum":["A","NS","CNAME","SOA","MX","TXT","AAAA"]},"name":{"description":"The name asked for, default \".\" (the root).","type":"string","maxLength":253,"pattern":"^(\\.|([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?)$"}}}},"allOf":[{"if":{"properties":{"type":{"enum":["TCP_CHECK","MISC_CHECK","DNS_CHECK","UDP_CHECK"]}}},"then":{"properties":{"path":false,"status":false}}},{"if":{"properties":{"type":{"const":"MISC_CHECK"}}},"then":{"required":["command"]}},{"if":{"properties":{"type":{"not":{"const":"MISC_CHECK"}}}},"then":{"properties":{"command":false,"dynamic":false}}},{"if":{"properties":{"type":{"not":{"const":"DNS_CHECK"}}}},"then":{"properties":{"query":false}}}]};
const pattern35 = new RegExp("^/[A-Za-z0-9._~%/+,:@=-]*(\\?[A-Za-z0-9._~%/+,:@=&-]*)?$", "u");
const pattern37 = new RegExp("^(\\.|([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?)$", "u");

function validate38(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate38.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type !== undefined){
let data0 = data.type;
if(!((((data0 === "TCP_CHECK") || (data0 === "MISC_CHECK")) || (data0 === "DNS_CHECK")) || (data0 === "UDP_CHECK"))){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.path !== undefined){
const err1 = {instancePath:instancePath+"/path",schemaPath:"#/allOf/0/then/properties/path/false schema",keyword:"false schema",params:{},message:"boolean schema is false",schema:false,parentSchema:schema70.allOf[0].then.properties.path,data:data.path};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.status !== undefined){
const err2 = {instancePath:instancePath+"/status",schemaPath:"#/allOf/0/then/properties/status/false schema",keyword:"false schema",params:{},message:"boolean schema is false",schema:false,parentSchema:schema70.allOf[0].then.properties.status,data:data.status};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
if(valid1){
var props0 = {};
props0.path = true;
props0.status = true;
props0.type = true;
}
}
if(!valid1){
const err3 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema70.allOf[0].if,parentSchema:schema70.allOf[0],data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const _errs7 = errors;
let valid4 = true;
const _errs8 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type !== undefined){
if("MISC_CHECK" !== data.type){
const err4 = {};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
var _valid1 = _errs8 === errors;
errors = _errs7;
if(vErrors !== null){
if(_errs7){
vErrors.length = _errs7;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs10 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.command === undefined){
const err5 = {instancePath,schemaPath:"#/allOf/1/then/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema70.allOf[1].then.required,parentSchema:schema70.allOf[1].then,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
var _valid1 = _errs10 === errors;
valid4 = _valid1;
}
if(!valid4){
const err6 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema70.allOf[1].if,parentSchema:schema70.allOf[1],data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(props0 !== true){
props0 = props0 || {};
props0.type = true;
}
const _errs12 = errors;
let valid6 = true;
const _errs13 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type !== undefined){
const _errs15 = errors;
const _errs16 = errors;
if("MISC_CHECK" !== data.type){
const err7 = {};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
var valid8 = _errs16 === errors;
if(valid8){
const err8 = {};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
else {
errors = _errs15;
if(vErrors !== null){
if(_errs15){
vErrors.length = _errs15;
}
else {
vErrors = null;
}
}
}
}
}
var _valid2 = _errs13 === errors;
errors = _errs12;
if(vErrors !== null){
if(_errs12){
vErrors.length = _errs12;
}
else {
vErrors = null;
}
}
if(_valid2){
const _errs17 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.command !== undefined){
const err9 = {instancePath:instancePath+"/command",schemaPath:"#/allOf/2/then/properties/command/false schema",keyword:"false schema",params:{},message:"boolean schema is false",schema:false,parentSchema:schema70.allOf[2].then.properties.command,data:data.command};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data.dynamic !== undefined){
const err10 = {instancePath:instancePath+"/dynamic",schemaPath:"#/allOf/2/then/properties/dynamic/false schema",keyword:"false schema",params:{},message:"boolean schema is false",schema:false,parentSchema:schema70.allOf[2].then.properties.dynamic,data:data.dynamic};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
var _valid2 = _errs17 === errors;
valid6 = _valid2;
if(valid6){
var props1 = {};
props1.command = true;
props1.dynamic = true;
props1.type = true;
}
}
if(!valid6){
const err11 = {instancePath,schemaPath:"#/allOf/2/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema70.allOf[2].if,parentSchema:schema70.allOf[2],data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(props0 !== true && props1 !== undefined){
if(props1 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props1);
}
}
const _errs19 = errors;
let valid10 = true;
const _errs20 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type !== undefined){
const _errs22 = errors;
const _errs23 = errors;
if("DNS_CHECK" !== data.type){
const err12 = {};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
var valid12 = _errs23 === errors;
if(valid12){
const err13 = {};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
else {
errors = _errs22;
if(vErrors !== null){
if(_errs22){
vErrors.length = _errs22;
}
else {
vErrors = null;
}
}
}
}
}
var _valid3 = _errs20 === errors;
errors = _errs19;
if(vErrors !== null){
if(_errs19){
vErrors.length = _errs19;
}
else {
vErrors = null;
}
}
if(_valid3){
const _errs24 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.query !== undefined){
const err14 = {instancePath:instancePath+"/query",schemaPath:"#/allOf/3/then/properties/query/false schema",keyword:"false schema",params:{},message:"boolean schema is false",schema:false,parentSchema:schema70.allOf[3].then.properties.query,data:data.query};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
var _valid3 = _errs24 === errors;
valid10 = _valid3;
if(valid10){
var props2 = {};
props2.query = true;
props2.type = true;
}
}
if(!valid10){
const err15 = {instancePath,schemaPath:"#/allOf/3/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema70.allOf[3].if,parentSchema:schema70.allOf[3],data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(props0 !== true && props2 !== undefined){
if(props2 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props2);
}
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err16 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema70.required,parentSchema:schema70,data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema70.properties, key0))){
const err17 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema70,data};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.type !== undefined){
let data9 = data.type;
if(!((((((data9 === "TCP_CHECK") || (data9 === "HTTP_GET")) || (data9 === "SSL_GET")) || (data9 === "MISC_CHECK")) || (data9 === "DNS_CHECK")) || (data9 === "UDP_CHECK"))){
const err18 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema70.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema70.properties.type.enum,parentSchema:schema70.properties.type,data:data9};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.port !== undefined){
let data10 = data.port;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err19 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema33.type,parentSchema:schema33,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 65535 || isNaN(data10)){
const err20 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema33,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data10 < 1 || isNaN(data10)){
const err21 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema33,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
if(data.connectTimeout !== undefined){
let data11 = data.connectTimeout;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err22 = {instancePath:instancePath+"/connectTimeout",schemaPath:"#/properties/connectTimeout/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema70.properties.connectTimeout.type,parentSchema:schema70.properties.connectTimeout,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 3600 || isNaN(data11)){
const err23 = {instancePath:instancePath+"/connectTimeout",schemaPath:"#/properties/connectTimeout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema70.properties.connectTimeout,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data11 < 1 || isNaN(data11)){
const err24 = {instancePath:instancePath+"/connectTimeout",schemaPath:"#/properties/connectTimeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema70.properties.connectTimeout,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
if(data.retry !== undefined){
let data12 = data.retry;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err25 = {instancePath:instancePath+"/retry",schemaPath:"#/properties/retry/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema70.properties.retry.type,parentSchema:schema70.properties.retry,data:data12};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 100 || isNaN(data12)){
const err26 = {instancePath:instancePath+"/retry",schemaPath:"#/properties/retry/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema70.properties.retry,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data12 < 0 || isNaN(data12)){
const err27 = {instancePath:instancePath+"/retry",schemaPath:"#/properties/retry/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema70.properties.retry,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
if(data.delayBeforeRetry !== undefined){
let data13 = data.delayBeforeRetry;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err28 = {instancePath:instancePath+"/delayBeforeRetry",schemaPath:"#/properties/delayBeforeRetry/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema70.properties.delayBeforeRetry.type,parentSchema:schema70.properties.delayBeforeRetry,data:data13};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 > 3600 || isNaN(data13)){
const err29 = {instancePath:instancePath+"/delayBeforeRetry",schemaPath:"#/properties/delayBeforeRetry/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema70.properties.delayBeforeRetry,data:data13};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data13 < 0 || isNaN(data13)){
const err30 = {instancePath:instancePath+"/delayBeforeRetry",schemaPath:"#/properties/delayBeforeRetry/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema70.properties.delayBeforeRetry,data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
if(data.path !== undefined){
let data14 = data.path;
if(typeof data14 === "string"){
if(func4(data14) > 1024){
const err31 = {instancePath:instancePath+"/path",schemaPath:"#/properties/path/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema70.properties.path,data:data14};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(!pattern35.test(data14)){
const err32 = {instancePath:instancePath+"/path",schemaPath:"#/properties/path/pattern",keyword:"pattern",params:{pattern: "^/[A-Za-z0-9._~%/+,:@=-]*(\\?[A-Za-z0-9._~%/+,:@=&-]*)?$"},message:"must match pattern \""+"^/[A-Za-z0-9._~%/+,:@=-]*(\\?[A-Za-z0-9._~%/+,:@=&-]*)?$"+"\"",schema:"^/[A-Za-z0-9._~%/+,:@=-]*(\\?[A-Za-z0-9._~%/+,:@=&-]*)?$",parentSchema:schema70.properties.path,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/path",schemaPath:"#/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.path.type,parentSchema:schema70.properties.path,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.status !== undefined){
let data15 = data.status;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err34 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema70.properties.status.type,parentSchema:schema70.properties.status,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 > 599 || isNaN(data15)){
const err35 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/maximum",keyword:"maximum",params:{comparison: "<=", limit: 599},message:"must be <= 599",schema:599,parentSchema:schema70.properties.status,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(data15 < 100 || isNaN(data15)){
const err36 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema70.properties.status,data:data15};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
if(data.command !== undefined){
let data16 = data.command;
if(typeof data16 === "string"){
if(func4(data16) > 1024){
const err37 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema70.properties.command,data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(!pattern23.test(data16)){
const err38 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/pattern",keyword:"pattern",params:{pattern: "^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"},message:"must match pattern \""+"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"+"\"",schema:"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$",parentSchema:schema70.properties.command,data:data16};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
else {
const err39 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.command.type,parentSchema:schema70.properties.command,data:data16};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data.dynamic !== undefined){
let data17 = data.dynamic;
if(typeof data17 !== "boolean"){
const err40 = {instancePath:instancePath+"/dynamic",schemaPath:"#/properties/dynamic/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema70.properties.dynamic.type,parentSchema:schema70.properties.dynamic,data:data17};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data.query !== undefined){
let data18 = data.query;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
for(const key1 in data18){
if(!((key1 === "type") || (key1 === "name"))){
const err41 = {instancePath:instancePath+"/query",schemaPath:"#/properties/query/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema70.properties.query,data:data18};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data18.type !== undefined){
let data19 = data18.type;
if(!(((((((data19 === "A") || (data19 === "NS")) || (data19 === "CNAME")) || (data19 === "SOA")) || (data19 === "MX")) || (data19 === "TXT")) || (data19 === "AAAA"))){
const err42 = {instancePath:instancePath+"/query/type",schemaPath:"#/properties/query/properties/type/enum",keyword:"enum",params:{allowedValues: schema70.properties.query.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema70.properties.query.properties.type.enum,parentSchema:schema70.properties.query.properties.type,data:data19};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data18.name !== undefined){
let data20 = data18.name;
if(typeof data20 === "string"){
if(func4(data20) > 253){
const err43 = {instancePath:instancePath+"/query/name",schemaPath:"#/properties/query/properties/name/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema70.properties.query.properties.name,data:data20};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if(!pattern37.test(data20)){
const err44 = {instancePath:instancePath+"/query/name",schemaPath:"#/properties/query/properties/name/pattern",keyword:"pattern",params:{pattern: "^(\\.|([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?)$"},message:"must match pattern \""+"^(\\.|([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?)$"+"\"",schema:"^(\\.|([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?)$",parentSchema:schema70.properties.query.properties.name,data:data20};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath:instancePath+"/query/name",schemaPath:"#/properties/query/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.query.properties.name.type,parentSchema:schema70.properties.query.properties.name,data:data20};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
else {
const err46 = {instancePath:instancePath+"/query",schemaPath:"#/properties/query/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema70.properties.query.type,parentSchema:schema70.properties.query,data:data18};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
}
else {
const err47 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema70.type,parentSchema:schema70,data};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
validate38.errors = vErrors;
return errors === 0;
}
validate38.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate35.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func1.call(schema60.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema60,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.port !== undefined){
let data0 = data.port;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema33.type,parentSchema:schema33,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 > 65535 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema33,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data0 < 1 || isNaN(data0)){
const err3 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema33,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
if(data.fwmark !== undefined){
let data1 = data.fwmark;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err4 = {instancePath:instancePath+"/fwmark",schemaPath:"#/properties/fwmark/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema60.properties.fwmark.type,parentSchema:schema60.properties.fwmark,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 4294967295 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/fwmark",schemaPath:"#/properties/fwmark/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295",schema:4294967295,parentSchema:schema60.properties.fwmark,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err6 = {instancePath:instancePath+"/fwmark",schemaPath:"#/properties/fwmark/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema60.properties.fwmark,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.ports !== undefined){
let data2 = data.ports;
if(Array.isArray(data2)){
if(data2.length > 64){
const err7 = {instancePath:instancePath+"/ports",schemaPath:"#/properties/ports/maxItems",keyword:"maxItems",params:{limit: 64},message:"must NOT have more than 64 items",schema:64,parentSchema:schema60.properties.ports,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data2.length < 1){
const err8 = {instancePath:instancePath+"/ports",schemaPath:"#/properties/ports/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema60.properties.ports,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err9 = {instancePath:instancePath+"/ports/" + i0,schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema33.type,parentSchema:schema33,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 65535 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/ports/" + i0,schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema33,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err11 = {instancePath:instancePath+"/ports/" + i0,schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema33,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
let i1 = data2.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data2[i1], data2[j0])){
const err12 = {instancePath:instancePath+"/ports",schemaPath:"#/properties/ports/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema60.properties.ports,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err13 = {instancePath:instancePath+"/ports",schemaPath:"#/properties/ports/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema60.properties.ports.type,parentSchema:schema60.properties.ports,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.protocol !== undefined){
let data4 = data.protocol;
if(!((data4 === "TCP") || (data4 === "UDP"))){
const err14 = {instancePath:instancePath+"/protocol",schemaPath:"#/properties/protocol/enum",keyword:"enum",params:{allowedValues: schema60.properties.protocol.enum},message:"must be equal to one of the allowed values",schema:schema60.properties.protocol.enum,parentSchema:schema60.properties.protocol,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.scheduler !== undefined){
let data5 = data.scheduler;
if(!((((((((((((((data5 === "rr") || (data5 === "wrr")) || (data5 === "lc")) || (data5 === "wlc")) || (data5 === "lblc")) || (data5 === "lblcr")) || (data5 === "dh")) || (data5 === "sh")) || (data5 === "sed")) || (data5 === "nq")) || (data5 === "fo")) || (data5 === "ovf")) || (data5 === "mh")) || (data5 === "twos"))){
const err15 = {instancePath:instancePath+"/scheduler",schemaPath:"#/properties/scheduler/enum",keyword:"enum",params:{allowedValues: schema60.properties.scheduler.enum},message:"must be equal to one of the allowed values",schema:schema60.properties.scheduler.enum,parentSchema:schema60.properties.scheduler,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.schedulerFlags !== undefined){
let data6 = data.schedulerFlags;
if(Array.isArray(data6)){
const len1 = data6.length;
for(let i2=0; i2<len1; i2++){
let data7 = data6[i2];
if(!((((data7 === "sh-port") || (data7 === "sh-fallback")) || (data7 === "mh-port")) || (data7 === "mh-fallback"))){
const err16 = {instancePath:instancePath+"/schedulerFlags/" + i2,schemaPath:"#/properties/schedulerFlags/items/enum",keyword:"enum",params:{allowedValues: schema60.properties.schedulerFlags.items.enum},message:"must be equal to one of the allowed values",schema:schema60.properties.schedulerFlags.items.enum,parentSchema:schema60.properties.schedulerFlags.items,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
let i3 = data6.length;
let j1;
if(i3 > 1){
outer1:
for(;i3--;){
for(j1 = i3; j1--;){
if(func0(data6[i3], data6[j1])){
const err17 = {instancePath:instancePath+"/schedulerFlags",schemaPath:"#/properties/schedulerFlags/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema60.properties.schedulerFlags,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err18 = {instancePath:instancePath+"/schedulerFlags",schemaPath:"#/properties/schedulerFlags/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema60.properties.schedulerFlags.type,parentSchema:schema60.properties.schedulerFlags,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.forwarding !== undefined){
let data8 = data.forwarding;
if(!(((data8 === "DR") || (data8 === "NAT")) || (data8 === "TUN"))){
const err19 = {instancePath:instancePath+"/forwarding",schemaPath:"#/properties/forwarding/enum",keyword:"enum",params:{allowedValues: schema60.properties.forwarding.enum},message:"must be equal to one of the allowed values",schema:schema60.properties.forwarding.enum,parentSchema:schema60.properties.forwarding,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.persistence !== undefined){
let data9 = data.persistence;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err20 = {instancePath:instancePath+"/persistence",schemaPath:"#/properties/persistence/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema60.properties.persistence.type,parentSchema:schema60.properties.persistence,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 > 2678400 || isNaN(data9)){
const err21 = {instancePath:instancePath+"/persistence",schemaPath:"#/properties/persistence/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2678400},message:"must be <= 2678400",schema:2678400,parentSchema:schema60.properties.persistence,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data9 < 0 || isNaN(data9)){
const err22 = {instancePath:instancePath+"/persistence",schemaPath:"#/properties/persistence/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema60.properties.persistence,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
if(data.delayLoop !== undefined){
let data10 = data.delayLoop;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err23 = {instancePath:instancePath+"/delayLoop",schemaPath:"#/properties/delayLoop/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema60.properties.delayLoop.type,parentSchema:schema60.properties.delayLoop,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 86400 || isNaN(data10)){
const err24 = {instancePath:instancePath+"/delayLoop",schemaPath:"#/properties/delayLoop/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema60.properties.delayLoop,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data10 < 1 || isNaN(data10)){
const err25 = {instancePath:instancePath+"/delayLoop",schemaPath:"#/properties/delayLoop/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema60.properties.delayLoop,data:data10};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
if(data.sorryServer !== undefined){
let data11 = data.sorryServer;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.host === undefined){
const err26 = {instancePath:instancePath+"/sorryServer",schemaPath:"#/properties/sorryServer/required",keyword:"required",params:{missingProperty: "host"},message:"must have required property '"+"host"+"'",schema:schema60.properties.sorryServer.required,parentSchema:schema60.properties.sorryServer,data:data11};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
for(const key1 in data11){
if(!((key1 === "host") || (key1 === "port"))){
const err27 = {instancePath:instancePath+"/sorryServer",schemaPath:"#/properties/sorryServer/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema60.properties.sorryServer,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data11.host !== undefined){
let data12 = data11.host;
if(typeof data12 === "string"){
if(!pattern10.test(data12)){
const err28 = {instancePath:instancePath+"/sorryServer/host",schemaPath:"#/$defs/hostName/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",parentSchema:schema38,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/sorryServer/host",schemaPath:"#/$defs/hostName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data12};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data11.port !== undefined){
let data13 = data11.port;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err30 = {instancePath:instancePath+"/sorryServer/port",schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema33.type,parentSchema:schema33,data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 > 65535 || isNaN(data13)){
const err31 = {instancePath:instancePath+"/sorryServer/port",schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema33,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data13 < 1 || isNaN(data13)){
const err32 = {instancePath:instancePath+"/sorryServer/port",schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema33,data:data13};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
}
else {
const err33 = {instancePath:instancePath+"/sorryServer",schemaPath:"#/properties/sorryServer/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema60.properties.sorryServer.type,parentSchema:schema60.properties.sorryServer,data:data11};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.quorum !== undefined){
let data14 = data.quorum;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.weight === undefined){
const err34 = {instancePath:instancePath+"/quorum",schemaPath:"#/properties/quorum/required",keyword:"required",params:{missingProperty: "weight"},message:"must have required property '"+"weight"+"'",schema:schema60.properties.quorum.required,parentSchema:schema60.properties.quorum,data:data14};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
for(const key2 in data14){
if(!((((key2 === "weight") || (key2 === "hysteresis")) || (key2 === "up")) || (key2 === "down"))){
const err35 = {instancePath:instancePath+"/quorum",schemaPath:"#/properties/quorum/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema60.properties.quorum,data:data14};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data14.weight !== undefined){
let data15 = data14.weight;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err36 = {instancePath:instancePath+"/quorum/weight",schemaPath:"#/properties/quorum/properties/weight/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema60.properties.quorum.properties.weight.type,parentSchema:schema60.properties.quorum.properties.weight,data:data15};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 > 4294967295 || isNaN(data15)){
const err37 = {instancePath:instancePath+"/quorum/weight",schemaPath:"#/properties/quorum/properties/weight/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295",schema:4294967295,parentSchema:schema60.properties.quorum.properties.weight,data:data15};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(data15 < 1 || isNaN(data15)){
const err38 = {instancePath:instancePath+"/quorum/weight",schemaPath:"#/properties/quorum/properties/weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema60.properties.quorum.properties.weight,data:data15};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
if(data14.hysteresis !== undefined){
let data16 = data14.hysteresis;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
const err39 = {instancePath:instancePath+"/quorum/hysteresis",schemaPath:"#/properties/quorum/properties/hysteresis/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema60.properties.quorum.properties.hysteresis.type,parentSchema:schema60.properties.quorum.properties.hysteresis,data:data16};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 > 4294967294 || isNaN(data16)){
const err40 = {instancePath:instancePath+"/quorum/hysteresis",schemaPath:"#/properties/quorum/properties/hysteresis/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967294},message:"must be <= 4294967294",schema:4294967294,parentSchema:schema60.properties.quorum.properties.hysteresis,data:data16};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(data16 < 0 || isNaN(data16)){
const err41 = {instancePath:instancePath+"/quorum/hysteresis",schemaPath:"#/properties/quorum/properties/hysteresis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema60.properties.quorum.properties.hysteresis,data:data16};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
if(data14.up !== undefined){
let data17 = data14.up;
if(typeof data17 === "string"){
if(func4(data17) > 1024){
const err42 = {instancePath:instancePath+"/quorum/up",schemaPath:"#/$defs/operatorCommand/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema65,data:data17};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(!pattern23.test(data17)){
const err43 = {instancePath:instancePath+"/quorum/up",schemaPath:"#/$defs/operatorCommand/pattern",keyword:"pattern",params:{pattern: "^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"},message:"must match pattern \""+"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"+"\"",schema:"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$",parentSchema:schema65,data:data17};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/quorum/up",schemaPath:"#/$defs/operatorCommand/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema65.type,parentSchema:schema65,data:data17};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data14.down !== undefined){
let data18 = data14.down;
if(typeof data18 === "string"){
if(func4(data18) > 1024){
const err45 = {instancePath:instancePath+"/quorum/down",schemaPath:"#/$defs/operatorCommand/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema65,data:data18};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(!pattern23.test(data18)){
const err46 = {instancePath:instancePath+"/quorum/down",schemaPath:"#/$defs/operatorCommand/pattern",keyword:"pattern",params:{pattern: "^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"},message:"must match pattern \""+"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$"+"\"",schema:"^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$",parentSchema:schema65,data:data18};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
else {
const err47 = {instancePath:instancePath+"/quorum/down",schemaPath:"#/$defs/operatorCommand/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema65.type,parentSchema:schema65,data:data18};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
else {
const err48 = {instancePath:instancePath+"/quorum",schemaPath:"#/properties/quorum/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema60.properties.quorum.type,parentSchema:schema60.properties.quorum,data:data14};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data.realServers !== undefined){
let data19 = data.realServers;
if(Array.isArray(data19)){
if(data19.length < 1){
const err49 = {instancePath:instancePath+"/realServers",schemaPath:"#/properties/realServers/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema60.properties.realServers,data:data19};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
const len2 = data19.length;
for(let i4=0; i4<len2; i4++){
if(!(validate36(data19[i4], {instancePath:instancePath+"/realServers/" + i4,parentData:data19,parentDataProperty:i4,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate36.errors : vErrors.concat(validate36.errors);
errors = vErrors.length;
}
}
}
else {
const err50 = {instancePath:instancePath+"/realServers",schemaPath:"#/properties/realServers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema60.properties.realServers.type,parentSchema:schema60.properties.realServers,data:data19};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data.healthCheck !== undefined){
if(!(validate38(data.healthCheck, {instancePath:instancePath+"/healthCheck",parentData:data,parentDataProperty:"healthCheck",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
errors = vErrors.length;
}
}
}
else {
const err51 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema60.type,parentSchema:schema60,data};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
validate35.errors = vErrors;
return errors === 0;
}
validate35.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate34.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.address === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'",schema:schema55.required,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.routerId === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "routerId"},message:"must have required property '"+"routerId"+"'",schema:schema55.required,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.services === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "services"},message:"must have required property '"+"services"+"'",schema:schema55.required,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "address") || (key0 === "instance")) || (key0 === "routerId")) || (key0 === "master")) || (key0 === "priority")) || (key0 === "interface")) || (key0 === "services"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.address !== undefined){
let data0 = data.address;
const _errs5 = errors;
let valid2 = false;
const _errs6 = errors;
if(typeof data0 === "string"){
if(!(formats0.test(data0))){
const err4 = {instancePath:instancePath+"/address",schemaPath:"#/$defs/ipAddress/anyOf/0/format",keyword:"format",params:{format: "ipv4"},message:"must match format \""+"ipv4"+"\"",schema:"ipv4",parentSchema:schema39.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid0 = _errs6 === errors;
valid2 = valid2 || _valid0;
const _errs7 = errors;
if(typeof data0 === "string"){
if(!(formats2.test(data0))){
const err5 = {instancePath:instancePath+"/address",schemaPath:"#/$defs/ipAddress/anyOf/1/format",keyword:"format",params:{format: "ipv6"},message:"must match format \""+"ipv6"+"\"",schema:"ipv6",parentSchema:schema39.anyOf[1],data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
var _valid0 = _errs7 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const err6 = {instancePath:instancePath+"/address",schemaPath:"#/$defs/ipAddress/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema39.anyOf,parentSchema:schema39,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
else {
errors = _errs5;
if(vErrors !== null){
if(_errs5){
vErrors.length = _errs5;
}
else {
vErrors = null;
}
}
}
if(typeof data0 === "string"){
if(!pattern11.test(data0)){
const err7 = {instancePath:instancePath+"/address",schemaPath:"#/$defs/ipAddress/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Fa-f.:]{2,45}$"},message:"must match pattern \""+"^[0-9A-Fa-f.:]{2,45}$"+"\"",schema:"^[0-9A-Fa-f.:]{2,45}$",parentSchema:schema39,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/address",schemaPath:"#/$defs/ipAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.type,parentSchema:schema39,data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.instance !== undefined){
let data1 = data.instance;
if(typeof data1 === "string"){
if(!pattern28.test(data1)){
const err9 = {instancePath:instancePath+"/instance",schemaPath:"#/properties/instance/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_.-]{0,31}$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_.-]{0,31}$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_.-]{0,31}$",parentSchema:schema55.properties.instance,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/instance",schemaPath:"#/properties/instance/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.properties.instance.type,parentSchema:schema55.properties.instance,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.routerId !== undefined){
let data2 = data.routerId;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err11 = {instancePath:instancePath+"/routerId",schemaPath:"#/properties/routerId/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema55.properties.routerId.type,parentSchema:schema55.properties.routerId,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 255 || isNaN(data2)){
const err12 = {instancePath:instancePath+"/routerId",schemaPath:"#/properties/routerId/maximum",keyword:"maximum",params:{comparison: "<=", limit: 255},message:"must be <= 255",schema:255,parentSchema:schema55.properties.routerId,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err13 = {instancePath:instancePath+"/routerId",schemaPath:"#/properties/routerId/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema55.properties.routerId,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
if(data.master !== undefined){
let data3 = data.master;
if(typeof data3 === "string"){
if(!pattern10.test(data3)){
const err14 = {instancePath:instancePath+"/master",schemaPath:"#/$defs/hostName/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",parentSchema:schema38,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/master",schemaPath:"#/$defs/hostName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.priority !== undefined){
let data4 = data.priority;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err16 = {instancePath:instancePath+"/priority",schemaPath:"#/$defs/priority/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema45.type,parentSchema:schema45,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 254 || isNaN(data4)){
const err17 = {instancePath:instancePath+"/priority",schemaPath:"#/$defs/priority/maximum",keyword:"maximum",params:{comparison: "<=", limit: 254},message:"must be <= 254",schema:254,parentSchema:schema45,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data4 < 1 || isNaN(data4)){
const err18 = {instancePath:instancePath+"/priority",schemaPath:"#/$defs/priority/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema45,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
if(data.interface !== undefined){
let data5 = data.interface;
if(typeof data5 === "string"){
if(!pattern16.test(data5)){
const err19 = {instancePath:instancePath+"/interface",schemaPath:"#/$defs/interfaceName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$"},message:"must match pattern \""+"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$"+"\"",schema:"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$",parentSchema:schema44,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/interface",schemaPath:"#/$defs/interfaceName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.type,parentSchema:schema44,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.services !== undefined){
let data6 = data.services;
if(Array.isArray(data6)){
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
if(!(validate35(data6[i0], {instancePath:instancePath+"/services/" + i0,parentData:data6,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
errors = vErrors.length;
}
}
}
else {
const err21 = {instancePath:instancePath+"/services",schemaPath:"#/properties/services/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema55.properties.services.type,parentSchema:schema55.properties.services,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema55.type,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}
validate34.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const formats20 = /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i;

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://lvs-play.invalid/schema/inventory.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.hosts === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "hosts"},message:"must have required property '"+"hosts"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.groups === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "groups"},message:"must have required property '"+"groups"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.vips === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "vips"},message:"must have required property '"+"vips"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema31.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err5 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.$schema.type,parentSchema:schema31.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.name !== undefined){
let data1 = data.name;
if(typeof data1 === "string"){
if(!pattern4.test(data1)){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]{0,62}$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]{0,62}$"+"\"",schema:"^[a-z0-9][a-z0-9_-]{0,62}$",parentSchema:schema31.properties.name,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.name.type,parentSchema:schema31.properties.name,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.ssh !== undefined){
if(!(validate21(data.ssh, {instancePath:instancePath+"/ssh",parentData:data,parentDataProperty:"ssh",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data.hosts !== undefined){
let data3 = data.hosts;
if(Array.isArray(data3)){
if(data3.length < 1){
const err8 = {instancePath:instancePath+"/hosts",schemaPath:"#/properties/hosts/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.hosts,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
if(!(validate23(data3[i0], {instancePath:instancePath+"/hosts/" + i0,parentData:data3,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
}
else {
const err9 = {instancePath:instancePath+"/hosts",schemaPath:"#/properties/hosts/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.hosts.type,parentSchema:schema31.properties.hosts,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.groups !== undefined){
let data5 = data.groups;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.directors === undefined){
const err10 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/required",keyword:"required",params:{missingProperty: "directors"},message:"must have required property '"+"directors"+"'",schema:schema31.properties.groups.required,parentSchema:schema31.properties.groups,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data5.realservers === undefined){
const err11 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/required",keyword:"required",params:{missingProperty: "realservers"},message:"must have required property '"+"realservers"+"'",schema:schema31.properties.groups.required,parentSchema:schema31.properties.groups,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
for(const key1 in data5){
const _errs12 = errors;
if(typeof key1 === "string"){
if(!pattern14.test(key1)){
const err12 = {instancePath:instancePath+"/groups",schemaPath:"#/$defs/groupName/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_-]{0,62}$"},message:"must match pattern \""+"^[a-z][a-z0-9_-]{0,62}$"+"\"",schema:"^[a-z][a-z0-9_-]{0,62}$",parentSchema:schema40,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/groups",schemaPath:"#/$defs/groupName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.type,parentSchema:schema40,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var valid3 = _errs12 === errors;
if(!valid3){
const err14 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema31.properties.groups.propertyNames,parentSchema:schema31.properties.groups,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
for(const key2 in data5){
if(!((key2 === "directors") || (key2 === "realservers"))){
if(!(validate26(data5[key2], {instancePath:instancePath+"/groups/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data5,parentDataProperty:key2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
if(data5.directors !== undefined){
if(!(validate26(data5.directors, {instancePath:instancePath+"/groups/directors",parentData:data5,parentDataProperty:"directors",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
if(data5.realservers !== undefined){
if(!(validate26(data5.realservers, {instancePath:instancePath+"/groups/realservers",parentData:data5,parentDataProperty:"realservers",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
else {
const err15 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.groups.type,parentSchema:schema31.properties.groups,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.vrrp !== undefined){
if(!(validate30(data.vrrp, {instancePath:instancePath+"/vrrp",parentData:data,parentDataProperty:"vrrp",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
errors = vErrors.length;
}
}
if(data.keepalived !== undefined){
let data10 = data.keepalived;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
for(const key3 in data10){
if(!(key3 === "mode")){
const err16 = {instancePath:instancePath+"/keepalived",schemaPath:"#/properties/keepalived/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.keepalived,data:data10};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data10.mode !== undefined){
let data11 = data10.mode;
if(!((data11 === "full") || (data11 === "vrrp-only"))){
const err17 = {instancePath:instancePath+"/keepalived/mode",schemaPath:"#/properties/keepalived/properties/mode/enum",keyword:"enum",params:{allowedValues: schema31.properties.keepalived.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.keepalived.properties.mode.enum,parentSchema:schema31.properties.keepalived.properties.mode,data:data11};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/keepalived",schemaPath:"#/properties/keepalived/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.keepalived.type,parentSchema:schema31.properties.keepalived,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.vips !== undefined){
let data12 = data.vips;
if(Array.isArray(data12)){
if(data12.length < 1){
const err19 = {instancePath:instancePath+"/vips",schemaPath:"#/properties/vips/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.vips,data:data12};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
const len1 = data12.length;
for(let i1=0; i1<len1; i1++){
if(!(validate34(data12[i1], {instancePath:instancePath+"/vips/" + i1,parentData:data12,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
}
else {
const err20 = {instancePath:instancePath+"/vips",schemaPath:"#/properties/vips/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.vips.type,parentSchema:schema31.properties.vips,data:data12};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.nat !== undefined){
let data14 = data.nat;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.gateway === undefined){
const err21 = {instancePath:instancePath+"/nat",schemaPath:"#/properties/nat/required",keyword:"required",params:{missingProperty: "gateway"},message:"must have required property '"+"gateway"+"'",schema:schema31.properties.nat.required,parentSchema:schema31.properties.nat,data:data14};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
for(const key4 in data14){
if(!(((key4 === "gateway") || (key4 === "prefixLength")) || (key4 === "clientNetworks"))){
const err22 = {instancePath:instancePath+"/nat",schemaPath:"#/properties/nat/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.nat,data:data14};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data14.gateway !== undefined){
let data15 = data14.gateway;
const _errs33 = errors;
let valid12 = false;
const _errs34 = errors;
if(typeof data15 === "string"){
if(!(formats0.test(data15))){
const err23 = {instancePath:instancePath+"/nat/gateway",schemaPath:"#/$defs/ipAddress/anyOf/0/format",keyword:"format",params:{format: "ipv4"},message:"must match format \""+"ipv4"+"\"",schema:"ipv4",parentSchema:schema39.anyOf[0],data:data15};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
var _valid0 = _errs34 === errors;
valid12 = valid12 || _valid0;
const _errs35 = errors;
if(typeof data15 === "string"){
if(!(formats2.test(data15))){
const err24 = {instancePath:instancePath+"/nat/gateway",schemaPath:"#/$defs/ipAddress/anyOf/1/format",keyword:"format",params:{format: "ipv6"},message:"must match format \""+"ipv6"+"\"",schema:"ipv6",parentSchema:schema39.anyOf[1],data:data15};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
var _valid0 = _errs35 === errors;
valid12 = valid12 || _valid0;
if(!valid12){
const err25 = {instancePath:instancePath+"/nat/gateway",schemaPath:"#/$defs/ipAddress/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema39.anyOf,parentSchema:schema39,data:data15};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
else {
errors = _errs33;
if(vErrors !== null){
if(_errs33){
vErrors.length = _errs33;
}
else {
vErrors = null;
}
}
}
if(typeof data15 === "string"){
if(!pattern11.test(data15)){
const err26 = {instancePath:instancePath+"/nat/gateway",schemaPath:"#/$defs/ipAddress/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Fa-f.:]{2,45}$"},message:"must match pattern \""+"^[0-9A-Fa-f.:]{2,45}$"+"\"",schema:"^[0-9A-Fa-f.:]{2,45}$",parentSchema:schema39,data:data15};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/nat/gateway",schemaPath:"#/$defs/ipAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.type,parentSchema:schema39,data:data15};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data14.prefixLength !== undefined){
let data16 = data14.prefixLength;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
const err28 = {instancePath:instancePath+"/nat/prefixLength",schemaPath:"#/properties/nat/properties/prefixLength/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.nat.properties.prefixLength.type,parentSchema:schema31.properties.nat.properties.prefixLength,data:data16};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 > 128 || isNaN(data16)){
const err29 = {instancePath:instancePath+"/nat/prefixLength",schemaPath:"#/properties/nat/properties/prefixLength/maximum",keyword:"maximum",params:{comparison: "<=", limit: 128},message:"must be <= 128",schema:128,parentSchema:schema31.properties.nat.properties.prefixLength,data:data16};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data16 < 1 || isNaN(data16)){
const err30 = {instancePath:instancePath+"/nat/prefixLength",schemaPath:"#/properties/nat/properties/prefixLength/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.nat.properties.prefixLength,data:data16};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
if(data14.clientNetworks !== undefined){
let data17 = data14.clientNetworks;
if(Array.isArray(data17)){
if(data17.length < 1){
const err31 = {instancePath:instancePath+"/nat/clientNetworks",schemaPath:"#/properties/nat/properties/clientNetworks/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.nat.properties.clientNetworks,data:data17};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
const len2 = data17.length;
for(let i2=0; i2<len2; i2++){
let data18 = data17[i2];
if(typeof data18 === "string"){
if(!pattern39.test(data18)){
const err32 = {instancePath:instancePath+"/nat/clientNetworks/" + i2,schemaPath:"#/properties/nat/properties/clientNetworks/items/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Fa-f.:]+/[0-9]{1,3}$"},message:"must match pattern \""+"^[0-9A-Fa-f.:]+/[0-9]{1,3}$"+"\"",schema:"^[0-9A-Fa-f.:]+/[0-9]{1,3}$",parentSchema:schema31.properties.nat.properties.clientNetworks.items,data:data18};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/nat/clientNetworks/" + i2,schemaPath:"#/properties/nat/properties/clientNetworks/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.nat.properties.clientNetworks.items.type,parentSchema:schema31.properties.nat.properties.clientNetworks.items,data:data18};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
let i3 = data17.length;
let j0;
if(i3 > 1){
const indices0 = {};
for(;i3--;){
let item0 = data17[i3];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err34 = {instancePath:instancePath+"/nat/clientNetworks",schemaPath:"#/properties/nat/properties/clientNetworks/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i3+" are identical)",schema:true,parentSchema:schema31.properties.nat.properties.clientNetworks,data:data17};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
break;
}
indices0[item0] = i3;
}
}
}
else {
const err35 = {instancePath:instancePath+"/nat/clientNetworks",schemaPath:"#/properties/nat/properties/clientNetworks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.nat.properties.clientNetworks.type,parentSchema:schema31.properties.nat.properties.clientNetworks,data:data17};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/nat",schemaPath:"#/properties/nat/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.nat.type,parentSchema:schema31.properties.nat,data:data14};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.time !== undefined){
let data19 = data.time;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
for(const key5 in data19){
if(!(key5 === "servers")){
const err37 = {instancePath:instancePath+"/time",schemaPath:"#/properties/time/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.time,data:data19};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data19.servers !== undefined){
let data20 = data19.servers;
if(Array.isArray(data20)){
if(data20.length < 1){
const err38 = {instancePath:instancePath+"/time/servers",schemaPath:"#/properties/time/properties/servers/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.time.properties.servers,data:data20};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
const len3 = data20.length;
for(let i4=0; i4<len3; i4++){
let data21 = data20[i4];
const _errs50 = errors;
let valid20 = false;
const _errs51 = errors;
if(typeof data21 === "string"){
if(!(formats20.test(data21))){
const err39 = {instancePath:instancePath+"/time/servers/" + i4,schemaPath:"#/$defs/serverName/anyOf/0/format",keyword:"format",params:{format: "hostname"},message:"must match format \""+"hostname"+"\"",schema:"hostname",parentSchema:schema73.anyOf[0],data:data21};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
var _valid1 = _errs51 === errors;
valid20 = valid20 || _valid1;
const _errs52 = errors;
if(typeof data21 === "string"){
if(!(formats0.test(data21))){
const err40 = {instancePath:instancePath+"/time/servers/" + i4,schemaPath:"#/$defs/serverName/anyOf/1/format",keyword:"format",params:{format: "ipv4"},message:"must match format \""+"ipv4"+"\"",schema:"ipv4",parentSchema:schema73.anyOf[1],data:data21};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
var _valid1 = _errs52 === errors;
valid20 = valid20 || _valid1;
const _errs53 = errors;
if(typeof data21 === "string"){
if(!(formats2.test(data21))){
const err41 = {instancePath:instancePath+"/time/servers/" + i4,schemaPath:"#/$defs/serverName/anyOf/2/format",keyword:"format",params:{format: "ipv6"},message:"must match format \""+"ipv6"+"\"",schema:"ipv6",parentSchema:schema73.anyOf[2],data:data21};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
var _valid1 = _errs53 === errors;
valid20 = valid20 || _valid1;
if(!valid20){
const err42 = {instancePath:instancePath+"/time/servers/" + i4,schemaPath:"#/$defs/serverName/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema73.anyOf,parentSchema:schema73,data:data21};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
else {
errors = _errs50;
if(vErrors !== null){
if(_errs50){
vErrors.length = _errs50;
}
else {
vErrors = null;
}
}
}
if(typeof data21 === "string"){
if(!pattern40.test(data21)){
const err43 = {instancePath:instancePath+"/time/servers/" + i4,schemaPath:"#/$defs/serverName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9.:-]{1,253}$"},message:"must match pattern \""+"^[A-Za-z0-9.:-]{1,253}$"+"\"",schema:"^[A-Za-z0-9.:-]{1,253}$",parentSchema:schema73,data:data21};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/time/servers/" + i4,schemaPath:"#/$defs/serverName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema73.type,parentSchema:schema73,data:data21};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
let i5 = data20.length;
let j1;
if(i5 > 1){
outer0:
for(;i5--;){
for(j1 = i5; j1--;){
if(func0(data20[i5], data20[j1])){
const err45 = {instancePath:instancePath+"/time/servers",schemaPath:"#/properties/time/properties/servers/uniqueItems",keyword:"uniqueItems",params:{i: i5, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i5+" are identical)",schema:true,parentSchema:schema31.properties.time.properties.servers,data:data20};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err46 = {instancePath:instancePath+"/time/servers",schemaPath:"#/properties/time/properties/servers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.time.properties.servers.type,parentSchema:schema31.properties.time.properties.servers,data:data20};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
}
else {
const err47 = {instancePath:instancePath+"/time",schemaPath:"#/properties/time/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.time.type,parentSchema:schema31.properties.time,data:data19};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data.packages !== undefined){
let data22 = data.packages;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key6 in data22){
const _errs56 = errors;
if(typeof key6 === "string"){
if(!pattern14.test(key6)){
const err48 = {instancePath:instancePath+"/packages",schemaPath:"#/$defs/groupName/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_-]{0,62}$"},message:"must match pattern \""+"^[a-z][a-z0-9_-]{0,62}$"+"\"",schema:"^[a-z][a-z0-9_-]{0,62}$",parentSchema:schema40,data:key6,propertyName:key6};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
else {
const err49 = {instancePath:instancePath+"/packages",schemaPath:"#/$defs/groupName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.type,parentSchema:schema40,data:key6,propertyName:key6};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
var valid22 = _errs56 === errors;
if(!valid22){
const err50 = {instancePath:instancePath+"/packages",schemaPath:"#/properties/packages/propertyNames",keyword:"propertyNames",params:{propertyName: key6},message:"property name must be valid",schema:schema31.properties.packages.propertyNames,parentSchema:schema31.properties.packages,data:data22};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
for(const key7 in data22){
let data23 = data22[key7];
if(Array.isArray(data23)){
const len4 = data23.length;
for(let i6=0; i6<len4; i6++){
let data24 = data23[i6];
if(typeof data24 === "string"){
if(!pattern42.test(data24)){
const err51 = {instancePath:instancePath+"/packages/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i6,schemaPath:"#/$defs/packageName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9+._-]{0,127}$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9+._-]{0,127}$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9+._-]{0,127}$",parentSchema:schema75,data:data24};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
else {
const err52 = {instancePath:instancePath+"/packages/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i6,schemaPath:"#/$defs/packageName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema75.type,parentSchema:schema75,data:data24};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
let i7 = data23.length;
let j2;
if(i7 > 1){
outer1:
for(;i7--;){
for(j2 = i7; j2--;){
if(func0(data23[i7], data23[j2])){
const err53 = {instancePath:instancePath+"/packages/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/packages/additionalProperties/uniqueItems",keyword:"uniqueItems",params:{i: i7, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i7+" are identical)",schema:true,parentSchema:schema31.properties.packages.additionalProperties,data:data23};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err54 = {instancePath:instancePath+"/packages/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/packages/additionalProperties/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.packages.additionalProperties.type,parentSchema:schema31.properties.packages.additionalProperties,data:data23};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/packages",schemaPath:"#/properties/packages/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.packages.type,parentSchema:schema31.properties.packages,data:data22};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data.sysctl !== undefined){
let data25 = data.sysctl;
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
for(const key8 in data25){
const _errs67 = errors;
if(typeof key8 === "string"){
if(!pattern14.test(key8)){
const err56 = {instancePath:instancePath+"/sysctl",schemaPath:"#/$defs/groupName/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_-]{0,62}$"},message:"must match pattern \""+"^[a-z][a-z0-9_-]{0,62}$"+"\"",schema:"^[a-z][a-z0-9_-]{0,62}$",parentSchema:schema40,data:key8,propertyName:key8};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
else {
const err57 = {instancePath:instancePath+"/sysctl",schemaPath:"#/$defs/groupName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.type,parentSchema:schema40,data:key8,propertyName:key8};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
var valid29 = _errs67 === errors;
if(!valid29){
const err58 = {instancePath:instancePath+"/sysctl",schemaPath:"#/properties/sysctl/propertyNames",keyword:"propertyNames",params:{propertyName: key8},message:"property name must be valid",schema:schema31.properties.sysctl.propertyNames,parentSchema:schema31.properties.sysctl,data:data25};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
for(const key9 in data25){
let data26 = data25[key9];
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
for(const key10 in data26){
const _errs73 = errors;
if(typeof key10 === "string"){
if(!pattern44.test(key10)){
const err59 = {instancePath:instancePath+"/sysctl/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/sysctlKey/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+(\\.[A-Za-z0-9_-]+)+$"},message:"must match pattern \""+"^[a-z0-9_]+(\\.[A-Za-z0-9_-]+)+$"+"\"",schema:"^[a-z0-9_]+(\\.[A-Za-z0-9_-]+)+$",parentSchema:schema77,data:key10,propertyName:key10};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
else {
const err60 = {instancePath:instancePath+"/sysctl/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/sysctlKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema77.type,parentSchema:schema77,data:key10,propertyName:key10};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
var valid32 = _errs73 === errors;
if(!valid32){
const err61 = {instancePath:instancePath+"/sysctl/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/sysctl/additionalProperties/propertyNames",keyword:"propertyNames",params:{propertyName: key10},message:"property name must be valid",schema:schema31.properties.sysctl.additionalProperties.propertyNames,parentSchema:schema31.properties.sysctl.additionalProperties,data:data26};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
for(const key11 in data26){
let data27 = data26[key11];
if((typeof data27 !== "string") && (!(((typeof data27 == "number") && (!(data27 % 1) && !isNaN(data27))) && (isFinite(data27))))){
const err62 = {instancePath:instancePath+"/sysctl/" + key9.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/sysctlValue/type",keyword:"type",params:{type: schema78.type},message:"must be string,integer",schema:schema78.type,parentSchema:schema78,data:data27};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(typeof data27 === "string"){
if(!pattern45.test(data27)){
const err63 = {instancePath:instancePath+"/sysctl/" + key9.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/sysctlValue/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._:,/+ -]{1,256}$"},message:"must match pattern \""+"^[A-Za-z0-9._:,/+ -]{1,256}$"+"\"",schema:"^[A-Za-z0-9._:,/+ -]{1,256}$",parentSchema:schema78,data:data27};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
}
else {
const err64 = {instancePath:instancePath+"/sysctl/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/sysctl/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.sysctl.additionalProperties.type,parentSchema:schema31.properties.sysctl.additionalProperties,data:data26};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
else {
const err65 = {instancePath:instancePath+"/sysctl",schemaPath:"#/properties/sysctl/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.sysctl.type,parentSchema:schema31.properties.sysctl,data:data25};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
}
else {
const err66 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

