// What each pattern of schema/inventory.schema.json accepts, in words, so a
// rejected value gets "must be <what> (<rule>)". Keyed by the pattern text;
// a test checks that every pattern in the schema has an entry here.

export interface PatternHint {
  what: string;
  rule: string;
}

export const PATTERN_HINTS: Record<string, PatternHint> = {
  '^[0-9A-Fa-f.:]+/[0-9]{1,3}$': {
    what: 'a network in CIDR notation',
    rule: 'an IP address, "/" and a prefix length, like 203.0.113.0/24 or 0.0.0.0/0',
  },
  '^[a-z0-9][a-z0-9_-]{0,62}$': {
    what: 'a cluster name',
    rule: 'lowercase letters, digits, "_" and "-", 1-63 characters, starting with a letter or digit',
  },
  '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$': {
    what: 'a host name',
    rule: 'lowercase letters, digits and "-", 1-63 characters, no "-" at either end',
  },
  '^[a-z][a-z0-9_-]{0,62}$': {
    what: 'a group name',
    rule: 'lowercase letters, digits, "_" and "-", 1-63 characters, starting with a letter',
  },
  '^[0-9A-Fa-f.:]{2,45}$': {
    what: 'an IP address',
    rule: 'IPv4 like 192.0.2.10 or IPv6 like 2001:db8::10, no prefix length',
  },
  '^[0-9.]{7,15}$': {
    what: 'an IPv4 address',
    rule: 'four numbers 0-255 joined by dots, like 192.0.2.10, no prefix length',
  },
  '^[A-Za-z0-9.:-]{1,253}$': {
    what: 'a host name or IP address',
    rule: 'letters, digits, "." and "-", or an IPv4/IPv6 address',
  },
  '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$': {
    what: 'an interface name',
    rule: '1-15 letters, digits, "_", "." or "-", not starting with "." or "-"; no "/", ":" or spaces',
  },
  '^[A-Za-z_][A-Za-z0-9_]{0,127}$': {
    what: 'an environment variable name',
    rule: 'letters, digits and "_", not starting with a digit',
  },
  '^(~/|/)?[A-Za-z0-9_.+@,=][A-Za-z0-9_.+@,=/-]{0,4095}$': {
    what: 'a file path',
    rule: 'absolute, relative or starting with "~/"; letters, digits and _ . + @ , = / - only, no spaces or shell characters',
  },
  '^[A-Za-z][A-Za-z0-9_-]{0,31}$': {
    what: 'a keepalived name',
    rule: 'letters, digits, "_" and "-", 1-32 characters, starting with a letter',
  },
  '^/[A-Za-z0-9_./+-]{1,255}( [A-Za-z0-9_./:=,+@%-]{1,255}){0,32}$': {
    what: 'a command',
    rule: 'an absolute path, then arguments separated by single spaces; letters, digits and _ . / : = , + @ % - only, no quotes or shell characters',
  },
  '^(\\.|([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?)$': {
    what: 'a DNS name',
    rule: 'labels of letters, digits, "_" and "-" joined by dots, like www.example.org., or "." for the root',
  },
  '^#!': {
    what: 'a script',
    rule: 'its first line names its interpreter, like #!/bin/sh',
  },
  '^[A-Za-z0-9][A-Za-z0-9+._-]{0,127}$': {
    what: 'a package name',
    rule: 'letters, digits and + . _ -, starting with a letter or digit',
  },
  '^[a-z0-9_]+(\\.[A-Za-z0-9_-]+)+$': {
    what: 'a sysctl key',
    rule: 'dotted form like net.ipv4.ip_forward: letters, digits, "_" and "-" joined by dots',
  },
  '^[A-Za-z0-9._:,/+ -]{1,256}$': {
    what: 'a sysctl value',
    rule: 'an integer, or letters, digits, spaces and . _ : , / + -',
  },
  '^[a-z_][a-z0-9_.-]{0,31}$': {
    what: 'a user name',
    rule: 'lowercase letters, digits, "_", "." and "-", 1-32 characters, starting with a letter or "_"',
  },
  '^([a-z_][a-z0-9_.-]{0,31}@)?([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?$': {
    what: 'a jump host',
    rule: 'the name of an inventory host, or user@host:port',
  },
  '^[A-Za-z0-9_.,:;@%+=^~*&?/|<>()\\[\\]-]+$': {
    what: 'a VRRP password',
    rule: 'letters, digits and _.,:;@%+=^~*&?/|<>()[]-',
  },
  '^[A-Za-z][A-Za-z0-9_.-]{0,31}$': {
    what: 'a vrrp_instance name',
    rule: 'letters, digits, "_", "." and "-", 1-32 characters, starting with a letter',
  },
  '^/[A-Za-z0-9._~%/+,:@=-]*(\\?[A-Za-z0-9._~%/+,:@=&-]*)?$': {
    what: 'a URL path',
    rule: 'starting with "/", letters, digits and / . _ ~ % + , : @ = -, optionally ?query (with &)',
  },
};
