// Files inside a director VM that a container does not need, pure: the
// unit that gives eth0 the inventory address (read from a per-host file, so
// one base serves every VM), and the fstab line that mounts the lab's apt
// repository read-only over 9p where a container has a bind mount.

import { REPO_MOUNT } from '../paths.js';

export const NETWORK_UNIT = 'lvs-play-network.service';
/** Per host, written into its disk: ADDRESS=a.b.c.d/prefix */
export const VM_NETWORK_FILE = '/etc/lvs-play/network';
/** The 9p mount tag of the apt repository (qemu -device virtio-9p-pci,mount_tag=...). */
export const REPO_TAG = 'lvsprepo';

export function renderNetworkFile(address: string, prefix: number): string {
  return `# lvs-play lab: eth0's address, from the inventory\nADDRESS=${address}/${prefix}\n`;
}

/** eth0 exists before systemd starts (the initrd loads virtio_net); there is no default route, as in a container. */
export function renderNetworkUnit(): string {
  return `# lvs-play lab VM: eth0 with the inventory address (no DHCP, no default route)
[Unit]
Description=lvs-play lab: eth0 with the inventory address
DefaultDependencies=no
After=systemd-sysctl.service
Before=network.target network-online.target
Wants=network.target

[Service]
Type=oneshot
RemainAfterExit=yes
EnvironmentFile=${VM_NETWORK_FILE}
ExecStart=/sbin/ip link set lo up
ExecStart=/sbin/ip address replace \${ADDRESS} dev eth0
ExecStart=/sbin/ip link set eth0 up

[Install]
WantedBy=multi-user.target
`;
}

/** No line for / (the initrd mounted it read-write; without udev, systemd would wait for /dev/vda's device unit). */
export function renderFstab(): string {
  return `# lvs-play lab VM: / is mounted by the initrd
${REPO_TAG} ${REPO_MOUNT} 9p trans=virtio,version=9p2000.L,ro,msize=262144,nofail 0 0
`;
}
