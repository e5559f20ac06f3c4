// Broken inventories: each a small mutation of inventory/example.json, with
// the JSON path and a piece of the message validateInventory must report.
/* The inventory is typed loosely here on purpose: the cases break it. */

export interface BrokenCase {
  name: string;
  // eslint-style any: a case may write anything
  mutate: (inv: any) => unknown; // may return a replacement document
  path: string;
  message: string | RegExp;
}

const rs = (inv: any) => inv.vips[0].services[0].realServers;
const hc = (inv: any, vip = 0) => inv.vips[vip].services[0].healthCheck;
const auth = (inv: any) => inv.vrrp.authentication;

export const BROKEN: BrokenCase[] = [
  // document shape
  { name: 'not an object', mutate: () => [], path: '/', message: 'must be an object, got an array' },
  {
    name: 'unknown top-level key',
    mutate: (i) => {
      i.hostz = [];
    },
    path: '/hostz',
    message: 'unknown key "hostz" (did you mean "hosts"?); allowed keys: $schema, name, ssh, hosts',
  },
  {
    name: 'unknown VIP key',
    mutate: (i) => {
      i.vips[0].interfce = 'eth1';
    },
    path: '/vips/0/interfce',
    message: 'unknown key "interfce" (did you mean "interface"?); allowed keys: address, instance, routerId',
  },
  {
    name: 'vips missing',
    mutate: (i) => {
      delete i.vips;
    },
    path: '/vips',
    message: 'is required',
  },
  {
    name: 'no hosts',
    mutate: (i) => {
      i.hosts = [];
    },
    path: '/hosts',
    message: 'must have at least 1 item, got 0',
  },
  {
    name: 'VIP without services',
    mutate: (i) => {
      i.vips[0].services = [];
    },
    path: '/vips/0/services',
    message: 'must have at least 1 item',
  },
  {
    name: 'cluster name with a space',
    mutate: (i) => {
      i.name = 'My Cluster';
    },
    path: '/name',
    message: 'must be a cluster name',
  },
  // groups
  {
    name: 'realservers group missing',
    mutate: (i) => {
      delete i.groups.realservers;
    },
    path: '/groups/realservers',
    message: 'is required',
  },
  {
    name: 'directors group missing',
    mutate: (i) => {
      delete i.groups.directors;
    },
    path: '/groups/directors',
    message: 'is required',
  },
  {
    name: 'empty directors',
    mutate: (i) => {
      i.groups.directors = [];
    },
    path: '/groups/directors',
    message: 'must have at least 1 item',
  },
  {
    name: 'group member that is no host',
    mutate: (i) => {
      i.groups.directors.push('ghost');
    },
    path: '/groups/directors/2',
    message: '"ghost" is not a host; add it to "hosts" or use one of: lvs-dr, lvs-dr2, lvs01, lvs02',
  },
  {
    name: 'host listed twice in a group',
    mutate: (i) => {
      i.groups.realservers.push('lvs01');
    },
    path: '/groups/realservers/2',
    message: 'duplicates item 0 ("lvs01")',
  },
  {
    name: 'director that is also a real server',
    mutate: (i) => {
      i.groups.realservers.push('lvs-dr');
    },
    path: '/groups/realservers/2',
    message: '"lvs-dr" is also a director',
  },
  {
    name: 'group named like a host',
    mutate: (i) => {
      i.groups.lvs01 = ['lvs01'];
    },
    path: '/groups/lvs01',
    message: 'same name as a host',
  },
  {
    name: 'group name with a space',
    mutate: (i) => {
      i.groups['web servers'] = ['lvs01'];
    },
    path: '/groups/web servers',
    message: 'key "web servers" is not a group name',
  },
  // hosts
  {
    name: 'host name injection',
    mutate: (i) => {
      i.hosts[2].name = 'a;rm -rf /';
    },
    path: '/hosts/2/name',
    message: 'must be a host name (lowercase letters, digits and "-"',
  },
  {
    name: 'duplicate host name',
    mutate: (i) => {
      i.hosts[1].name = 'lvs-dr';
    },
    path: '/hosts/1/name',
    message: '"lvs-dr" is already the name of /hosts/0; host names must be unique',
  },
  {
    name: 'duplicate host address',
    mutate: (i) => {
      i.hosts[3].address = '192.168.122.10';
    },
    path: '/hosts/3/address',
    message: '192.168.122.10 is already the address of lvs01 (/hosts/2)',
  },
  {
    name: 'host address out of range',
    mutate: (i) => {
      i.hosts[0].address = '192.168.122.300';
    },
    path: '/hosts/0/address',
    message: 'must be an IPv4 address or an IPv6 address, got "192.168.122.300"',
  },
  {
    name: 'host address as DNS name',
    mutate: (i) => {
      i.hosts[0].address = 'lvs-dr.example.com';
    },
    path: '/hosts/0/address',
    message: 'must be an IPv4 address or an IPv6 address',
  },
  // ssh
  {
    name: 'ssh port out of range',
    mutate: (i) => {
      i.ssh.port = 70000;
    },
    path: '/ssh/port',
    message: 'must be an integer from 1 to 65535, got 70000',
  },
  {
    name: 'ssh user injection',
    mutate: (i) => {
      i.ssh.user = 'root;id';
    },
    path: '/ssh/user',
    message: 'must be a user name',
  },
  {
    name: 'identity file with backticks',
    mutate: (i) => {
      i.ssh.identityFile = '/tmp/`id`';
    },
    path: '/ssh/identityFile',
    message: 'must be a file path (absolute, relative or starting with "~/"',
  },
  {
    name: 'known_hosts path starting with "-"',
    mutate: (i) => {
      i.hosts[0].ssh = { knownHosts: '-oProxyCommand=x' };
    },
    path: '/hosts/0/ssh/knownHosts',
    message: 'must be a file path',
  },
  {
    name: 'jump host that is no host',
    mutate: (i) => {
      i.ssh.jumpHost = 'bastion';
    },
    path: '/ssh/jumpHost',
    message: '"bastion" is not an inventory host; name one of lvs-dr, lvs-dr2, lvs01, lvs02, or write user@host:port',
  },
  {
    name: 'jump host port out of range',
    mutate: (i) => {
      i.ssh.jumpHost = 'root@198.18.0.1:99999';
    },
    path: '/ssh/jumpHost',
    message: 'port 99999 is not from 1 to 65535',
  },
  {
    name: 'jump host injection',
    mutate: (i) => {
      i.ssh.jumpHost = 'root@host;id';
    },
    path: '/ssh/jumpHost',
    message: 'must be a jump host (the name of an inventory host, or user@host:port)',
  },
  {
    name: 'host its own jump host',
    mutate: (i) => {
      i.hosts[2].ssh = { jumpHost: 'lvs01' };
    },
    path: '/hosts/2/ssh/jumpHost',
    message: 'cannot be its own jump host',
  },
  {
    name: 'jump host loop',
    mutate: (i) => {
      i.hosts[0].ssh = { jumpHost: 'lvs-dr2' };
      i.hosts[1].ssh = { jumpHost: 'lvs-dr' };
    },
    path: '/hosts/0/ssh/jumpHost',
    message: 'jump hosts form a loop: lvs-dr -> lvs-dr2 -> lvs-dr',
  },
  // VRRP
  {
    name: 'router id 300',
    mutate: (i) => {
      i.vips[1].routerId = 300;
    },
    path: '/vips/1/routerId',
    message: 'must be an integer from 1 to 255, got 300',
  },
  {
    name: 'router id 0',
    mutate: (i) => {
      i.vips[0].routerId = 0;
    },
    path: '/vips/0/routerId',
    message: 'must be an integer from 1 to 255, got 0',
  },
  {
    name: 'router id as a string',
    mutate: (i) => {
      i.vips[0].routerId = '38';
    },
    path: '/vips/0/routerId',
    message: 'must be an integer from 1 to 255, got "38"',
  },
  {
    name: 'router id reused on the same interface',
    mutate: (i) => {
      i.vips[1].routerId = 38;
    },
    path: '/vips/1/routerId',
    message: '38 is already the router id of /vips/0 on eth0; router ids must be unique per interface, e.g. 1',
  },
  {
    name: 'master that is not a director',
    mutate: (i) => {
      i.vips[0].master = 'lvs01';
    },
    path: '/vips/0/master',
    message: '"lvs01" is not a director; the MASTER must be one of: lvs-dr, lvs-dr2',
  },
  {
    name: 'master priority equal to backup',
    mutate: (i) => {
      i.vrrp.priority = { master: 120, backup: 120 };
    },
    path: '/vrrp/priority/backup',
    message: 'the MASTER priority (120) must be above the BACKUP priority (120)',
  },
  {
    name: 'VIP priority below backup',
    mutate: (i) => {
      i.vips[0].priority = 100;
    },
    path: '/vips/0/priority',
    message: 'MASTER priority 100 must be above the BACKUP priority 120 (vrrp.priority.backup); use 121-254',
  },
  {
    name: 'priority 255',
    mutate: (i) => {
      i.vrrp.priority.master = 255;
    },
    path: '/vrrp/priority/master',
    message: 'must be an integer from 1 to 254, got 255',
  },
  {
    name: 'backups below 1 with 3 directors',
    mutate: (i) => {
      i.hosts.push({ name: 'lvs-dr3', address: '192.168.122.50' });
      i.groups.directors.push('lvs-dr3');
      i.vrrp.priority = { master: 150, backup: 5, step: 10 };
    },
    path: '/vrrp/priority/step',
    message: 'with 3 directors the backups get 5, -5, ... down to -5, below 1',
  },
  {
    name: 'advert interval not whole',
    mutate: (i) => {
      i.vrrp.advertInterval = 0.5;
    },
    path: '/vrrp/advertInterval',
    message: 'must be an integer from 1 to 255, got 0.5',
  },
  {
    name: 'interface injection',
    mutate: (i) => {
      i.vrrp.interface = 'eth0$(id)';
    },
    path: '/vrrp/interface',
    message: 'must be an interface name (1-15 letters',
  },
  {
    name: 'interface name of 16 characters',
    mutate: (i) => {
      i.vips[0].interface = 'eth0123456789abc';
    },
    path: '/vips/0/interface',
    message: 'must be an interface name',
  },
  {
    name: 'interface name with a slash',
    mutate: (i) => {
      i.vips[0].interface = 'eth0/1';
    },
    path: '/vips/0/interface',
    message: 'no "/", ":" or spaces',
  },
  {
    name: 'instance name reused',
    mutate: (i) => {
      i.vips[1].instance = 'bl_one';
    },
    path: '/vips/1/instance',
    message: 'vrrp_instance "bl_one" is already /vips/0\'s',
  },
  {
    name: 'instance name with a space',
    mutate: (i) => {
      i.vips[0].instance = 'bl one';
    },
    path: '/vips/0/instance',
    message: 'must be a vrrp_instance name',
  },
  {
    name: 'keepalived mode unknown',
    mutate: (i) => {
      i.keepalived = { mode: 'both' };
    },
    path: '/keepalived/mode',
    message: 'must be one of full, vrrp-only, got "both"',
  },
  // authentication (values never quoted)
  {
    name: 'password longer than 8',
    mutate: (i) => {
      auth(i).password = 'Zq9xW2pkLONG';
    },
    path: '/vrrp/authentication/password',
    message: 'the password is 12 characters long; keepalived silently truncates auth_pass to 8, use at most 8',
  },
  {
    name: 'password with a blank',
    mutate: (i) => {
      auth(i).password = 'a b';
    },
    path: '/vrrp/authentication/password',
    message: 'contains a character keepalived cannot read in auth_pass',
  },
  {
    name: 'password and passwordEnv',
    mutate: (i) => {
      auth(i).passwordEnv = 'VRRP_PASS';
    },
    path: '/vrrp/authentication',
    message: 'needs exactly one of password, passwordEnv or passwordFile, got password and passwordEnv; keep one',
  },
  {
    name: 'no password at all',
    mutate: (i) => {
      delete auth(i).password;
    },
    path: '/vrrp/authentication',
    message: 'needs exactly one of password, passwordEnv or passwordFile, got none',
  },
  {
    name: 'passwordEnv not a variable name',
    mutate: (i) => {
      delete auth(i).password;
      auth(i).passwordEnv = 'VRRP-PASS';
    },
    path: '/vrrp/authentication/passwordEnv',
    message: 'must be an environment variable name',
  },
  {
    name: 'passwordFile with $(...)',
    mutate: (i) => {
      delete auth(i).password;
      auth(i).passwordFile = '/etc/$(id)';
    },
    path: '/vrrp/authentication/passwordFile',
    message: 'must be a file path',
  },
  {
    name: 'auth type MD5',
    mutate: (i) => {
      auth(i).type = 'MD5';
    },
    path: '/vrrp/authentication/type',
    message: 'must be one of PASS, AH',
  },
  {
    name: 'auth type AH',
    mutate: (i) => {
      auth(i).type = 'AH';
    },
    path: '/vrrp/authentication/type',
    message: 'AH cannot be used: keepalived clears AH authentication on an instance that starts as MASTER',
  },
  // VRRP as operators run it (issue 13)
  // health checks beyond TCP and HTTP (issue 14)
  {
    name: 'UDP service with the default TCP check',
    mutate: (i) => {
      i.vips[0].services.push({ port: 53, protocol: 'UDP' });
    },
    path: '/vips/0/services/1/protocol',
    message: 'a UDP service cannot be checked with TCP_CHECK (the default) on its own port',
  },
  {
    name: 'TCP service with DNS_CHECK',
    mutate: (i) => {
      i.vips[0].services[0].healthCheck = { type: 'DNS_CHECK' };
    },
    path: '/vips/0/services/0/healthCheck/type',
    message: 'DNS_CHECK checks over UDP, and this service is TCP',
  },
  {
    name: 'MISC_CHECK without its command',
    mutate: (i) => {
      i.vips[0].services[0].healthCheck = { type: 'MISC_CHECK' };
    },
    path: '/vips/0/services/0/healthCheck/command',
    message: 'is required',
  },
  {
    name: 'a command on TCP_CHECK',
    mutate: (i) => {
      i.vips[0].services[0].healthCheck = { type: 'TCP_CHECK', command: '/bin/true' };
    },
    path: '/vips/0/services/0/healthCheck/command',
    message: 'is only used by MISC_CHECK health checks',
  },
  {
    name: 'a DNS query on SSL_GET',
    mutate: (i) => {
      i.vips[0].services[0].healthCheck = { type: 'SSL_GET', query: { type: 'A' } };
    },
    path: '/vips/0/services/0/healthCheck/query',
    message: 'is only used by DNS_CHECK health checks',
  },
  // tracking and sync groups (issue 13)
  {
    name: 'track script with a shell command',
    mutate: (i) => {
      i.vrrp.trackScripts = [{ name: 'up', command: 'ping -c1 x; reboot' }];
    },
    path: '/vrrp/trackScripts/0/command',
    message: 'must be a command',
  },
  {
    name: 'track script named twice',
    mutate: (i) => {
      i.vrrp.trackScripts = [
        { name: 'up', command: '/bin/true' },
        { name: 'up', command: '/bin/false' },
      ];
    },
    path: '/vrrp/trackScripts/1/name',
    message: 'track script "up" is already /vrrp/trackScripts/0',
  },
  {
    name: 'tracking the VRRP interface',
    mutate: (i) => {
      i.vrrp.trackInterfaces = [{ interface: 'eth0', weight: -10 }];
    },
    path: '/vrrp/trackInterfaces/0/interface',
    message: 'eth0 is an interface VRRP runs on',
  },
  // fwmark services (issue 14)
  {
    name: 'a service with neither port nor fwmark',
    mutate: (i) => {
      delete i.vips[0].services[0].port;
    },
    path: '/vips/0/services/0',
    message: 'needs a "port", or a "fwmark" with its "ports"',
  },
  {
    name: 'a fwmark service that names a port',
    mutate: (i) => {
      Object.assign(i.vips[0].services[0], { fwmark: 1, ports: [80, 8080] });
    },
    path: '/vips/0/services/0/port',
    message: 'a fwmark service names no port',
  },
  {
    name: 'fwmark without ports',
    mutate: (i) => {
      delete i.vips[0].services[0].port;
      i.vips[0].services[0].fwmark = 1;
    },
    path: '/vips/0/services/0/ports',
    message: 'is required with fwmark',
  },
  {
    name: 'ports without fwmark',
    mutate: (i) => {
      delete i.vips[0].services[0].port;
      i.vips[0].services[0].ports = [80, 8080];
    },
    path: '/vips/0/services/0',
    message: 'has "ports" but no "fwmark"',
  },
  {
    name: 'a port listed twice in ports',
    mutate: (i) => {
      delete i.vips[0].services[0].port;
      Object.assign(i.vips[0].services[0], { fwmark: 1, ports: [80, 8080, 80] });
    },
    path: '/vips/0/services/0/ports/2',
    message: 'duplicates item 0 (80)',
  },
  {
    name: 'fwmark 0',
    mutate: (i) => {
      delete i.vips[0].services[0].port;
      Object.assign(i.vips[0].services[0], { fwmark: 0, ports: [80, 8080] });
    },
    path: '/vips/0/services/0/fwmark',
    message: 'must be an integer from 1 to 4294967295, got 0',
  },
  {
    name: 'the same fwmark on two VIPs',
    mutate: (i) => {
      for (const v of [0, 1]) {
        delete i.vips[v].services[0].port;
        Object.assign(i.vips[v].services[0], { fwmark: 7, ports: [80, 8080] });
      }
    },
    path: '/vips/1/services/0/fwmark',
    message: 'fwmark 7 is already /vips/0/services/0; each fwmark service needs its own mark',
  },
  {
    name: "a fwmark service's port taken by another service of the VIP",
    mutate: (i) => {
      i.vips[0].services.push({ fwmark: 2, ports: [443, 80] });
    },
    path: '/vips/0/services/1/ports/1',
    message: 'TCP port 80 is already /vips/0/services/0',
  },
  {
    name: 'a real server port on a fwmark service',
    mutate: (i) => {
      delete i.vips[0].services[0].port;
      Object.assign(i.vips[0].services[0], { fwmark: 1, ports: [80, 8080] });
      i.vips[0].services[0].realServers[0].port = 80;
    },
    path: '/vips/0/services/0/realServers/0/port',
    message: "sends each client's port to the real server unchanged",
  },
  {
    name: 'a fwmark service on an IPv6 VIP',
    mutate: (i) => {
      i.hosts.forEach((h: any, k: number) => {
        h.address = `2001:db8::${k + 1}`;
      });
      i.vips[0].address = '2001:db8::100';
      i.vips[1].address = '2001:db8::110';
      delete i.vips[0].services[0].port;
      Object.assign(i.vips[0].services[0], { fwmark: 1, ports: [80, 8080] });
    },
    path: '/vips/0/services/0/fwmark',
    message: 'fwmark services are IPv4 only',
  },
  {
    name: 'sync group of one VIP',
    mutate: (i) => {
      i.vrrp.syncGroups = [{ name: 'g', vips: ['192.168.122.100'] }];
    },
    path: '/vrrp/syncGroups/0/vips',
    message: 'must have at least 2 items',
  },
  {
    name: 'sync group naming no VIP',
    mutate: (i) => {
      i.vips[1].master = 'lvs-dr';
      i.vrrp.syncGroups = [{ name: 'g', vips: ['192.168.122.100', '192.168.122.99'] }];
    },
    path: '/vrrp/syncGroups/0/vips/1',
    message: '192.168.122.99 is not a VIP of the inventory; use one of 192.168.122.100, 192.168.122.110',
  },
  {
    name: 'sync group with two MASTERs',
    mutate: (i) => {
      i.vrrp.syncGroups = [{ name: 'g', vips: ['192.168.122.100', '192.168.122.110'] }];
    },
    path: '/vrrp/syncGroups/0/vips',
    message: 'sync group "g" has VIPs with different MASTERs (lvs-dr, lvs-dr2)',
  },
  {
    name: 'VIP in two sync groups',
    mutate: (i) => {
      i.vips[1].master = 'lvs-dr';
      i.vrrp.syncGroups = [
        { name: 'a', vips: ['192.168.122.100', '192.168.122.110'] },
        { name: 'b', vips: ['192.168.122.110', '192.168.122.100'] },
      ];
    },
    path: '/vrrp/syncGroups/1/vips/0',
    message: '192.168.122.110 is already in sync group "a"',
  },
  {
    name: 'syncMaxlen with the sync daemon off',
    mutate: (i) => {
      i.vrrp.syncDaemon = false;
      i.vrrp.syncMaxlen = 64;
    },
    path: '/vrrp/syncMaxlen',
    message: 'sizes the messages of the connection sync daemon, which syncDaemon false turns off',
  },
  {
    name: 'syncMaxlen in vrrp-only mode',
    mutate: (i) => {
      i.keepalived = { mode: 'vrrp-only' };
      i.vrrp.syncMaxlen = 64;
    },
    path: '/vrrp/syncMaxlen',
    message: 'which keepalived.mode "vrrp-only" does not run',
  },
  {
    name: 'syncMaxlen over 65507',
    mutate: (i) => {
      i.vrrp.syncMaxlen = 65508;
    },
    path: '/vrrp/syncMaxlen',
    message: 'must be',
  },
  {
    name: 'nopreempt with preemptDelay',
    mutate: (i) => {
      i.vrrp.nopreempt = true;
      i.vrrp.preemptDelay = 30;
    },
    path: '/vrrp/preemptDelay',
    message: 'has no effect with nopreempt',
  },
  {
    name: 'preemptDelay over 1000',
    mutate: (i) => {
      i.vrrp.preemptDelay = 1001;
    },
    path: '/vrrp/preemptDelay',
    message: 'must be an integer from 1 to 1000, got 1001',
  },
  {
    name: 'unicast with an IPv6 VIP and IPv4 directors',
    mutate: (i) => {
      i.vrrp.unicast = true;
      delete i.vrrp.authentication;
      i.vips[1].address = '2001:db8::110';
    },
    path: '/vips/1/address',
    message: "is IPv6, but with vrrp.unicast its adverts go to the directors' addresses, and lvs-dr, lvs-dr2 have no IPv6 address",
  },
  {
    name: 'garp repeat 0',
    mutate: (i) => {
      i.vrrp.garp = { masterRepeat: 0 };
    },
    path: '/vrrp/garp/masterRepeat',
    message: 'must be an integer from 1 to 255, got 0',
  },
  {
    name: 'sh-port on an rr service',
    mutate: (i) => {
      i.vips[0].services[0].schedulerFlags = ['sh-port'];
    },
    path: '/vips/0/services/0/schedulerFlags/0',
    message: '"sh-port" is a flag of the sh scheduler, and this service uses rr; only sh and mh take flags',
  },
  {
    name: 'mh-port on an sh service',
    mutate: (i) => {
      Object.assign(i.vips[0].services[0], { scheduler: 'sh', schedulerFlags: ['mh-port'] });
    },
    path: '/vips/0/services/0/schedulerFlags/0',
    message: 'use sh-port or sh-fallback',
  },
  {
    name: 'unknown scheduler flag',
    mutate: (i) => {
      i.vips[0].services[0].schedulerFlags = ['flag-1'];
    },
    path: '/vips/0/services/0/schedulerFlags/0',
    message: 'must be one of',
  },
  // VIP addresses
  {
    name: 'VIP is a host address',
    mutate: (i) => {
      i.vips[0].address = '192.168.122.30';
    },
    path: '/vips/0/address',
    message: '192.168.122.30 is the address of host lvs-dr; a VIP must be an extra address no host owns',
  },
  {
    name: 'VIP listed twice',
    mutate: (i) => {
      i.vips[1].address = '192.168.122.100';
    },
    path: '/vips/1/address',
    message: '192.168.122.100 is already /vips/0',
  },
  {
    name: 'VIP with a prefix length',
    mutate: (i) => {
      i.vips[0].address = '192.168.122.100/24';
    },
    path: '/vips/0/address',
    message: 'must be an IPv4 address or an IPv6 address, got "192.168.122.100/24"; write it without a prefix length',
  },
  {
    name: 'multicast VIP',
    mutate: (i) => {
      i.vips[0].address = '224.0.0.18';
    },
    path: '/vips/0/address',
    message: '224.0.0.18 is a multicast address; a VIP must be a unicast address',
  },
  {
    name: 'loopback VIP',
    mutate: (i) => {
      i.vips[0].address = '127.0.0.2';
    },
    path: '/vips/0/address',
    message: 'is a loopback address',
  },
  {
    name: 'IPv6 VIP with authentication',
    mutate: (i) => {
      i.vips[0].address = '2001:db8::100';
    },
    path: '/vips/0/address',
    message: 'is IPv6, which keepalived runs with VRRP version 3, which has no authentication',
  },
  {
    name: 'IPv6 VIP with IPv4 real servers',
    mutate: (i) => {
      delete i.vrrp.authentication;
      i.vips[1].address = '2001:db8::110';
    },
    path: '/vips/1/services/0/realServers/0/host',
    message: '"lvs01" has the IPv4 address 192.168.122.10 but the VIP is IPv6',
  },
  // services
  {
    name: 'scheduler unknown',
    mutate: (i) => {
      i.vips[0].services[0].scheduler = 'roundrobin';
    },
    path: '/vips/0/services/0/scheduler',
    message: 'must be one of rr, wrr, lc, wlc, lblc, lblcr, dh, sh, sed, nq, fo, ovf, mh, twos, got "roundrobin"',
  },
  {
    name: 'forwarding FULLNAT',
    mutate: (i) => {
      i.vips[0].services[0].forwarding = 'FULLNAT';
    },
    path: '/vips/0/services/0/forwarding',
    message: 'must be one of DR, NAT, TUN',
  },
  {
    name: 'protocol SCTP',
    mutate: (i) => {
      i.vips[0].services[0].protocol = 'SCTP';
    },
    path: '/vips/0/services/0/protocol',
    message: 'must be one of TCP, UDP',
  },
  {
    name: 'service port 0',
    mutate: (i) => {
      i.vips[0].services[0].port = 0;
    },
    path: '/vips/0/services/0/port',
    message: 'must be an integer from 1 to 65535, got 0',
  },
  {
    name: 'same port and protocol twice on a VIP',
    mutate: (i) => {
      i.vips[0].services.push({ port: 80 });
    },
    path: '/vips/0/services/1/port',
    message: 'TCP port 80 is already /vips/0/services/0',
  },
  {
    name: 'negative persistence',
    mutate: (i) => {
      i.vips[0].services[0].persistence = -5;
    },
    path: '/vips/0/services/0/persistence',
    message: 'must be an integer from 0 to 2678400, got -5',
  },
  {
    name: 'real server that is no host',
    mutate: (i) => {
      rs(i)[0].host = 'lvs03';
    },
    path: '/vips/0/services/0/realServers/0/host',
    message: '"lvs03" is not an inventory host; use one of: lvs01, lvs02',
  },
  {
    name: 'real server outside group realservers',
    mutate: (i) => {
      rs(i)[0].host = 'lvs-dr';
    },
    path: '/vips/0/services/0/realServers/0/host',
    message: '"lvs-dr" is not in group "realservers"',
  },
  {
    name: 'real server listed twice',
    mutate: (i) => {
      rs(i).push({ host: 'lvs01' });
    },
    path: '/vips/0/services/0/realServers/2/host',
    message: '"lvs01" port 80 is already real server 0 of this service',
  },
  {
    name: 'DR real server on another port',
    mutate: (i) => {
      rs(i)[1].port = 8080;
    },
    path: '/vips/0/services/0/realServers/1/port',
    message: 'DR forwarding cannot change the port: the real server receives VIP:80, so its port must be 80',
  },
  {
    name: 'negative weight',
    mutate: (i) => {
      rs(i)[0].weight = -1;
    },
    path: '/vips/0/services/0/realServers/0/weight',
    message: 'must be an integer from 0 to 65535, got -1',
  },
  {
    name: 'health check type unknown',
    mutate: (i) => {
      hc(i).type = 'SMTP_CHECK';
    },
    path: '/vips/0/services/0/healthCheck/type',
    message: 'must be one of TCP_CHECK, HTTP_GET',
  },
  {
    name: 'TCP_CHECK with a path',
    mutate: (i) => {
      hc(i).path = '/';
    },
    path: '/vips/0/services/0/healthCheck/path',
    message: 'is only used by HTTP_GET and SSL_GET health checks; remove it or set "type": "HTTP_GET"',
  },
  {
    name: 'HTTP path with backticks',
    mutate: (i) => {
      hc(i, 1).path = '/`id`';
    },
    path: '/vips/1/services/0/healthCheck/path',
    message: 'must be a URL path (starting with "/"',
  },
  {
    name: 'HTTP path without a slash',
    mutate: (i) => {
      hc(i, 1).path = 'index.html';
    },
    path: '/vips/1/services/0/healthCheck/path',
    message: 'got "index.html"',
  },
  {
    name: 'HTTP status 700',
    mutate: (i) => {
      hc(i, 1).status = 700;
    },
    path: '/vips/1/services/0/healthCheck/status',
    message: 'must be an integer from 100 to 599, got 700',
  },
  // time, packages, sysctl
  {
    name: 'time server injection',
    mutate: (i) => {
      i.time.servers[0] = 'pool.ntp.org;id';
    },
    path: '/time/servers/0',
    message: 'must be a host name, an IPv4 address or an IPv6 address, got "pool.ntp.org;id"',
  },
  {
    name: 'package name injection',
    mutate: (i) => {
      i.packages.realservers = ['httpd; rm -rf /'];
    },
    path: '/packages/realservers/0',
    message: 'must be a package name (letters, digits and + . _ -',
  },
  {
    name: 'packages for a group that does not exist',
    mutate: (i) => {
      i.packages.webservers = ['nginx'];
    },
    path: '/packages/webservers',
    message: 'group "webservers" does not exist; use one of: directors, realservers',
  },
  {
    name: 'sysctl key injection',
    mutate: (i) => {
      i.sysctl = { realservers: { 'net.ipv4.ip_forward;reboot': 1 } };
    },
    path: '/sysctl/realservers/net.ipv4.ip_forward;reboot',
    message: 'key "net.ipv4.ip_forward;reboot" is not a sysctl key',
  },
  {
    name: 'sysctl value with a newline',
    mutate: (i) => {
      i.sysctl = { realservers: { 'net.ipv4.ip_forward': '1\nkernel.panic=1' } };
    },
    path: '/sysctl/realservers/net.ipv4.ip_forward',
    message: 'must be a sysctl value',
  },
  {
    name: 'sysctl value not whole',
    mutate: (i) => {
      i.sysctl = { realservers: { 'vm.swappiness': 1.5 } };
    },
    path: '/sysctl/realservers/vm.swappiness',
    message: 'must be string or integer, got 1.5',
  },
];
