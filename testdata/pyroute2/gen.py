#!/usr/bin/python3
"""Golden vectors from pyroute2's IPBatch.

Builds a corpus of rtnetlink requests with pyroute2's IPBatch (the request
compiler of IPRouteMixin/RTNL_API: no socket, every call appends the encoded
message(s) to IPBatch.batch) and prints it as JSON on stdout:

    /usr/bin/python3 testdata/pyroute2/gen.py > testdata/pyroute2/cases.json

Each case is one call `ipb.<method>(<command>, **kwargs)` on a freshly reset
IPBatch. The record holds the keyword arguments exactly as passed and either
the whole IPBatch.batch buffer as hex or, when pyroute2 raises, the exception
type and message. See README.md beside this file.

Determinism: the output depends only on the pyroute2 version. Two inputs
that pyroute2 takes from the running machine are pinned here:
  * nlmsg_pid: IPBatch writes os.getpid() into every message header; this
    script rewrites that field to 0 (nothing else in the buffer is touched);
  * /proc/net/psched: pyroute2's tc code converts times to scheduler ticks
    with the clock parameters read from it; they are pinned to the values
    every current Linux kernel reports (1000 64 1000000 1000000000).
"""

import copy
import json
import logging
import struct
import sys
import warnings

from importlib.metadata import version as _dist_version

from pyroute2 import IPBatch
from pyroute2.netlink.rtnl.tcmsg import common as _tc_common

logging.disable(logging.CRITICAL)
warnings.simplefilter('ignore')

# pin /proc/net/psched (t2us=0x3e8 us2t=0x40 clock_res=0xf4240 hz=0x3b9aca00)
_tc_common.clock_res = 1000000
_tc_common.clock_factor = 1.0
_tc_common.tick_in_usec = 1000.0 / 64
_tc_common.wee = 1000000000

AF_INET = 2
AF_INET6 = 10
AF_BRIDGE = 7
AF_MPLS = 28
ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
ETH_P_8021Q = 0x8100

CASES = []


def case(name, method, command, /, **kwargs):
    CASES.append((name, method, command, kwargs))


# -------------------------------------------------------------------- link
def link_cases():
    c = 'link/add/'
    case(c + 'dummy', 'link', 'add', ifname='dummy0', kind='dummy')
    case(c + 'dummy-index', 'link', 'add', ifname='dummy1', kind='dummy',
         index=100)
    case(c + 'dummy-mtu-address-txqlen', 'link', 'add', ifname='dummy2',
         kind='dummy', mtu=9000, address='02:00:5e:00:53:01', txqlen=500)
    case(c + 'dummy-address-uppercase', 'link', 'add', ifname='dummy3',
         kind='dummy', address='02:00:5E:00:53:0A')
    case(c + 'dummy-address-dotted', 'link', 'add', ifname='dummy4',
         kind='dummy', address='0200.5e00.5302')
    case(c + 'dummy-state-up', 'link', 'add', ifname='dummy5',
         kind='dummy', state='up')
    case(c + 'dummy-alias-group', 'link', 'add', ifname='dummy6',
         kind='dummy', ifalias='uplink dummy', group=5)
    case(c + 'dummy-full-nla-names', 'link', 'add', IFLA_IFNAME='dummy7',
         IFLA_MTU=1280, kind='dummy')
    case(c + 'dummy-explicit-linkinfo', 'link', 'add', ifname='dummy8',
         IFLA_LINKINFO={'attrs': [['IFLA_INFO_KIND', 'dummy']]})
    case(c + 'dummy-no-kind', 'link', 'add', ifname='nokind0')
    case(c + 'dummy-master', 'link', 'add', ifname='dummy9', kind='dummy',
         master=3)
    case(c + 'dummy-numtxqueues', 'link', 'add', ifname='dummy10',
         kind='dummy', num_tx_queues=4, num_rx_queues=4)
    case(c + 'ifb', 'link', 'add', ifname='ifb0', kind='ifb')
    case(c + 'veth-peer-name', 'link', 'add', ifname='veth0', kind='veth',
         peer='veth1')
    case(c + 'veth-peer-dict', 'link', 'add', ifname='veth2', kind='veth',
         peer={'ifname': 'veth3', 'address': '02:00:5e:00:53:03',
               'mtu': 1400})
    case(c + 'veth-peer-netns-pid', 'link', 'add', ifname='veth4',
         kind='veth', peer={'ifname': 'veth5', 'net_ns_pid': 1})
    case(c + 'veth-peer-netns-fd', 'link', 'add', ifname='veth6',
         kind='veth', peer={'ifname': 'veth7', 'net_ns_fd': 5})
    case(c + 'veth-peer-index', 'link', 'add', ifname='veth8', kind='veth',
         index=200, peer={'ifname': 'veth9', 'index': 201})
    case(c + 'veth-no-peer', 'link', 'add', ifname='veth10', kind='veth')
    # bridge
    case(c + 'bridge', 'link', 'add', ifname='br0', kind='bridge')
    case(c + 'bridge-stp-delay', 'link', 'add', ifname='br1', kind='bridge',
         br_stp_state=1, br_forward_delay=1500, br_hello_time=200,
         br_max_age=2000)
    case(c + 'bridge-vlan-filtering', 'link', 'add', ifname='br2',
         kind='bridge', br_vlan_filtering=1, br_vlan_default_pvid=10,
         br_vlan_protocol=0x88a8)
    case(c + 'bridge-priority-ageing', 'link', 'add', ifname='br3',
         kind='bridge', br_priority=4096, br_ageing_time=30000,
         br_group_fwd_mask=0x4000)
    case(c + 'bridge-mcast', 'link', 'add', ifname='br4', kind='bridge',
         br_mcast_snooping=0, br_mcast_router=2, br_mcast_querier=1,
         br_mcast_igmp_version=3, br_mcast_mld_version=2,
         br_mcast_hash_max=1024)
    case(c + 'bridge-nf-call', 'link', 'add', ifname='br5', kind='bridge',
         br_nf_call_iptables=1, br_nf_call_ip6tables=1,
         br_nf_call_arptables=0)
    case(c + 'bridge-group-addr', 'link', 'add', ifname='br6', kind='bridge',
         br_group_addr='01:80:c2:00:00:0e')
    case(c + 'bridge-full-nla-name', 'link', 'add', ifname='br7',
         kind='bridge', IFLA_BR_STP_STATE=0)
    case(c + 'bridge-stats', 'link', 'add', ifname='br8', kind='bridge',
         br_vlan_stats_enabled=1, br_mcast_stats_enabled=1)
    # bond
    case(c + 'bond', 'link', 'add', ifname='bond0', kind='bond')
    case(c + 'bond-8023ad', 'link', 'add', ifname='bond1', kind='bond',
         bond_mode=4, bond_miimon=100, bond_xmit_hash_policy=1,
         bond_ad_lacp_rate=1, bond_min_links=1)
    case(c + 'bond-mode-keyword', 'link', 'add', ifname='bond2',
         kind='bond', mode=1)
    case(c + 'bond-updelay', 'link', 'add', ifname='bond3', kind='bond',
         bond_mode=1, bond_miimon=100, bond_updelay=200,
         bond_downdelay=200, bond_primary=4)
    case(c + 'bond-arp', 'link', 'add', ifname='bond4', kind='bond',
         bond_arp_interval=1000, bond_arp_validate=3,
         bond_arp_ip_target=['192.0.2.1', '192.0.2.2'])
    case(c + 'bond-mode-name', 'link', 'add', ifname='bond5', kind='bond',
         bond_mode='802.3ad')
    case(c + 'bond-ad-actor', 'link', 'add', ifname='bond6', kind='bond',
         bond_mode=4, bond_ad_actor_sys_prio=100,
         bond_ad_actor_system='02:00:5e:00:53:10', bond_ad_select=1)
    # vlan
    case(c + 'vlan', 'link', 'add', ifname='eth0.100', kind='vlan', link=2,
         vlan_id=100)
    case(c + 'vlan-link-dict', 'link', 'add', ifname='eth0.101',
         kind='vlan', link={'index': 2}, vlan_id=101)
    case(c + 'vlan-8021ad', 'link', 'add', ifname='eth0.200', kind='vlan',
         link=2, vlan_id=200, vlan_protocol=0x88a8)
    case(c + 'vlan-8021q', 'link', 'add', ifname='eth0.201', kind='vlan',
         link=2, vlan_id=201, vlan_protocol=0x8100)
    case(c + 'vlan-flags-names', 'link', 'add', ifname='eth0.102',
         kind='vlan', link=2, vlan_id=102,
         vlan_flags=['gvrp', 'reorder_hdr'])
    case(c + 'vlan-flags-name', 'link', 'add', ifname='eth0.103',
         kind='vlan', link=2, vlan_id=103, vlan_flags='mvrp')
    case(c + 'vlan-flags-int', 'link', 'add', ifname='eth0.104',
         kind='vlan', link=2, vlan_id=104, vlan_flags=4)
    case(c + 'vlan-flags-pair', 'link', 'add', ifname='eth0.105',
         kind='vlan', link=2, vlan_id=105, vlan_flags=[1, 3])
    case(c + 'vlan-flags-dict', 'link', 'add', ifname='eth0.106',
         kind='vlan', link=2, vlan_id=106,
         vlan_flags={'flags': 2, 'mask': 2})
    case(c + 'vlan-egress-qos', 'link', 'add', ifname='eth0.107',
         kind='vlan', link=2, vlan_id=107,
         vlan_egress_qos={'attrs': [
             ['IFLA_VLAN_QOS_MAPPING', {'from': 0, 'to': 3}],
             ['IFLA_VLAN_QOS_MAPPING', {'from': 1, 'to': 5}]]})
    case(c + 'vlan-ingress-qos', 'link', 'add', ifname='eth0.108',
         kind='vlan', link=2, vlan_id=108,
         vlan_ingress_qos={'attrs': [
             ['IFLA_VLAN_QOS_MAPPING', {'from': 2, 'to': 6}]]})
    case(c + 'vlan-mtu-up', 'link', 'add', ifname='eth0.109', kind='vlan',
         link=2, vlan_id=109, mtu=1496, state='up')
    # vxlan
    case(c + 'vxlan-minimal', 'link', 'add', ifname='vx0', kind='vxlan',
         vxlan_id=42)
    case(c + 'vxlan-group', 'link', 'add', ifname='vx1', kind='vxlan',
         vxlan_id=101, vxlan_link=2, vxlan_group='239.1.1.1', vxlan_ttl=16)
    case(c + 'vxlan-unicast', 'link', 'add', ifname='vx2', kind='vxlan',
         vxlan_id=102, vxlan_local='192.0.2.1', vxlan_group='198.51.100.2',
         vxlan_port=4789)
    case(c + 'vxlan-remote-keyword', 'link', 'add', ifname='vx3',
         kind='vxlan', vxlan_id=103, vxlan_remote='198.51.100.3',
         vxlan_local='192.0.2.1')
    case(c + 'vxlan-v6', 'link', 'add', ifname='vx4', kind='vxlan',
         vxlan_id=104, vxlan_local6='2001:db8::1',
         vxlan_group6='2001:db8::2', vxlan_port=8472)
    case(c + 'vxlan-learning-ageing', 'link', 'add', ifname='vx5',
         kind='vxlan', vxlan_id=105, vxlan_learning=0, vxlan_ageing=300,
         vxlan_limit=1000)
    case(c + 'vxlan-port-range', 'link', 'add', ifname='vx6', kind='vxlan',
         vxlan_id=106, vxlan_port_range={'low': 49152, 'high': 65535})
    case(c + 'vxlan-misc-flags', 'link', 'add', ifname='vx7', kind='vxlan',
         vxlan_id=107, vxlan_proxy=1, vxlan_rsc=1, vxlan_l2miss=1,
         vxlan_l3miss=1, vxlan_udp_csum=1)
    case(c + 'vxlan-collect-metadata', 'link', 'add', ifname='vx8',
         kind='vxlan', vxlan_collect_metadata=1, vxlan_port=4789)
    case(c + 'vxlan-tos-label', 'link', 'add', ifname='vx9', kind='vxlan',
         vxlan_id=109, vxlan_tos=1, vxlan_label=0x12345, vxlan_df=1,
         vxlan_ttl_inherit=1)
    case(c + 'vxlan-gbp', 'link', 'add', ifname='vx10', kind='vxlan',
         vxlan_id=110, vxlan_gbp=True)
    case(c + 'vxlan-gpe', 'link', 'add', ifname='vx11', kind='vxlan',
         vxlan_id=111, vxlan_gpe=True, vxlan_collect_metadata=1)
    case(c + 'vxlan-zero-csum6', 'link', 'add', ifname='vx12',
         kind='vxlan', vxlan_id=112, vxlan_udp_zero_csum6_tx=1,
         vxlan_udp_zero_csum6_rx=1, vxlan_remcsum_tx=1, vxlan_remcsum_rx=1)
    # macvlan / macvtap / ipvlan
    for mode in ('private', 'vepa', 'bridge', 'passthru', 'source'):
        case(c + 'macvlan-' + mode, 'link', 'add', ifname='mv-' + mode,
             kind='macvlan', link=2, macvlan_mode=mode)
        case(c + 'macvtap-' + mode, 'link', 'add', ifname='mt-' + mode,
             kind='macvtap', link=2, macvtap_mode=mode)
    case(c + 'macvlan-mode-int', 'link', 'add', ifname='mv0',
         kind='macvlan', link=2, macvlan_mode=4)
    case(c + 'macvlan-mode-keyword', 'link', 'add', ifname='mv1',
         kind='macvlan', link=2, mode='bridge')
    case(c + 'macvlan-nopromisc', 'link', 'add', ifname='mv2',
         kind='macvlan', link=2, macvlan_mode='passthru',
         macvlan_flags='nopromisc')
    case(c + 'macvlan-no-mode', 'link', 'add', ifname='mv3',
         kind='macvlan', link=2)
    case(c + 'macvlan-address', 'link', 'add', ifname='mv4',
         kind='macvlan', link=2, macvlan_mode='bridge',
         address='02:00:5e:00:53:20')
    case(c + 'ipvlan-l2', 'link', 'add', ifname='ipvl0', kind='ipvlan',
         link=2, ipvlan_mode=0)
    case(c + 'ipvlan-l3', 'link', 'add', ifname='ipvl1', kind='ipvlan',
         link=2, ipvlan_mode=1)
    case(c + 'ipvlan-l3s', 'link', 'add', ifname='ipvl2', kind='ipvlan',
         link=2, ipvlan_mode=2)
    case(c + 'ipvlan-mode-keyword', 'link', 'add', ifname='ipvl3',
         kind='ipvlan', link=2, mode=1)
    case(c + 'ipvlan-mode-name', 'link', 'add', ifname='ipvl4',
         kind='ipvlan', link=2, ipvlan_mode='IPVLAN_MODE_L3')
    # tunnels
    case(c + 'gre', 'link', 'add', ifname='gre1', kind='gre',
         gre_local='192.0.2.1', gre_remote='198.51.100.1', gre_ttl=64)
    case(c + 'gre-keyed', 'link', 'add', ifname='gre2', kind='gre',
         gre_local='192.0.2.1', gre_remote='198.51.100.1', gre_ttl=16,
         gre_ikey=10, gre_okey=10, gre_iflags=32, gre_oflags=32)
    case(c + 'gre-keyed-grekey', 'link', 'add', ifname='gre6', kind='gre',
         gre_local='192.0.2.1', gre_remote='198.51.100.1', gre_ikey=10,
         gre_okey=10, gre_iflags=0x2000, gre_oflags=0x2000)
    case(c + 'gre-link-tos-pmtu', 'link', 'add', ifname='gre3', kind='gre',
         gre_local='192.0.2.1', gre_remote='198.51.100.1', gre_link=2,
         gre_tos=1, gre_pmtudisc=1)
    case(c + 'gre-collect-metadata', 'link', 'add', ifname='gre4',
         kind='gre', gre_collect_metadata=True)
    case(c + 'gre-encap-fou', 'link', 'add', ifname='gre5', kind='gre',
         gre_local='192.0.2.1', gre_remote='198.51.100.1',
         gre_encap_type=1, gre_encap_sport=0, gre_encap_dport=5555,
         gre_encap_flags=1)
    case(c + 'gretap', 'link', 'add', ifname='gretap1', kind='gretap',
         gre_local='192.0.2.1', gre_remote='198.51.100.1', gre_ttl=64)
    case(c + 'gretap-keyed', 'link', 'add', ifname='gretap2',
         kind='gretap', gre_local='192.0.2.1', gre_remote='198.51.100.2',
         gre_ikey=20, gre_okey=20, gre_iflags=32, gre_oflags=32)
    case(c + 'ip6gre', 'link', 'add', ifname='ip6gre1', kind='ip6gre',
         ip6gre_local='2001:db8::1', ip6gre_remote='2001:db8::2',
         ip6gre_ttl=64)
    case(c + 'ip6gre-keyed', 'link', 'add', ifname='ip6gre2',
         kind='ip6gre', ip6gre_local='2001:db8::1',
         ip6gre_remote='2001:db8::2', ip6gre_ikey=7, ip6gre_okey=7,
         ip6gre_iflags=32, ip6gre_oflags=32, ip6gre_encap_limit=4,
         ip6gre_flowinfo=0x12345)
    case(c + 'ip6gre-keyed-grekey', 'link', 'add', ifname='ip6gre3',
         kind='ip6gre', ip6gre_local='2001:db8::1',
         ip6gre_remote='2001:db8::2', ip6gre_ikey=7, ip6gre_okey=7,
         ip6gre_iflags=0x2000, ip6gre_oflags=0x2000)
    case(c + 'ip6gretap', 'link', 'add', ifname='ip6gretap1',
         kind='ip6gretap', ip6gre_local='2001:db8::1',
         ip6gre_remote='2001:db8::2', ip6gre_ttl=32)
    case(c + 'ipip', 'link', 'add', ifname='ipip1', kind='ipip',
         ipip_local='192.0.2.1', ipip_remote='198.51.100.1', ipip_ttl=16)
    case(c + 'ipip-link-tos', 'link', 'add', ifname='ipip2', kind='ipip',
         ipip_local='192.0.2.1', ipip_remote='198.51.100.1', ipip_link=2,
         ipip_tos=1, ipip_pmtudisc=1)
    case(c + 'ipip-flags', 'link', 'add', ifname='ipip3', kind='ipip',
         ipip_local='192.0.2.1', ipip_remote='198.51.100.1', ipip_flags=1)
    case(c + 'sit', 'link', 'add', ifname='sit1', kind='sit',
         sit_local='192.0.2.1', sit_remote='198.51.100.1', sit_ttl=64)
    case(c + 'sit-6rd', 'link', 'add', ifname='sit2', kind='sit',
         sit_local='192.0.2.1', sit_6rd_prefix='2001:db8::',
         sit_6rd_prefixlen=32, sit_6rd_relay_prefix='192.0.2.0',
         sit_6rd_relay_prefixlen=24)
    case(c + 'sit-proto-flags', 'link', 'add', ifname='sit3', kind='sit',
         sit_local='192.0.2.1', sit_remote='198.51.100.1', sit_proto=41,
         sit_flags=1)
    case(c + 'ip6tnl', 'link', 'add', ifname='ip6tnl1', kind='ip6tnl',
         ip6tnl_local='2001:db8::1', ip6tnl_remote='2001:db8::2',
         ip6tnl_ttl=64)
    case(c + 'ip6tnl-proto-limit', 'link', 'add', ifname='ip6tnl2',
         kind='ip6tnl', ip6tnl_local='2001:db8::1',
         ip6tnl_remote='2001:db8::2', ip6tnl_proto=4,
         ip6tnl_encap_limit=4, ip6tnl_flowinfo=0x1, ip6tnl_flags=0x10000)
    case(c + 'ip6tnl-collect-metadata', 'link', 'add', ifname='ip6tnl3',
         kind='ip6tnl', ip6tnl_collect_metadata=True)
    case(c + 'vti', 'link', 'add', ifname='vti1', kind='vti',
         vti_local='192.0.2.1', vti_remote='198.51.100.1')
    case(c + 'vti-keys-link', 'link', 'add', ifname='vti2', kind='vti',
         vti_local='192.0.2.1', vti_remote='198.51.100.1', vti_ikey=5,
         vti_okey=6, vti_link=2)
    case(c + 'vti6', 'link', 'add', ifname='vti61', kind='vti6',
         vti_local='2001:db8::1', vti_remote='2001:db8::2', vti_ikey=5,
         vti_okey=5, vti_fwmark=9)
    case(c + 'xfrm', 'link', 'add', ifname='xfrm1', kind='xfrm',
         xfrm_link=2, xfrm_if_id=7)
    case(c + 'vrf', 'link', 'add', ifname='vrf-blue', kind='vrf',
         vrf_table=10)
    case(c + 'vrf-table-large', 'link', 'add', ifname='vrf-red', kind='vrf',
         vrf_table=1001)
    case(c + 'geneve', 'link', 'add', ifname='gnv0', kind='geneve',
         geneve_id=42, geneve_remote='198.51.100.1')
    case(c + 'geneve-v6-port-ttl', 'link', 'add', ifname='gnv1',
         kind='geneve', geneve_id=43, geneve_remote6='2001:db8::2',
         geneve_port=6081, geneve_ttl=32, geneve_tos=1)
    case(c + 'geneve-csum-label', 'link', 'add', ifname='gnv2',
         kind='geneve', geneve_id=44, geneve_remote='198.51.100.1',
         geneve_udp_csum=1, geneve_label=0x100, geneve_df=1,
         geneve_ttl_inherit=1)
    case(c + 'geneve-collect-metadata', 'link', 'add', ifname='gnv3',
         kind='geneve', geneve_collect_metadata=True)
    case(c + 'tuntap-tap', 'link', 'add', ifname='tap0', kind='tuntap',
         mode='tap')
    case(c + 'tuntap-tun-owner', 'link', 'add', ifname='tun0',
         kind='tuntap', mode='tun', uid=1000, gid=1000)
    case(c + 'tuntap-ifr', 'link', 'add', ifname='tap1', kind='tuntap',
         mode='tap', ifr={'no_pi': 1, 'vnet_hdr': 1, 'multi_queue': 1})
    case(c + 'tun-kind', 'link', 'add', ifname='tun1', kind='tun',
         tun_type=1, tun_owner=1000)
    case(c + 'team', 'link', 'add', ifname='team0', kind='team')
    case(c + 'ipoib', 'link', 'add', ifname='ib0.8001', kind='ipoib',
         link=2, pkey=0x8001, mode=1, umcast=1)
    case(c + 'nlmon', 'link', 'add', ifname='nlmon0', kind='nlmon')
    case(c + 'wireguard', 'link', 'add', ifname='wg0', kind='wireguard')
    case(c + 'netns-pid', 'link', 'add', ifname='dummy11', kind='dummy',
         net_ns_pid=1)
    case(c + 'netns-fd', 'link', 'add', ifname='dummy12', kind='dummy',
         net_ns_fd=5)
    case(c + 'target-netnsid', 'link', 'add', ifname='dummy13',
         kind='dummy', target_netnsid=3)

    # set
    c = 'link/set/'
    case(c + 'mtu', 'link', 'set', index=2, mtu=1400)
    case(c + 'state-up', 'link', 'set', index=2, state='up')
    case(c + 'state-down', 'link', 'set', index=2, state='down')
    case(c + 'state-up-mtu', 'link', 'set', index=2, state='up', mtu=1500)
    case(c + 'flags-change', 'link', 'set', index=2, flags=1, change=1)
    case(c + 'flags-mask', 'link', 'set', index=2, flags=0x100, mask=0x100)
    case(c + 'address', 'link', 'set', index=2,
         address='02:00:5e:00:53:42')
    case(c + 'rename', 'link', 'set', index=2, ifname='uplink0')
    case(c + 'master', 'link', 'set', index=4, master=3)
    case(c + 'master-dict', 'link', 'set', index=4, master={'index': 3})
    case(c + 'nomaster', 'link', 'set', index=4, master=0)
    case(c + 'alias', 'link', 'set', index=2, ifalias='to core router')
    case(c + 'alias-keyword', 'link', 'set', index=2, alias='to core')
    case(c + 'txqlen', 'link', 'set', index=2, txqlen=10000)
    case(c + 'index-list', 'link', 'set', index=[5], mtu=1500)
    case(c + 'netns-pid', 'link', 'set', index=5, net_ns_pid=1)
    case(c + 'netns-fd', 'link', 'set', index=5, net_ns_fd=7)
    case(c + 'arp-off', 'link', 'set', index=2, arp=False)
    case(c + 'arp-on', 'link', 'set', index=2, arp=True)
    case(c + 'noarp', 'link', 'set', index=2, noarp=True)
    case(c + 'group', 'link', 'set', index=2, group=10)
    case(c + 'carrier-dropped', 'link', 'set', index=2, carrier=0)
    case(c + 'xdp-fd', 'link', 'set', index=2, xdp_fd=9)
    case(c + 'xdp-off', 'link', 'set', index=2, xdp_fd=-1)
    case(c + 'gso-gro', 'link', 'set', index=2, gso_max_size=32768,
         gso_max_segs=32)
    case(c + 'proto-down', 'link', 'set', index=2, proto_down=1)
    case(c + 'vf-mac', 'link', 'set', index=2,
         vf={'vf': 0, 'mac': '02:00:5e:00:53:50'})
    case(c + 'vf-vlan', 'link', 'set', index=2, vf={'vf': 1, 'vlan': 100})
    case(c + 'vf-vlan-list', 'link', 'set', index=2,
         vf={'vf': 0, 'vlan': [{'vlan': 100, 'proto': 0x88a8},
                               {'vlan': 200, 'proto': 0x8100}]})
    case(c + 'vf-rate', 'link', 'set', index=2,
         vf={'vf': 0, 'rate': {'min_tx_rate': 10, 'max_tx_rate': 100}})
    case(c + 'vf-spoofchk-trust', 'link', 'set', index=2,
         vf={'vf': 0, 'spoofchk': 1, 'trust': 1})
    case(c + 'bridge-kind', 'link', 'set', index=3, kind='bridge',
         br_forward_delay=2000)
    case(c + 'bridge-vlan-filtering', 'link', 'set', index=3,
         kind='bridge', br_vlan_filtering=1)
    case(c + 'gre-kind', 'link', 'set', index=6, kind='gre',
         gre_local='192.0.2.10', gre_remote='198.51.100.103')
    case(c + 'vxlan-kind', 'link', 'set', index=7, kind='vxlan',
         vxlan_learning=0)
    case(c + 'bond-kind', 'link', 'set', index=8, kind='bond',
         bond_miimon=200)
    case(c + 'bridge-slave-kind', 'link', 'set', index=4,
         kind='bridge_slave', brport_cost=10)
    case(c + 'by-ifname', 'link', 'set', ifname='eth1', mtu=1500)
    case(c + 'full-nla-name', 'link', 'set', index=2, IFLA_MTU=1450)
    case(c + 'ifi-type', 'link', 'set', index=2, ifi_type=1, mtu=1500)
    case(c + 'family-bridge', 'link', 'set', index=4, family=AF_BRIDGE,
         master=3)
    case(c + 'unknown-key-dropped', 'link', 'set', index=2, mtu=1500,
         no_such_thing=1)

    c = 'link/update/'
    case(c + 'mtu', 'link', 'update', index=2, mtu=1400)
    case(c + 'state-up', 'link', 'update', index=2, state='up')
    case(c + 'master', 'link', 'update', index=4, master=3)

    c = 'link/del/'
    case(c + 'index', 'link', 'del', index=10)
    case(c + 'ifname', 'link', 'del', ifname='dummy0')
    case(c + 'index-kind', 'link', 'del', index=10, kind='dummy')
    case(c + 'remove-alias', 'link', 'remove', index=11)
    case(c + 'delete-alias', 'link', 'delete', index=12)

    c = 'link/get/'
    case(c + 'index', 'link', 'get', index=2)
    case(c + 'ifname', 'link', 'get', ifname='eth0')
    case(c + 'ext-mask', 'link', 'get', index=3, ext_mask=1)
    case(c + 'altname', 'link', 'get', altname='uplink-long-name')

    c = 'link/dump/'
    case(c + 'all', 'link', 'dump')
    case(c + 'family-bridge', 'link', 'dump', family=AF_BRIDGE)
    case(c + 'filter-ifname', 'link', 'dump', ifname='eth0')
    case(c + 'filter-kind', 'link', 'dump', kind='vlan')
    case(c + 'ext-mask', 'link', 'dump', ext_mask=1)
    case(c + 'match', 'link', 'dump', match={'ifname': 'eth0'})

    c = 'link/property/'
    case(c + 'add-altname', 'link', 'property_add', index=2,
         altname='uplink-long-name')
    case(c + 'add-altnames', 'link', 'property_add', index=2,
         altname=['alt-a', 'alt-b'])
    case(c + 'del-altname', 'link', 'property_del', index=2,
         altname='uplink-long-name')


# -------------------------------------------------------------------- addr
def addr_cases():
    c = 'addr/add/'
    case(c + 'v4-prefixlen', 'addr', 'add', index=2, address='192.0.2.1',
         prefixlen=24)
    case(c + 'v4-mask', 'addr', 'add', index=2, address='192.0.2.2', mask=24)
    case(c + 'v4-slash', 'addr', 'add', index=2, address='192.0.2.3/24')
    case(c + 'v4-slash-dotted', 'addr', 'add', index=2,
         address='192.0.2.4/255.255.255.0')
    case(c + 'v4-prefixlen-dotted', 'addr', 'add', index=2,
         address='192.0.2.5', prefixlen='255.255.255.240')
    case(c + 'v4-prefixlen-string', 'addr', 'add', index=2,
         address='192.0.2.6', prefixlen='28')
    case(c + 'v4-host', 'addr', 'add', index=2, address='192.0.2.7')
    case(c + 'v4-broadcast-true', 'addr', 'add', index=2,
         address='192.0.2.8', prefixlen=24, broadcast=True)
    case(c + 'v4-broadcast-false', 'addr', 'add', index=2,
         address='192.0.2.9', prefixlen=24, broadcast=False)
    case(c + 'v4-broadcast-explicit', 'addr', 'add', index=2,
         address='192.0.2.10', prefixlen=24, broadcast='192.0.2.255')
    case(c + 'v4-broadcast-true-mask', 'addr', 'add', index=2,
         address='198.51.100.17', mask=28, broadcast=True)
    case(c + 'v4-broadcast-true-slash', 'addr', 'add', index=2,
         address='198.51.100.33/27', broadcast=True)
    case(c + 'v4-label', 'addr', 'add', index=2, address='192.0.2.11',
         prefixlen=24, label='eth0:1')
    case(c + 'v4-scope-link', 'addr', 'add', index=2, address='192.0.2.12',
         prefixlen=24, scope=253)
    case(c + 'v4-scope-host', 'addr', 'add', index=1, address='192.0.2.13',
         prefixlen=32, scope=254)
    case(c + 'v4-scope-name', 'addr', 'add', index=2, address='192.0.2.14',
         prefixlen=24, scope='link')
    case(c + 'v4-local-peer', 'addr', 'add', index=2,
         address='198.51.100.1', local='192.0.2.15', prefixlen=32)
    case(c + 'v4-peer-keyword', 'addr', 'add', index=2,
         address='192.0.2.16', prefixlen=32, peer='198.51.100.2')
    case(c + 'v4-local-only', 'addr', 'add', index=2, local='192.0.2.17',
         prefixlen=24)
    case(c + 'v4-anycast', 'addr', 'add', index=2, address='192.0.2.18',
         prefixlen=24, anycast='192.0.2.19')
    case(c + 'v4-family-explicit', 'addr', 'add', index=2,
         address='192.0.2.20', prefixlen=24, family=AF_INET)
    case(c + 'v4-index-list', 'addr', 'add', index=[2],
         address='192.0.2.21', prefixlen=24)
    case(c + 'v4-lifetimes', 'addr', 'add', index=2, address='192.0.2.22',
         prefixlen=24, preferred_lft=300, valid_lft=600)
    case(c + 'v4-valid-only', 'addr', 'add', index=2, address='192.0.2.23',
         prefixlen=24, valid=600)
    case(c + 'v4-flags-int', 'addr', 'add', index=2, address='192.0.2.24',
         prefixlen=24, flags=0x100)
    case(c + 'v4-full-nla-names', 'addr', 'add', index=2,
         IFA_ADDRESS='192.0.2.25', IFA_LOCAL='192.0.2.25', prefixlen=24)
    case(c + 'v4-metric', 'addr', 'add', index=2, address='192.0.2.26',
         prefixlen=24, rt_priority=100)
    case(c + 'v4-no-address', 'addr', 'add', index=2, prefixlen=24)
    case(c + 'v4-broadcast-true-no-prefixlen', 'addr', 'add', index=2,
         address='192.0.2.27', broadcast=True)
    case(c + 'v6', 'addr', 'add', index=2, address='2001:db8::1',
         prefixlen=64)
    case(c + 'v6-slash', 'addr', 'add', index=2, address='2001:db8::2/64')
    case(c + 'v6-expanded', 'addr', 'add', index=2,
         address='2001:0db8:0000:0000:0000:0000:0000:0003', prefixlen=64)
    case(c + 'v6-host', 'addr', 'add', index=2, address='2001:db8::4')
    case(c + 'v6-nodad', 'addr', 'add', index=2, address='2001:db8::5',
         prefixlen=64, flags=0x02)
    case(c + 'v6-noprefixroute-mngtmp', 'addr', 'add', index=2,
         address='2001:db8::6', prefixlen=64, flags=0x200 | 0x100)
    case(c + 'v6-flags-names', 'addr', 'add', index=2,
         address='2001:db8::7', prefixlen=64, flags=['nodad'])
    case(c + 'v6-scope-link', 'addr', 'add', index=2, address='fe80::1',
         prefixlen=64, scope=253)
    case(c + 'v6-lifetimes', 'addr', 'add', index=2, address='2001:db8::8',
         prefixlen=64, preferred_lft=0, valid_lft=3600)
    case(c + 'v6-peer', 'addr', 'add', index=2, address='2001:db8::9',
         local='2001:db8::9', prefixlen=128)
    case(c + 'v6-broadcast-true', 'addr', 'add', index=2,
         address='2001:db8::10', prefixlen=64, broadcast=True)

    c = 'addr/replace/'
    case(c + 'v4', 'addr', 'replace', index=2, address='192.0.2.1',
         prefixlen=24)
    case(c + 'v4-lifetimes', 'addr', 'replace', index=2,
         address='192.0.2.1', prefixlen=24, preferred_lft=60, valid_lft=120)
    case(c + 'v6', 'addr', 'replace', index=2, address='2001:db8::1',
         prefixlen=64)

    c = 'addr/del/'
    case(c + 'v4', 'addr', 'del', index=2, address='192.0.2.1',
         prefixlen=24)
    case(c + 'v4-slash', 'addr', 'del', index=2, address='192.0.2.1/24')
    case(c + 'v4-mask', 'addr', 'del', index=2, address='192.0.2.1',
         mask=24)
    case(c + 'v6', 'addr', 'del', index=2, address='2001:db8::1',
         prefixlen=64)
    case(c + 'index-only', 'addr', 'del', index=2)
    case(c + 'remove-alias', 'addr', 'remove', index=2, address='192.0.2.1',
         prefixlen=24)

    c = 'addr/dump/'
    case(c + 'all', 'addr', 'dump')
    case(c + 'family-v4', 'addr', 'dump', family=AF_INET)
    case(c + 'family-v6', 'addr', 'dump', family=AF_INET6)
    case(c + 'filter-index', 'addr', 'dump', index=2)
    case(c + 'match', 'addr', 'dump', match={'index': 2})

    c = 'addr/noop/'
    case(c + 'get', 'addr', 'get', index=2, address='192.0.2.1')
    case(c + 'set', 'addr', 'set', index=2, address='192.0.2.1')


# ------------------------------------------------------------------- route
def route_cases():
    c = 'route/add/'
    case(c + 'dst-slash-gateway', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1')
    case(c + 'dst-dst-len', 'route', 'add', dst='198.51.100.0', dst_len=24,
         gateway='192.0.2.1')
    case(c + 'dst-mask', 'route', 'add', dst='198.51.100.0', mask=24,
         gateway='192.0.2.1')
    case(c + 'dst-slash-dotted', 'route', 'add',
         dst='198.51.100.0/255.255.255.0', gateway='192.0.2.1')
    case(c + 'dst-host', 'route', 'add', dst='198.51.100.7',
         gateway='192.0.2.1')
    case(c + 'dst-default', 'route', 'add', dst='default',
         gateway='192.0.2.1')
    case(c + 'dst-zero', 'route', 'add', dst='0.0.0.0', gateway='192.0.2.1')
    case(c + 'dst-zero-slash', 'route', 'add', dst='0.0.0.0/0',
         gateway='192.0.2.1')
    case(c + 'gateway-only', 'route', 'add', gateway='192.0.2.1')
    case(c + 'oif', 'route', 'add', dst='198.51.100.0/24', oif=2)
    case(c + 'oif-list', 'route', 'add', dst='198.51.100.0/24', oif=[2])
    case(c + 'gateway-oif', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', oif=2)
    case(c + 'table-small', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', table=100)
    case(c + 'table-255', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', table=255)
    case(c + 'table-large', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', table=1000)
    case(c + 'table-main', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', table=254)
    case(c + 'table-name', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', table='main')
    for proto in ('boot', 'static', 'kernel', 'ra', 'dhcp', 'redirect',
                  'unspec', 'bird', 'zebra'):
        case(c + 'proto-' + proto, 'route', 'add', dst='198.51.100.0/24',
             gateway='192.0.2.1', proto=proto)
    case(c + 'proto-int', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', proto=42)
    case(c + 'proto-none', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', proto=None)
    for rtype in ('unicast', 'local', 'broadcast', 'anycast', 'multicast',
                  'blackhole', 'unreachable', 'prohibit', 'throw', 'nat'):
        case(c + 'type-' + rtype, 'route', 'add', dst='203.0.113.0/24',
             type=rtype)
    case(c + 'type-int', 'route', 'add', dst='203.0.113.0/24', type=6)
    for scope in ('universe', 'site', 'link', 'host', 'nowhere'):
        case(c + 'scope-' + scope, 'route', 'add', dst='203.0.113.0/24',
             oif=2, scope=scope)
    case(c + 'scope-int', 'route', 'add', dst='203.0.113.0/24', oif=2,
         scope=253)
    case(c + 'priority', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', priority=100)
    case(c + 'priority-zero', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', priority=0)
    case(c + 'metric-keyword', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', metric=100)
    case(c + 'metrics-mtu', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', metrics={'mtu': 1400})
    case(c + 'metrics-many', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1',
         metrics={'mtu': 1400, 'advmss': 1360, 'hoplimit': 64,
                  'window': 65535, 'rtt': 100, 'rttvar': 50,
                  'ssthresh': 10, 'cwnd': 10, 'reordering': 3,
                  'initcwnd': 10, 'initrwnd': 20, 'features': 1,
                  'rto_min': 200, 'quickack': 1})
    case(c + 'metrics-lock', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', metrics={'lock': 4, 'mtu': 1280})
    case(c + 'metrics-full-names', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', metrics={'RTAX_MTU': 1300})
    case(c + 'metrics-attrs', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1',
         metrics={'attrs': [['RTAX_MTU', 1200], ['RTAX_HOPLIMIT', 32]]})
    case(c + 'metrics-cc-algo', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', metrics={'cc_algo': 'bbr'})
    case(c + 'metrics-fastopen', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', metrics={'fastopen_no_cookie': 1})
    case(c + 'metrics-empty', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', metrics={})
    case(c + 'multipath-gateways', 'route', 'add', dst='198.51.100.0/24',
         multipath=[{'gateway': '192.0.2.1'}, {'gateway': '192.0.2.2'}])
    case(c + 'multipath-weights', 'route', 'add', dst='198.51.100.0/24',
         multipath=[{'gateway': '192.0.2.1', 'hops': 1},
                    {'gateway': '192.0.2.2', 'hops': 3}])
    case(c + 'multipath-oif', 'route', 'add', dst='198.51.100.0/24',
         multipath=[{'gateway': '192.0.2.1', 'oif': 2},
                    {'gateway': '203.0.113.1', 'oif': 3}])
    case(c + 'multipath-oif-only', 'route', 'add', dst='198.51.100.0/24',
         multipath=[{'oif': 2}, {'oif': 3}])
    case(c + 'multipath-flags', 'route', 'add', dst='198.51.100.0/24',
         multipath=[{'gateway': '192.0.2.1', 'oif': 2, 'flags': 4},
                    {'gateway': '192.0.2.2', 'oif': 2}])
    case(c + 'multipath-weight-keyword', 'route', 'add',
         dst='198.51.100.0/24',
         multipath=[{'gateway': '192.0.2.1', 'weight': 2},
                    {'gateway': '192.0.2.2', 'weight': 5}])
    case(c + 'multipath-table-large', 'route', 'add', dst='198.51.100.0/24',
         table=5000,
         multipath=[{'gateway': '192.0.2.1'}, {'gateway': '192.0.2.2'}])
    case(c + 'multipath-no-dst', 'route', 'add',
         multipath=[{'gateway': '192.0.2.1'}, {'gateway': '192.0.2.2'}])
    case(c + 'multipath-v6', 'route', 'add', dst='2001:db8:10::/48',
         multipath=[{'gateway': '2001:db8::1', 'oif': 2},
                    {'gateway': '2001:db8::2', 'oif': 3}])
    case(c + 'multipath-v6-no-dst', 'route', 'add',
         multipath=[{'gateway': '2001:db8::1'}, {'gateway': '2001:db8::2'}])
    case(c + 'multipath-encap-mpls', 'route', 'add', dst='198.51.100.0/24',
         multipath=[{'gateway': '192.0.2.1',
                     'encap': {'type': 'mpls', 'labels': '200/300'}},
                    {'gateway': '192.0.2.2',
                     'encap': {'type': 'mpls', 'labels': 400}}])
    case(c + 'multipath-single', 'route', 'add', dst='198.51.100.0/24',
         multipath=[{'gateway': '192.0.2.1'}])
    case(c + 'multipath-attrs-form', 'route', 'add', dst='198.51.100.0/24',
         multipath=[{'attrs': [['RTA_GATEWAY', '192.0.2.1']], 'hops': 0,
                     'flags': 0, 'oif': 2}])
    case(c + 'encap-mpls-string', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', encap={'type': 'mpls', 'labels': '200/300'})
    case(c + 'encap-mpls-list', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', encap={'type': 'mpls', 'labels': [200, 300]})
    case(c + 'encap-mpls-int', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', encap={'type': 'mpls', 'labels': 200})
    case(c + 'encap-mpls-dicts', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1',
         encap={'type': 'mpls',
                'labels': [{'bos': 0, 'label': 200, 'ttl': 16},
                           {'bos': 1, 'label': 300, 'ttl': 16}]})
    case(c + 'encap-mpls-dict-single', 'route', 'add',
         dst='198.51.100.0/24', gateway='192.0.2.1',
         encap={'type': 'mpls', 'labels': {'label': 500, 'ttl': 64}})
    case(c + 'encap-mpls-af-mpls-type', 'route', 'add',
         dst='198.51.100.0/24', gateway='192.0.2.1',
         encap={'type': AF_MPLS, 'labels': [200, 300]})
    case(c + 'encap-mpls-encap-type', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', encap_type='mpls',
         encap={'labels': '200/300'})
    case(c + 'encap-mpls-list-encap-type', 'route', 'add',
         dst='198.51.100.0/24', gateway='192.0.2.1', encap_type=1,
         encap=[{'label': 200, 'bos': 0}, {'label': 300, 'bos': 1}])
    case(c + 'encap-mpls-oif', 'route', 'add', dst='198.51.100.0/24',
         oif=2, encap={'type': 'mpls', 'labels': '100'})
    case(c + 'encap-seg6-encap', 'route', 'add', dst='2001:db8:20::/64',
         oif=2, encap={'type': 'seg6', 'mode': 'encap',
                       'segs': '2001:db8::5,2001:db8::6'})
    case(c + 'encap-seg6-inline', 'route', 'add', dst='2001:db8:21::/64',
         oif=2, encap={'type': 'seg6', 'mode': 'inline',
                       'segs': ['2001:db8::5', '2001:db8::6']})
    case(c + 'encap-seg6-hmac', 'route', 'add', dst='2001:db8:22::/64',
         oif=2, encap={'type': 'seg6', 'mode': 'encap',
                       'segs': '2001:db8::5', 'hmac': 0xf})
    case(c + 'encap-seg6-l2encap', 'route', 'add', dst='2001:db8:23::/64',
         oif=2, encap={'type': 'seg6', 'mode': 'l2encap',
                       'segs': '2001:db8::5'})
    case(c + 'encap-seg6-v4-dst', 'route', 'add', dst='198.51.100.0/24',
         oif=2, encap={'type': 'seg6', 'mode': 'encap',
                       'segs': '2001:db8::5'})
    s6l = [
        ('end', {'action': 'End'}),
        ('end-x', {'action': 'End.X', 'nh6': '2001:db8::7'}),
        ('end-t', {'action': 'End.T', 'table': 10}),
        ('end-dx2', {'action': 'End.DX2', 'oif': 3}),
        ('end-dx6', {'action': 'End.DX6', 'nh6': '2001:db8::8'}),
        ('end-dx4', {'action': 'End.DX4', 'nh4': '192.0.2.8'}),
        ('end-dt6', {'action': 'End.DT6', 'table': 10}),
        ('end-dt4', {'action': 'End.DT4', 'vrf_table': 10}),
        ('end-b6', {'action': 'End.B6',
                    'srh': {'segs': '2001:db8::5,2001:db8::6'}}),
        ('end-b6-hmac', {'action': 'End.B6', 'hmac': 0xf,
                         'srh': {'segs': '2001:db8::5'}}),
        ('end-b6-encaps', {'action': 'End.B6.Encaps',
                           'srh': {'segs': '2001:db8::5,2001:db8::6'}}),
        ('end-bpf', {'action': 'End.BPF',
                     'bpf': {'fd': 5, 'name': 'srv6_prog'}}),
        ('end-dt46', {'action': 'End.DT46', 'vrf_table': 10}),
    ]
    for n, e in s6l:
        enc = {'type': 'seg6local'}
        enc.update(e)
        case(c + 'encap-seg6local-' + n, 'route', 'add',
             dst='2001:db8:30::1/128', oif=2, encap=enc)
    case(c + 'encap-bpf-in', 'route', 'add', dst='198.51.100.0/24', oif=2,
         encap={'type': 'bpf', 'in': {'fd': 4, 'name': 'firewall'}})
    case(c + 'encap-bpf-all', 'route', 'add', dst='198.51.100.0/24', oif=2,
         encap={'type': 'bpf', 'in': {'fd': 4, 'name': 'firewall'},
                'out': {'fd': 5, 'name': 'stats'},
                'xmit': {'fd': 6, 'name': 'vlan_push', 'headroom': 4}})
    case(c + 'src-prefsrc-keyword', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', prefsrc='192.0.2.10')
    case(c + 'src-keyword', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', src='192.0.2.0/24')
    case(c + 'src-host', 'route', 'add', dst='198.51.100.0/24',
         gateway='192.0.2.1', src='192.0.2.10')
    case(c + 'src-src-len', 'route', 'add', dst='2001:db8:40::/48',
         gateway='2001:db8::1', src='2001:db8:50::', src_len=48)
    case(c + 'iif', 'route', 'add', dst='198.51.100.0/24', iif=3,
         gateway='192.0.2.1')
    case(c + 'tos', 'route', 'add', dst='198.51.100.0/24', tos=0x10,
         gateway='192.0.2.1')
    case(c + 'mark', 'route', 'add', dst='198.51.100.0/24', mark=7,
         gateway='192.0.2.1')
    case(c + 'flow', 'route', 'add', dst='198.51.100.0/24', flow=0x10001,
         gateway='192.0.2.1')
    case(c + 'flags-onlink-name', 'route', 'add', dst='198.51.100.0/24',
         gateway='203.0.113.1', oif=2, flags='onlink')
    case(c + 'flags-onlink-list', 'route', 'add', dst='198.51.100.0/24',
         gateway='203.0.113.1', oif=2, flags=['onlink'])
    case(c + 'flags-onlink-int', 'route', 'add', dst='198.51.100.0/24',
         gateway='203.0.113.1', oif=2, flags=4)
    case(c + 'full-nla-names', 'route', 'add', RTA_DST='198.51.100.0',
         dst_len=24, RTA_GATEWAY='192.0.2.1', RTA_OIF=2)
    case(c + 'family-explicit', 'route', 'add', family=AF_INET,
         dst='198.51.100.0/24', gateway='192.0.2.1')
    case(c + 'nh-id-keyword', 'route', 'add', dst='198.51.100.0/24',
         nh_id=10)
    case(c + 'via-v6-gateway', 'route', 'add', dst='198.51.100.0/24',
         via={'family': AF_INET6, 'addr': '2001:db8::1'}, oif=2)
    case(c + 'v6', 'route', 'add', dst='2001:db8:1::/48',
         gateway='2001:db8::1')
    case(c + 'v6-oif', 'route', 'add', dst='2001:db8:2::/64', oif=2)
    case(c + 'v6-default', 'route', 'add', dst='::/0',
         gateway='2001:db8::1')
    case(c + 'v6-default-colons', 'route', 'add', dst='::',
         gateway='2001:db8::1')
    case(c + 'v6-gateway-only', 'route', 'add', gateway='2001:db8::1')
    case(c + 'v6-expanded', 'route', 'add',
         dst='2001:0db8:0003:0000:0000:0000:0000:0000/48',
         gateway='2001:0db8:0000:0000:0000:0000:0000:0001')
    case(c + 'v6-priority-zero', 'route', 'add', dst='2001:db8:4::/48',
         gateway='2001:db8::1', priority=0)
    case(c + 'v6-priority', 'route', 'add', dst='2001:db8:5::/48',
         gateway='2001:db8::1', priority=256)
    case(c + 'v6-pref', 'route', 'add', dst='2001:db8:6::/48',
         gateway='2001:db8::1', pref=1)
    case(c + 'v6-table-large', 'route', 'add', dst='2001:db8:7::/48',
         gateway='2001:db8::1', table=10000)
    case(c + 'v6-unreachable', 'route', 'add', dst='2001:db8:8::/48',
         type='unreachable')
    case(c + 'v6-metrics', 'route', 'add', dst='2001:db8:9::/48',
         gateway='2001:db8::1', metrics={'mtu': 1280, 'hoplimit': 255})
    case(c + 'v6-host', 'route', 'add', dst='2001:db8::99',
         gateway='2001:db8::1')
    case(c + 'v6-dst-len', 'route', 'add', dst='2001:db8:a::', dst_len=48,
         gateway='2001:db8::1')
    case(c + 'v6-family-explicit', 'route', 'add', family=AF_INET6,
         dst='2001:db8:b::/48', oif=2)
    case(c + 'mpls-label-pop', 'route', 'add', family=AF_MPLS, dst=100,
         oif=2)
    case(c + 'mpls-swap-via', 'route', 'add', family=AF_MPLS, dst=101,
         newdst=[201], via={'family': AF_INET, 'addr': '192.0.2.1'},
         oif=2)
    case(c + 'mpls-swap-stack', 'route', 'add', family=AF_MPLS, dst=102,
         newdst=[202, 302], via={'family': AF_INET6,
                                 'addr': '2001:db8::1'})
    case(c + 'mpls-drops-extra', 'route', 'add', family=AF_MPLS, dst=103,
         oif=2, gateway='192.0.2.1', table=10, priority=5)
    case(c + 'mpls-dst-int-no-family', 'route', 'add', dst=104, oif=2)
    case(c + 'mpls-dst-string-stack', 'route', 'add', dst='105/106', oif=2)
    case(c + 'mpls-multipath', 'route', 'add', family=AF_MPLS, dst=107,
         multipath=[{'via': {'family': AF_INET, 'addr': '192.0.2.1'},
                     'newdst': 207, 'oif': 2},
                    {'via': {'family': AF_INET, 'addr': '192.0.2.2'},
                     'newdst': [208, 308], 'oif': 3}])

    verbs = ('set', 'replace', 'change', 'append')
    for verb in verbs:
        c = 'route/%s/' % verb
        case(c + 'v4', 'route', verb, dst='198.51.100.0/24',
             gateway='192.0.2.1')
        case(c + 'v4-oif-table', 'route', verb, dst='198.51.100.0/24',
             oif=2, table=1000)
        case(c + 'v4-metrics', 'route', verb, dst='198.51.100.0/24',
             gateway='192.0.2.1', metrics={'mtu': 1400}, priority=10)
        case(c + 'v6', 'route', verb, dst='2001:db8:1::/48',
             gateway='2001:db8::1')
        case(c + 'multipath', 'route', verb, dst='198.51.100.0/24',
             multipath=[{'gateway': '192.0.2.1', 'hops': 1},
                        {'gateway': '192.0.2.2', 'hops': 2}])
        case(c + 'blackhole', 'route', verb, dst='203.0.113.0/24',
             type='blackhole')
        case(c + 'proto-type-explicit', 'route', verb,
             dst='198.51.100.0/24', gateway='192.0.2.1', proto='boot',
             type='unicast')

    c = 'route/del/'
    case(c + 'v4', 'route', 'del', dst='198.51.100.0/24',
         gateway='192.0.2.1')
    case(c + 'v4-dst-only', 'route', 'del', dst='198.51.100.0/24')
    case(c + 'v4-table-large', 'route', 'del', dst='198.51.100.0/24',
         table=1000)
    case(c + 'v4-proto-type', 'route', 'del', dst='198.51.100.0/24',
         proto='static', type='unicast', scope='universe')
    case(c + 'v4-priority', 'route', 'del', dst='198.51.100.0/24',
         priority=100)
    case(c + 'default', 'route', 'del', dst='default', gateway='192.0.2.1')
    case(c + 'v6', 'route', 'del', dst='2001:db8:1::/48')
    case(c + 'v6-priority-zero', 'route', 'del', dst='2001:db8:1::/48',
         priority=0)
    case(c + 'blackhole', 'route', 'del', dst='203.0.113.0/24',
         type='blackhole')
    case(c + 'mpls', 'route', 'del', family=AF_MPLS, dst=100)
    case(c + 'remove-alias', 'route', 'remove', dst='198.51.100.0/24')
    case(c + 'delete-alias', 'route', 'delete', dst='198.51.100.0/24')

    c = 'route/get/'
    case(c + 'v4', 'route', 'get', dst='198.51.100.1')
    case(c + 'v4-slash', 'route', 'get', dst='198.51.100.1/32')
    case(c + 'v4-oif', 'route', 'get', dst='198.51.100.1', oif=2)
    case(c + 'v4-src-iif', 'route', 'get', dst='198.51.100.1',
         src='192.0.2.1', iif=2)
    case(c + 'v4-mark', 'route', 'get', dst='198.51.100.1', mark=7)
    case(c + 'v4-table', 'route', 'get', dst='198.51.100.1', table=100)
    case(c + 'v6', 'route', 'get', dst='2001:db8::1')

    c = 'route/dump/'
    case(c + 'all', 'route', 'dump')
    case(c + 'family-v4', 'route', 'dump', family=AF_INET)
    case(c + 'family-v6', 'route', 'dump', family=AF_INET6)
    case(c + 'filter-table', 'route', 'dump', table=100)
    case(c + 'filter-table-large', 'route', 'dump', table=1000)
    case(c + 'filter-dst', 'route', 'dump', dst='198.51.100.0/24')
    case(c + 'filter-oif', 'route', 'dump', oif=2)
    case(c + 'show-alias', 'route', 'show')
    case(c + 'match', 'route', 'dump', match={'table': 254})


# -------------------------------------------------------------------- rule
def rule_cases():
    c = 'rule/add/'
    case(c + 'table-priority', 'rule', 'add', table=10, priority=32000)
    case(c + 'table-only', 'rule', 'add', table=10)
    case(c + 'table-large', 'rule', 'add', table=1000, priority=1000)
    case(c + 'src', 'rule', 'add', table=14, priority=32004,
         src='198.51.100.10')
    case(c + 'src-slash', 'rule', 'add', table=14, priority=32005,
         src='198.51.100.0/24')
    case(c + 'src-src-len', 'rule', 'add', table=14, priority=32006,
         src='198.51.100.0', src_len=24)
    case(c + 'dst-dst-len', 'rule', 'add', table=15, priority=32005,
         dst='203.0.113.0', dst_len=24)
    case(c + 'dst-host', 'rule', 'add', table=15, priority=32007,
         dst='203.0.113.7')
    case(c + 'fwmark', 'rule', 'add', table=15, priority=32006, fwmark=10)
    case(c + 'fwmark-fwmask', 'rule', 'add', table=15, priority=32008,
         fwmark=0x100, fwmask=0xff00)
    case(c + 'iifname', 'rule', 'add', table=20, priority=100,
         iifname='eth1')
    case(c + 'oifname', 'rule', 'add', table=20, priority=101,
         oifname='eth2')
    case(c + 'iif-oif-keywords', 'rule', 'add', table=20, priority=102,
         iif='eth1', oif='eth2')
    case(c + 'tos', 'rule', 'add', table=21, priority=103, tos=0x10)
    case(c + 'action-unreachable-full', 'rule', 'add', table=11,
         priority=32001, action='FR_ACT_UNREACHABLE')
    for act in ('unreachable', 'blackhole', 'prohibit', 'nop', 'to_tbl',
                'goto', 'unspec'):
        case(c + 'action-' + act, 'rule', 'add', priority=200,
             action=act)
    case(c + 'action-int', 'rule', 'add', priority=201, action=7)
    case(c + 'action-unknown-name', 'rule', 'add', priority=202,
         action='frobnicate')
    case(c + 'goto', 'rule', 'add', priority=210, action='goto', goto=300)
    case(c + 'goto-no-action', 'rule', 'add', priority=211, goto=300)
    case(c + 'uid-range', 'rule', 'add', table=30, priority=300,
         uid_range='1000:2000')
    case(c + 'sport-range', 'rule', 'add', table=30, priority=301,
         sport_range='1000:2000')
    case(c + 'dport-range', 'rule', 'add', table=30, priority=302,
         dport_range='80:80')
    case(c + 'dport-range-dash', 'rule', 'add', table=30, priority=303,
         dport_range='80-120')
    case(c + 'ip-proto', 'rule', 'add', table=30, priority=304, ip_proto=6,
         dport_range='443:443')
    case(c + 'l3mdev', 'rule', 'add', priority=1000, l3mdev=1,
         action='to_tbl')
    case(c + 'suppress-prefixlen', 'rule', 'add', table=254, priority=400,
         suppress_prefixlength=0)
    case(c + 'suppress-prefixlen-keyword', 'rule', 'add', table=254,
         priority=401, suppress_prefixlen=0)
    case(c + 'suppress-ifgroup', 'rule', 'add', table=254, priority=402,
         suppress_ifgroup=5)
    case(c + 'tun-id', 'rule', 'add', table=31, priority=403, tun_id=5)
    case(c + 'protocol', 'rule', 'add', table=31, priority=404, protocol=4)
    case(c + 'flow-realm', 'rule', 'add', table=31, priority=405, flow=3)
    case(c + 'flags-invert', 'rule', 'add', table=31, priority=406,
         src='198.51.100.0/24', flags=2)
    case(c + 'v6', 'rule', 'add', family=AF_INET6, table=40, priority=500,
         src='2001:db8::/32')
    case(c + 'v6-dst-host', 'rule', 'add', family=AF_INET6, table=40,
         priority=501, dst='2001:db8::1')
    case(c + 'v6-no-family', 'rule', 'add', table=40, priority=502,
         src='2001:db8::/32')
    case(c + 'full-nla-names', 'rule', 'add', FRA_TABLE=50,
         FRA_PRIORITY=600, FRA_FWMARK=1)
    case(c + 'unknown-key', 'rule', 'add', table=10, priority=601,
         no_such_thing=1)
    case(c + 'no-args', 'rule', 'add')

    c = 'rule/del/'
    case(c + 'table-priority', 'rule', 'del', table=10, priority=32000)
    case(c + 'priority-only', 'rule', 'del', priority=32000)
    case(c + 'src', 'rule', 'del', table=14, priority=32004,
         src='198.51.100.10')
    case(c + 'table-large', 'rule', 'del', table=1000, priority=1000)
    case(c + 'v6', 'rule', 'del', family=AF_INET6, table=40, priority=500)
    case(c + 'remove-alias', 'rule', 'remove', priority=32000)

    c = 'rule/dump/'
    case(c + 'all', 'rule', 'dump')
    case(c + 'family-v6', 'rule', 'dump', family=AF_INET6)
    case(c + 'filter-table', 'rule', 'dump', table=10)
    case(c + 'filter-priority', 'rule', 'dump', priority=32000)
    case(c + 'match', 'rule', 'dump', match={'table': 10})

    case('rule/set/noop', 'rule', 'set', table=10, priority=100)


# ------------------------------------------------------------------- neigh
def neigh_cases():
    c = 'neigh/add/'
    case(c + 'v4-permanent-default', 'neigh', 'add', dst='192.0.2.5',
         lladdr='02:00:5e:00:53:05', ifindex=2)
    case(c + 'v4-state-int', 'neigh', 'add', dst='192.0.2.5',
         lladdr='02:00:5e:00:53:05', ifindex=2, state=0x80)
    for st in ('permanent', 'reachable', 'stale', 'noarp', 'delay',
               'probe', 'failed', 'incomplete', 'none'):
        case(c + 'state-' + st, 'neigh', 'add', dst='192.0.2.6',
             lladdr='02:00:5e:00:53:06', ifindex=2, state=st)
    case(c + 'state-upper', 'neigh', 'add', dst='192.0.2.6',
         lladdr='02:00:5e:00:53:06', ifindex=2, state='NUD_REACHABLE')
    case(c + 'state-combined', 'neigh', 'add', dst='192.0.2.6',
         lladdr='02:00:5e:00:53:06', ifindex=2, state='permanent,noarp')
    case(c + 'nud-alias', 'neigh', 'add', dst='192.0.2.7',
         lladdr='02:00:5e:00:53:07', ifindex=2, nud='reachable')
    case(c + 'nud-alias-int', 'neigh', 'add', dst='192.0.2.7',
         lladdr='02:00:5e:00:53:07', ifindex=2, nud=0x40)
    case(c + 'index-alias', 'neigh', 'add', dst='192.0.2.8',
         lladdr='02:00:5e:00:53:08', index=2)
    case(c + 'index-list', 'neigh', 'add', dst='192.0.2.8',
         lladdr='02:00:5e:00:53:08', index=[2])
    case(c + 'flags-router', 'neigh', 'add', dst='2001:db8::8',
         lladdr='02:00:5e:00:53:08', ifindex=2, flags=0x80)
    case(c + 'flags-proxy', 'neigh', 'add', dst='192.0.2.9', ifindex=2,
         flags=0x08)
    case(c + 'flags-proxy-v6', 'neigh', 'add', dst='2001:db8::9',
         ifindex=2, flags=0x08)
    case(c + 'flags-ext-learned', 'neigh', 'add', dst='192.0.2.9',
         lladdr='02:00:5e:00:53:09', ifindex=2, flags=0x10)
    case(c + 'flags-name', 'neigh', 'add', dst='192.0.2.9',
         lladdr='02:00:5e:00:53:09', ifindex=2, flags='router')
    case(c + 'router-keyword', 'neigh', 'add', dst='2001:db8::8',
         lladdr='02:00:5e:00:53:08', ifindex=2, router=True)
    case(c + 'proxy-keyword', 'neigh', 'add', dst='192.0.2.9', ifindex=2,
         proxy=True)
    case(c + 'v6', 'neigh', 'add', dst='2001:db8::5',
         lladdr='02:00:5e:00:53:05', ifindex=2)
    case(c + 'v6-expanded', 'neigh', 'add',
         dst='2001:0db8:0000:0000:0000:0000:0000:0005',
         lladdr='02:00:5e:00:53:05', ifindex=2)
    case(c + 'lladdr-uppercase', 'neigh', 'add', dst='192.0.2.10',
         lladdr='02:00:5E:00:53:0A', ifindex=2)
    case(c + 'family-explicit', 'neigh', 'add', family=AF_INET,
         dst='192.0.2.11', lladdr='02:00:5e:00:53:0b', ifindex=2)
    case(c + 'no-dst', 'neigh', 'add', lladdr='02:00:5e:00:53:0b',
         ifindex=2)
    case(c + 'vlan', 'neigh', 'add', dst='192.0.2.12',
         lladdr='02:00:5e:00:53:0c', ifindex=2, vlan=100)
    case(c + 'probes', 'neigh', 'add', dst='192.0.2.13',
         lladdr='02:00:5e:00:53:0d', ifindex=2, probes=3)
    case(c + 'ndm-type', 'neigh', 'add', dst='192.0.2.14',
         lladdr='02:00:5e:00:53:0e', ifindex=2, ndm_type=1)
    case(c + 'full-nla-names', 'neigh', 'add', NDA_DST='192.0.2.15',
         NDA_LLADDR='02:00:5e:00:53:0f', ifindex=2, family=AF_INET)
    case(c + 'unknown-key-dropped', 'neigh', 'add', dst='192.0.2.16',
         lladdr='02:00:5e:00:53:10', ifindex=2, no_such_thing=1)

    for verb in ('set', 'replace', 'change', 'append'):
        c = 'neigh/%s/' % verb
        case(c + 'v4', 'neigh', verb, dst='192.0.2.5',
             lladdr='02:00:5e:00:53:05', ifindex=2)
        case(c + 'v4-reachable', 'neigh', verb, dst='192.0.2.5',
             lladdr='02:00:5e:00:53:05', ifindex=2, state='reachable')
        case(c + 'v6-router', 'neigh', verb, dst='2001:db8::5',
             lladdr='02:00:5e:00:53:05', ifindex=2, flags=0x80,
             nud='stale')

    c = 'neigh/del/'
    case(c + 'v4', 'neigh', 'del', dst='192.0.2.5', ifindex=2)
    case(c + 'v4-lladdr', 'neigh', 'del', dst='192.0.2.5',
         lladdr='02:00:5e:00:53:05', ifindex=2)
    case(c + 'v6', 'neigh', 'del', dst='2001:db8::5', ifindex=2)
    case(c + 'proxy', 'neigh', 'del', dst='192.0.2.9', ifindex=2,
         flags=0x08)
    case(c + 'remove-alias', 'neigh', 'remove', dst='192.0.2.5', ifindex=2)

    c = 'neigh/get/'
    case(c + 'v4', 'neigh', 'get', dst='192.0.2.5', ifindex=2)
    case(c + 'v6', 'neigh', 'get', dst='2001:db8::5', ifindex=2)
    case(c + 'proxy', 'neigh', 'get', dst='192.0.2.9', ifindex=2,
         flags=0x08)

    c = 'neigh/dump/'
    case(c + 'all', 'neigh', 'dump')
    case(c + 'family-v4', 'neigh', 'dump', family=AF_INET)
    case(c + 'family-v6', 'neigh', 'dump', family=AF_INET6)
    case(c + 'family-bridge', 'neigh', 'dump', family=AF_BRIDGE)
    case(c + 'filter-ifindex', 'neigh', 'dump', ifindex=2)
    case(c + 'filter-state', 'neigh', 'dump', state='permanent')
    case(c + 'match', 'neigh', 'dump', match={'ifindex': 2})


# --------------------------------------------------------------------- fdb
def fdb_cases():
    mac = '02:00:5e:00:53:aa'
    c = 'fdb/add/'
    case(c + 'simple', 'fdb', 'add', ifindex=4, lladdr=mac)
    case(c + 'dst', 'fdb', 'add', ifindex=7, lladdr=mac, dst='198.51.100.1')
    case(c + 'dst-v6', 'fdb', 'add', ifindex=7, lladdr=mac,
         dst='2001:db8::1')
    case(c + 'vlan', 'fdb', 'add', ifindex=4, lladdr=mac, vlan=200)
    case(c + 'dst-vlan', 'fdb', 'add', ifindex=7, lladdr=mac,
         dst='198.51.100.1', vlan=200)
    case(c + 'vni-port', 'fdb', 'add', ifindex=7, lladdr=mac,
         dst='198.51.100.1', port=5678, vni=600)
    case(c + 'zero-mac-flood', 'fdb', 'add', ifindex=7,
         lladdr='00:00:00:00:00:00', dst='198.51.100.2')
    case(c + 'master-flag', 'fdb', 'add', ifindex=4, lladdr=mac, flags=4)
    case(c + 'self-flag', 'fdb', 'add', ifindex=4, lladdr=mac, flags=2)
    case(c + 'master-self-flags', 'fdb', 'add', ifindex=4, lladdr=mac,
         flags=6)
    case(c + 'extern-learn', 'fdb', 'add', ifindex=4, lladdr=mac,
         flags=0x10)
    case(c + 'master-attr', 'fdb', 'add', ifindex=4, lladdr=mac, master=3,
         flags=4)
    case(c + 'ifindex-attr', 'fdb', 'add', ifindex=7, lladdr=mac,
         dst='198.51.100.1', NDA_IFINDEX=2)
    case(c + 'state-reachable', 'fdb', 'add', ifindex=4, lladdr=mac,
         state=0x02)
    case(c + 'state-name', 'fdb', 'add', ifindex=4, lladdr=mac,
         state='reachable')
    case(c + 'nud-alias', 'fdb', 'add', ifindex=4, lladdr=mac, nud=0x02)
    case(c + 'state-noarp-only', 'fdb', 'add', ifindex=4, lladdr=mac,
         state=0x40)
    case(c + 'state-permanent', 'fdb', 'add', ifindex=4, lladdr=mac,
         state=0x80)
    case(c + 'flags-name', 'fdb', 'add', ifindex=4, lladdr=mac,
         flags='master')
    case(c + 'index-alias', 'fdb', 'add', index=4, lladdr=mac)
    c = 'fdb/append/'
    case(c + 'dst', 'fdb', 'append', ifindex=7,
         lladdr='00:00:00:00:00:00', dst='198.51.100.3')
    case(c + 'dst-vni', 'fdb', 'append', ifindex=7,
         lladdr='00:00:00:00:00:00', dst='198.51.100.4', vni=700)
    case(c + 'vlan-master', 'fdb', 'append', ifindex=4, lladdr=mac,
         vlan=10, flags=4)
    c = 'fdb/del/'
    case(c + 'simple', 'fdb', 'del', ifindex=4, lladdr=mac)
    case(c + 'vlan', 'fdb', 'del', ifindex=4, lladdr=mac, vlan=200)
    case(c + 'dst', 'fdb', 'del', ifindex=7, lladdr=mac, dst='198.51.100.1')
    case(c + 'master', 'fdb', 'del', ifindex=4, lladdr=mac, flags=4)
    c = 'fdb/dump/'
    case(c + 'all', 'fdb', 'dump')
    case(c + 'filter-lladdr', 'fdb', 'dump', lladdr=mac)
    case(c + 'filter-vlan', 'fdb', 'dump', vlan=200)
    case(c + 'filter-ifindex', 'fdb', 'dump', ifindex=4)
    c = 'fdb/other/'
    case(c + 'set', 'fdb', 'set', ifindex=4, lladdr=mac)
    case(c + 'replace', 'fdb', 'replace', ifindex=4, lladdr=mac)
    case(c + 'get', 'fdb', 'get', ifindex=4, lladdr=mac)


# ------------------------------------------------------------------ brport
def brport_cases():
    c = 'brport/set/'
    single = [
        ('cost', 'cost', 200), ('priority', 'priority', 32),
        ('state', 'state', 3), ('learning-off', 'learning', 0),
        ('unicast-flood-off', 'unicast_flood', 0),
        ('mcast-flood-off', 'mcast_flood', 0),
        ('bcast-flood-off', 'bcast_flood', 0),
        ('proxyarp', 'proxyarp', 1), ('proxyarp-wifi', 'proxyarp_wifi', 1),
        ('guard', 'guard', 1), ('protect', 'protect', 1),
        ('fast-leave', 'fast_leave', 1), ('hairpin-mode', 'mode', 1),
        ('learning-sync', 'learning_sync', 1),
        ('multicast-router', 'multicast_router', 2),
        ('mcast-to-ucast', 'mcast_to_ucast', 1),
        ('vlan-tunnel', 'vlan_tunnel', 1),
        ('group-fwd-mask', 'group_fwd_mask', 0x4000),
        ('neigh-suppress', 'neigh_suppress', 1),
        ('isolated', 'isolated', 1), ('backup-port', 'backup_port', 9),
        ('flush', 'flush', True),
    ]
    for n, k, v in single:
        case(c + n, 'brport', 'set', index=4, **{k: v})
    case(c + 'several', 'brport', 'set', index=4, unicast_flood=0,
         cost=200, priority=16, learning=1)
    case(c + 'full-nla-name', 'brport', 'set', index=4,
         IFLA_BRPORT_COST=300)
    case(c + 'index-list', 'brport', 'set', index=[4], cost=100)
    case(c + 'unknown-key', 'brport', 'set', index=4, cost=100,
         no_such_thing=1)
    c = 'brport/dump/'
    case(c + 'all', 'brport', 'dump')
    case(c + 'index', 'brport', 'dump', index=4)
    case(c + 'show-alias', 'brport', 'show')


# ------------------------------------------------------------- vlan_filter
def vlan_filter_cases():
    for verb in ('add', 'del'):
        c = 'vlan_filter/%s/' % verb
        case(c + 'vid', 'vlan_filter', verb, index=4,
             vlan_info={'vid': 200})
        case(c + 'flags-names', 'vlan_filter', verb, index=4,
             vlan_info={'vid': 20, 'flags': ['pvid', 'untagged']})
        case(c + 'flags-int', 'vlan_filter', verb, index=4,
             vlan_info={'vid': 20, 'flags': 6})
        case(c + 'flags-master', 'vlan_filter', verb, index=4,
             vlan_info={'vid': 30, 'flags': ['master']})
        case(c + 'flags-brentry', 'vlan_filter', verb, index=3,
             vlan_info={'vid': 30, 'flags': ['brentry']})
        case(c + 'self', 'vlan_filter', verb, index=3,
             vlan_info={'vid': 40}, vlan_flags='self')
        case(c + 'master-flag', 'vlan_filter', verb, index=4,
             vlan_info={'vid': 40}, vlan_flags='master')
        case(c + 'vlan-flags-int', 'vlan_filter', verb, index=3,
             vlan_info={'vid': 41}, vlan_flags=1)
        case(c + 'range-af-spec', 'vlan_filter', verb, index=4,
             af_spec={'attrs': [
                 ['IFLA_BRIDGE_VLAN_INFO',
                  {'vid': 100, 'flags': ['range_begin']}],
                 ['IFLA_BRIDGE_VLAN_INFO',
                  {'vid': 199, 'flags': ['range_end']}]]})
        case(c + 'range-flags-int', 'vlan_filter', verb, index=4,
             af_spec={'attrs': [
                 ['IFLA_BRIDGE_VLAN_INFO', {'vid': 300, 'flags': 8}],
                 ['IFLA_BRIDGE_VLAN_INFO', {'vid': 310, 'flags': 16}]]})
        case(c + 'vlan-info-list', 'vlan_filter', verb, index=4,
             vlan_info=[{'vid': 100, 'flags': ['range_begin']},
                        {'vid': 199, 'flags': ['range_end']}])
        case(c + 'mode', 'vlan_filter', verb, index=3,
             vlan_info={'vid': 50}, mode=1)
    case('vlan_filter/add/index-list', 'vlan_filter', 'add', index=[4],
         vlan_info={'vid': 60})


# ---------------------------------------------------------------------- tc
def tc_cases():
    c = 'tc/add/'
    case(c + 'htb-root', 'tc', 'add', kind='htb', index=2, handle='1:')
    case(c + 'htb-default', 'tc', 'add', kind='htb', index=2,
         handle='1:0', default='1:10')
    case(c + 'htb-default-int', 'tc', 'add', kind='htb', index=2,
         handle=0x10000, default=0x200000)
    case(c + 'htb-r2q', 'tc', 'add', kind='htb', index=2, handle='1:',
         r2q=5, default=0x20)
    case(c + 'htb-parent', 'tc', 'add', kind='htb', index=2, handle='10:',
         parent='1:10')
    case(c + 'htb-no-handle', 'tc', 'add', kind='htb', index=2)
    case(c + 'tbf', 'tc', 'add', kind='tbf', index=2, handle='1:',
         rate='10mbit', burst=10240, latency=50)
    case(c + 'tbf-latency-string', 'tc', 'add', kind='tbf', index=2,
         handle='1:', rate='1mbit', burst=32768, latency='400ms')
    case(c + 'tbf-burst-string', 'tc', 'add', kind='tbf', index=2,
         handle='1:', rate='1mbit', burst='32kb', latency='400ms')
    case(c + 'tbf-limit', 'tc', 'add', kind='tbf', index=2, handle='1:',
         rate='100kbit', burst=1600, limit=3000)
    case(c + 'tbf-peak', 'tc', 'add', kind='tbf', index=2, handle='1:',
         rate='1mbit', burst=10000, latency=50, peak='2mbit', mtu=1600)
    case(c + 'tbf-rate-int', 'tc', 'add', kind='tbf', index=2,
         rate=125000, burst=10240, latency=50)
    case(c + 'tbf-rate-units', 'tc', 'add', kind='tbf', index=2,
         rate='1gbit', burst=1048576, latency='1s')
    case(c + 'tbf-parent', 'tc', 'add', kind='tbf', index=2, handle='20:',
         parent='1:20', rate='5mbit', burst=5000, latency=20)
    case(c + 'tbf-no-latency-no-limit', 'tc', 'add', kind='tbf', index=2,
         rate='1mbit', burst=10000)
    case(c + 'sfq', 'tc', 'add', kind='sfq', index=2, handle='1:')
    case(c + 'sfq-perturb', 'tc', 'add', kind='sfq', index=2, handle='1:',
         perturb=10)
    case(c + 'sfq-quantum-limit', 'tc', 'add', kind='sfq', index=2,
         handle='1:', quantum='1514b', limit=127, divisor=1024)
    case(c + 'sfq-parent', 'tc', 'add', kind='sfq', index=2, handle='10:',
         parent='1:10', perturb=10)
    case(c + 'sfq-red', 'tc', 'add', kind='sfq', index=2, handle='1:',
         redflowlimit=100000, min=30000, max=60000, burst=20,
         probability=0.12, ecn=True)
    case(c + 'sfq-red-auto-burst', 'tc', 'add', kind='sfq', index=2,
         handle='1:', redflowlimit=100000, min=30000, max=60000,
         avpkt=1000, probability=0.02, harddrop=True)
    case(c + 'sfq-red-burst-zero', 'tc', 'add', kind='sfq', index=2,
         handle='1:', redflowlimit=100000, min=30000, max=60000, burst=0,
         avpkt=1000, probability=0.02, harddrop=True)
    case(c + 'netem-delay', 'tc', 'add', kind='netem', index=2,
         handle='1:', delay=100000)
    case(c + 'netem-delay-jitter', 'tc', 'add', kind='netem', index=2,
         handle='1:', delay=100000, jitter=10000, delay_corr=25)
    case(c + 'netem-loss', 'tc', 'add', kind='netem', index=2, handle='1:',
         loss=10)
    case(c + 'netem-loss-corr', 'tc', 'add', kind='netem', index=2,
         handle='1:', loss=0.3, loss_corr=25)
    case(c + 'netem-duplicate', 'tc', 'add', kind='netem', index=2,
         handle='1:', duplicate=5, dup_corr=10)
    case(c + 'netem-reorder', 'tc', 'add', kind='netem', index=2,
         handle='1:', delay=10000, prob_reorder=25, corr_reorder=50)
    case(c + 'netem-reorder-gap', 'tc', 'add', kind='netem', index=2,
         handle='1:', delay=10000, prob_reorder=25, gap=5)
    case(c + 'netem-corrupt', 'tc', 'add', kind='netem', index=2,
         handle='1:', prob_corrupt=1, corr_corrupt=10)
    case(c + 'netem-rate', 'tc', 'add', kind='netem', index=2, handle='1:',
         rate='1mbit', packet_overhead=14, cell_size=0, cell_overhead=0)
    case(c + 'netem-limit', 'tc', 'add', kind='netem', index=2,
         handle='1:', delay=1000, limit=5000)
    case(c + 'netem-delay-string', 'tc', 'add', kind='netem', index=2,
         handle='1:', delay='100ms')
    case(c + 'netem-all', 'tc', 'add', kind='netem', index=2, handle='1:',
         delay=100000, jitter=5000, loss=1, duplicate=1, prob_reorder=5,
         prob_corrupt=1, limit=2000)
    case(c + 'fq_codel', 'tc', 'add', kind='fq_codel', index=2,
         handle='1:')
    case(c + 'fq_codel-params', 'tc', 'add', kind='fq_codel', index=2,
         handle='1:', fqc_limit=10240, fqc_flows=1024, fqc_quantum=1514,
         fqc_ecn=1, fqc_target='5ms', fqc_interval='100ms')
    case(c + 'fq_codel-ce-threshold', 'tc', 'add', kind='fq_codel',
         index=2, handle='1:', fqc_ce_threshold='1ms')
    case(c + 'fq_codel-plain-names', 'tc', 'add', kind='fq_codel', index=2,
         handle='1:', limit=10240, flows=1024, target='5ms')
    case(c + 'codel', 'tc', 'add', kind='codel', index=2, handle='1:',
         cdl_limit=1000, cdl_target='5ms', cdl_interval='100ms', cdl_ecn=1)
    case(c + 'codel-ce-threshold', 'tc', 'add', kind='codel', index=2,
         handle='1:', cdl_ce_threshold='2ms')
    case(c + 'prio', 'tc', 'add', kind='prio', index=2, handle='1:')
    case(c + 'prio-bands', 'tc', 'add', kind='prio', index=2, handle='1:',
         bands=3, priomap=[1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1])
    case(c + 'prio-bands-only', 'tc', 'add', kind='prio', index=2,
         handle='1:', bands=4)
    case(c + 'pfifo_fast', 'tc', 'add', kind='pfifo_fast', index=2,
         handle='1:', bands=3,
         priomap=[1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1])
    case(c + 'pfifo', 'tc', 'add', kind='pfifo', index=2, handle='1:',
         limit=100)
    case(c + 'pfifo-no-options', 'tc', 'add', kind='pfifo', index=2,
         handle='1:')
    case(c + 'bfifo-unknown-kind', 'tc', 'add', kind='bfifo', index=2,
         handle='1:', limit=10000)
    case(c + 'ingress', 'tc', 'add', kind='ingress', index=2)
    case(c + 'ingress-handle', 'tc', 'add', kind='ingress', index=2,
         handle='ffff:')
    case(c + 'clsact', 'tc', 'add', kind='clsact', index=2)
    case(c + 'plug', 'tc', 'add', kind='plug', index=2, handle='1:',
         limit=10000)
    case(c + 'plug-action', 'tc', 'add', kind='plug', index=2,
         handle='1:', action='release_one')
    case(c + 'choke', 'tc', 'add', kind='choke', index=2, handle='1:',
         limit=1000, bandwith='10mbit', min=100, max=300, avpkt=1000)
    case(c + 'drr', 'tc', 'add', kind='drr', index=2, handle='1:')
    case(c + 'hfsc', 'tc', 'add', kind='hfsc', index=2, handle='1:',
         default='1:10')
    case(c + 'hfsc-defcls', 'tc', 'add', kind='hfsc', index=2,
         handle='1:', defcls=0x20)
    case(c + 'cake', 'tc', 'add', kind='cake', index=2, handle='1:',
         bandwidth='10mbit')
    case(c + 'cake-params', 'tc', 'add', kind='cake', index=2,
         handle='1:', bandwidth='100mbit', rtt=20000, atm_mode=True,
         flow_mode='triple-isolate', diffserv_mode='diffserv4',
         ack_filter=True, nat=True, wash=False, split_gso=True,
         overhead=18, mpu=64, memlimit=4194304, fwmark=0xff,
         ingress=False)
    case(c + 'cake-atm-name', 'tc', 'add', kind='cake', index=2,
         handle='1:', bandwidth='10mbit', atm_mode='atm')
    case(c + 'cake-ptm-rtt-name', 'tc', 'add', kind='cake', index=2,
         handle='1:', bandwidth='10mbit', atm_mode='ptm', rtt='lan',
         ack_filter='aggressive', flow_mode='dsthost')
    case(c + 'cake-unlimited', 'tc', 'add', kind='cake', index=2,
         handle='1:', bandwidth='unlimited', rtt='internet',
         autorate=True, raw=True, target=5000)
    case(c + 'fq-unknown-kind', 'tc', 'add', kind='fq', index=2,
         handle='1:', flow_limit=100)
    case(c + 'mqprio-unknown-kind', 'tc', 'add', kind='mqprio', index=2,
         handle='1:', num_tc=2)
    case(c + 'red-unknown-kind', 'tc', 'add', kind='red', index=2,
         handle='1:', limit=400000)
    case(c + 'no-kind', 'tc', 'add', index=2, handle='1:')
    case(c + 'opts-passthrough', 'tc', 'add', kind='fq', index=2,
         handle='1:', opts={'attrs': [['TCA_FQ_PLIMIT', 100]]})

    for verb in ('change', 'replace'):
        c = 'tc/%s/' % verb
        case(c + 'htb', 'tc', verb, kind='htb', index=2, handle='1:',
             default='1:20')
        case(c + 'tbf', 'tc', verb, kind='tbf', index=2, handle='1:',
             rate='20mbit', burst=20480, latency=50)
        case(c + 'netem', 'tc', verb, kind='netem', index=2, handle='1:',
             delay=200000, loss=5)
        case(c + 'sfq', 'tc', verb, kind='sfq', index=2, handle='1:',
             perturb=5)
        case(c + 'fq_codel', 'tc', verb, kind='fq_codel', index=2,
             handle='1:', fqc_limit=2048)
        case(c + 'ingress', 'tc', verb, kind='ingress', index=2)
        case(c + 'clsact', 'tc', verb, kind='clsact', index=2)
        case(c + 'cake', 'tc', verb, kind='cake', index=2, handle='1:',
             bandwidth='50mbit')

    c = 'tc/del/'
    case(c + 'index-zero-no-kind', 'tc', 'del')
    case(c + 'index-zero-kind', 'tc', 'del', kind='htb')
    case(c + 'index', 'tc', 'del', index=2)
    case(c + 'index-kind-handle', 'tc', 'del', kind='htb', index=2,
         handle='1:')
    case(c + 'index-list', 'tc', 'del', index=[2, 3])
    case(c + 'ingress', 'tc', 'del', kind='ingress', index=2)
    case(c + 'clsact', 'tc', 'del', kind='clsact', index=2)
    case(c + 'root-parent', 'tc', 'del', index=2, parent=0xffffffff)
    case(c + 'remove-alias', 'tc', 'remove', kind='sfq', index=2)
    case(c + 'delete-alias', 'tc', 'delete', kind='sfq', index=2,
         handle='1:')

    # classes
    for verb in ('add-class', 'change-class', 'replace-class'):
        c = 'tc/%s/' % verb
        case(c + 'htb-rate', 'tc', verb, kind='htb', index=2,
             handle='1:10', parent='1:', rate='10mbit')
        case(c + 'htb-rate-ceil', 'tc', verb, kind='htb', index=2,
             handle='1:20', parent='1:1', rate='256kbit', ceil='512kbit')
        case(c + 'htb-burst', 'tc', verb, kind='htb', index=2,
             handle='1:30', parent='1:1', rate='1mbit', burst=15000,
             cburst=15000)
        case(c + 'htb-prio-quantum', 'tc', verb, kind='htb', index=2,
             handle='1:40', parent='1:1', rate='1mbit', prio=3,
             quantum=1514, mtu=1500)
    c = 'tc/add-class/'
    case(c + 'htb-int-handles', 'tc', 'add-class', kind='htb', index=2,
         handle=0x10001, parent=0x10000, rate='100mbit', ceil='100mbit')
    case(c + 'htb-rate-bytes', 'tc', 'add-class', kind='htb', index=2,
         handle='1:50', parent='1:1', rate='10mbps')
    case(c + 'htb-rate-int', 'tc', 'add-class', kind='htb', index=2,
         handle='1:51', parent='1:1', rate=125000)
    case(c + 'htb-maxburst-buffer', 'tc', 'add-class', kind='htb',
         index=2, handle='1:52', parent='1:1', rate='1mbit',
         maxburst=2000, cbuffer=3000)
    case(c + 'htb-overhead-mpu', 'tc', 'add-class', kind='htb', index=2,
         handle='1:53', parent='1:1', rate='1mbit', overhead=24, mpu=64)
    case(c + 'htb-no-rate', 'tc', 'add-class', kind='htb', index=2,
         handle='1:54', parent='1:1')
    case(c + 'htb-large-rate', 'tc', 'add-class', kind='htb', index=2,
         handle='1:55', parent='1:1', rate='40gbit')
    case(c + 'drr', 'tc', 'add-class', kind='drr', index=2, handle='1:10',
         parent='1:', quantum=1514)
    case(c + 'hfsc-rsc', 'tc', 'add-class', kind='hfsc', index=2,
         handle='1:10', parent='1:',
         rsc={'m1': '10mbit', 'd': '10ms', 'm2': '5mbit'})
    case(c + 'hfsc-fsc-usc', 'tc', 'add-class', kind='hfsc', index=2,
         handle='1:20', parent='1:', fsc={'m2': '10mbit'},
         usc={'m2': '20mbit'})
    c = 'tc/del-class/'
    case(c + 'htb', 'tc', 'del-class', kind='htb', index=2, handle='1:10',
         parent='1:')
    case(c + 'htb-handle-only', 'tc', 'del-class', kind='htb', index=2,
         handle='1:10')
    case(c + 'no-kind', 'tc', 'del-class', index=2, handle='1:10')
    case(c + 'drr', 'tc', 'del-class', kind='drr', index=2, handle='1:10')

    # filters
    c = 'tc/add-filter/'
    case(c + 'u32-match-all', 'tc', 'add-filter', kind='u32', index=2,
         parent='1:0', prio=10, protocol=ETH_P_ALL, target='1:20',
         keys=['0x0/0x0+0'])
    case(c + 'u32-dst-ip', 'tc', 'add-filter', kind='u32', index=2,
         parent='1:', prio=10, protocol=ETH_P_IP, target='1:10',
         keys=['0xc6336401/0xffffffff+16'])
    case(c + 'u32-src-net', 'tc', 'add-filter', kind='u32', index=2,
         parent='1:', prio=10, protocol=ETH_P_IP, target='1:10',
         keys=['0xc0000200/0xffffff00+12'])
    case(c + 'u32-two-keys', 'tc', 'add-filter', kind='u32', index=2,
         parent='1:', prio=20, protocol=ETH_P_IP, target='1:30',
         keys=['0x00060000/0x00ff0000+8', '0x00500000/0xffff0000+20'])
    case(c + 'u32-nexthdr-key', 'tc', 'add-filter', kind='u32', index=2,
         parent='1:', prio=20, protocol=ETH_P_IP, target='1:30',
         keys=['0x00000050/0x0000ffff+0+nexthdr'])
    case(c + 'u32-action-drop', 'tc', 'add-filter', kind='u32', index=2,
         parent='ffff:', prio=10, protocol=ETH_P_IP, target='1:10',
         keys=['0xc6336401/0xffffffff+16'], action='drop')
    case(c + 'u32-action-gact-dict', 'tc', 'add-filter', kind='u32',
         index=2, parent='ffff:', prio=10, protocol=ETH_P_IP,
         target='1:10', keys=['0x0/0x0+0'],
         action={'kind': 'gact', 'action': 'ok'})
    case(c + 'u32-action-list', 'tc', 'add-filter', kind='u32', index=2,
         parent='ffff:', prio=10, protocol=ETH_P_ALL, target='1:20',
         keys=['0x0/0x0+0'],
         action=[{'kind': 'bpf', 'fd': 5, 'name': 'prog', 'action': 'ok'},
                 {'kind': 'police', 'rate': '10kbit', 'burst': 10240,
                  'limit': 0},
                 {'kind': 'gact', 'action': 'ok'}])
    case(c + 'u32-police', 'tc', 'add-filter', kind='u32', index=2,
         parent='ffff:', prio=50, protocol=ETH_P_IP, target='1:10',
         keys=['0x0/0x0+0'], rate='1mbit', burst=10240, limit=0,
         action='drop')
    case(c + 'u32-mirred', 'tc', 'add-filter', kind='u32', index=2,
         parent='ffff:', prio=10, protocol=ETH_P_ALL, target='1:10',
         keys=['0x0/0x0+0'],
         action={'kind': 'mirred', 'direction': 'egress',
                 'action': 'redirect', 'ifindex': 3})
    case(c + 'u32-no-keys', 'tc', 'add-filter', kind='u32', index=2,
         parent='1:', prio=10, protocol=ETH_P_IP, target='1:10')
    case(c + 'u32-no-target', 'tc', 'add-filter', kind='u32', index=2,
         parent='1:', prio=10, protocol=ETH_P_IP, keys=['0x0/0x0+0'])
    case(c + 'u32-handle', 'tc', 'add-filter', kind='u32', index=2,
         parent='1:', handle=0x80000800, prio=10, protocol=ETH_P_IP,
         target='1:10', keys=['0x0/0x0+0'])
    case(c + 'u32-handle-string', 'tc', 'add-filter', kind='u32', index=2,
         parent='1:', handle='800::800', prio=10, protocol=ETH_P_IP,
         target='1:10', keys=['0x0/0x0+0'])
    case(c + 'fw', 'tc', 'add-filter', kind='fw', index=2, parent='1:',
         handle=10, classid=0x10010)
    case(c + 'fw-classid-string', 'tc', 'add-filter', kind='fw', index=2,
         parent='1:', handle=10, classid='1:10')
    case(c + 'fw-classid-int', 'tc', 'add-filter', kind='fw', index=2,
         parent='1:', handle=11, classid=0x10011, prio=5,
         protocol=ETH_P_IP)
    case(c + 'fw-mask', 'tc', 'add-filter', kind='fw', index=2,
         parent='1:', handle=12, classid=0x10012, mask=0xff)
    case(c + 'fw-action', 'tc', 'add-filter', kind='fw', index=2,
         parent='ffff:', handle=13, action='drop')
    case(c + 'fw-police', 'tc', 'add-filter', kind='fw', index=2,
         parent='ffff:', handle=14, rate='1mbit', burst=10240, limit=0)
    case(c + 'fw-indev', 'tc', 'add-filter', kind='fw', index=2,
         parent='ffff:', handle=15, classid=0x10015, indev='eth1')
    case(c + 'matchall-drop', 'tc', 'add-filter', kind='matchall', index=2,
         parent='ffff:', action='drop')
    case(c + 'matchall-classid', 'tc', 'add-filter', kind='matchall',
         index=2, parent='1:', classid=0x10010, prio=1)
    case(c + 'matchall-classid-string', 'tc', 'add-filter',
         kind='matchall', index=2, parent='1:', classid='1:10')
    case(c + 'matchall-skip-sw', 'tc', 'add-filter', kind='matchall',
         index=2, parent='ffff:', flags=1, action='drop')
    case(c + 'matchall-clsact-ingress', 'tc', 'add-filter',
         kind='matchall', index=2, parent='ffff:fff2', action='ok')
    case(c + 'matchall-mirred-mirror', 'tc', 'add-filter', kind='matchall',
         index=2, parent='ffff:',
         action={'kind': 'mirred', 'direction': 'egress',
                 'action': 'mirror', 'ifindex': 5})
    case(c + 'matchall-mirred-ingress-redirect', 'tc', 'add-filter',
         kind='matchall', index=2, parent='ffff:',
         action={'kind': 'mirred', 'direction': 'ingress',
                 'action': 'redirect', 'ifindex': 5, 'index': 7})
    case(c + 'matchall-vlan-push', 'tc', 'add-filter', kind='matchall',
         index=2, parent='ffff:',
         action={'kind': 'vlan', 'v_action': 'push', 'id': 100,
                 'priority': 3})
    case(c + 'matchall-vlan-push-8021ad', 'tc', 'add-filter',
         kind='matchall', index=2, parent='ffff:',
         action={'kind': 'vlan', 'v_action': 'push', 'id': 200,
                 'protocol': '802.1ad'})
    case(c + 'matchall-vlan-pop', 'tc', 'add-filter', kind='matchall',
         index=2, parent='ffff:', action={'kind': 'vlan', 'v_action': 'pop'})
    case(c + 'matchall-skbedit', 'tc', 'add-filter', kind='matchall',
         index=2, parent='ffff:',
         action={'kind': 'skbedit', 'mark': 7, 'priority': 0x10001,
                 'queue': 2})
    case(c + 'matchall-skbedit-ptype', 'tc', 'add-filter',
         kind='matchall', index=2, parent='ffff:',
         action={'kind': 'skbedit', 'ptype': 'host', 'mask': 0xff,
                 'mark': 1})
    case(c + 'matchall-connmark', 'tc', 'add-filter', kind='matchall',
         index=2, parent='ffff:', action={'kind': 'connmark', 'zone': 3})
    case(c + 'matchall-police', 'tc', 'add-filter', kind='matchall',
         index=2, parent='ffff:',
         action={'kind': 'police', 'rate': '1mbit', 'burst': 10240,
                 'limit': 0, 'action': 'drop'})
    case(c + 'matchall-bpf-action', 'tc', 'add-filter', kind='matchall',
         index=2, parent='ffff:',
         action={'kind': 'bpf', 'fd': 6, 'name': 'act', 'action': 'ok'})
    case(c + 'matchall-actions-chain', 'tc', 'add-filter',
         kind='matchall', index=2, parent='ffff:',
         action=[{'kind': 'skbedit', 'mark': 1},
                 {'kind': 'mirred', 'direction': 'egress',
                  'action': 'mirror', 'ifindex': 5},
                 {'kind': 'gact', 'action': 'pipe'}])
    for ga in ('ok', 'pass', 'reclassify', 'drop', 'shot', 'pipe',
               'continue', 'stolen', 'trap'):
        case(c + 'matchall-gact-' + ga, 'tc', 'add-filter',
             kind='matchall', index=2, parent='ffff:', action=ga)
    case(c + 'flower-no-options', 'tc', 'add-filter', kind='flower',
         index=2, parent='ffff:')
    case(c + 'flower-options-dropped', 'tc', 'add-filter', kind='flower',
         index=2, parent='ffff:', prio=1, protocol=ETH_P_IP,
         eth_type=ETH_P_IP, ip_proto=6, dst_ip='198.51.100.1',
         dst_port=80, action='drop')
    case(c + 'flower-classid', 'tc', 'add-filter', kind='flower', index=2,
         parent='1:', classid=0x10010, dst_mac='02:00:5e:00:53:01')
    case(c + 'flower-mirred', 'tc', 'add-filter', kind='flower', index=2,
         parent='ffff:', src_ip='192.0.2.0/24',
         action={'kind': 'mirred', 'direction': 'egress',
                 'action': 'redirect', 'ifindex': 3})
    case(c + 'basic-cmp', 'tc', 'add-filter', kind='basic', index=2,
         parent='1:', classid=0x10010,
         match=[{'kind': 'cmp', 'layer': 2, 'opnd': 'gt', 'align': 'u16',
                 'offset': 3, 'mask': 0xff00, 'value': 20}])
    case(c + 'basic-cmp-and', 'tc', 'add-filter', kind='basic', index=2,
         parent='1:', classid=0x10010,
         match=[{'kind': 'cmp', 'layer': 'link', 'opnd': 'eq',
                 'align': 'u32', 'offset': 0, 'mask': 0xffffffff,
                 'value': 0xdeadc0, 'relation': 'and'},
                {'kind': 'cmp', 'layer': 'link', 'opnd': 'eq',
                 'align': 'u16', 'offset': 4, 'mask': 0xffff,
                 'value': 0xde00}])
    case(c + 'basic-meta', 'tc', 'add-filter', kind='basic', index=2,
         parent='1:', classid=0x10010,
         match=[{'kind': 'meta', 'object': {'kind': 'nfmark', 'opnd': 'gt'},
                 'value': 24, 'relation': 'and'},
                {'kind': 'meta',
                 'object': {'kind': 'tcindex', 'opnd': 'eq'},
                 'value': 0xf0, 'mask': 0xf0}])
    case(c + 'basic-meta-dev', 'tc', 'add-filter', kind='basic', index=2,
         parent='1:', classid=0x10010,
         match=[{'kind': 'meta', 'object': {'kind': 'dev', 'opnd': 'eq'},
                 'value': 'ifb0'}], action='drop')
    case(c + 'basic-ipset', 'tc', 'add-filter', kind='basic', index=2,
         parent='1:', classid=0x10010,
         match=[{'kind': 'ipset', 'index': 0, 'mode': 'src',
                 'inverse': True}])
    case(c + 'basic-classid-only', 'tc', 'add-filter', kind='basic',
         index=2, parent='1:', classid=0x10010)
    case(c + 'basic-classid-string', 'tc', 'add-filter', kind='basic',
         index=2, parent='1:', classid='1:10')
    case(c + 'basic-action', 'tc', 'add-filter', kind='basic', index=2,
         parent='ffff:', action='drop')
    case(c + 'bpf-fd-name', 'tc', 'add-filter', kind='bpf', index=2,
         parent='ffff:fff2', fd=5, name='cls_prog', direct_action=True)
    case(c + 'bpf-classid', 'tc', 'add-filter', kind='bpf', index=2,
         parent='1:', fd=5, name='cls_prog', classid=0x10010, prio=3,
         protocol=ETH_P_IP)
    case(c + 'bpf-action', 'tc', 'add-filter', kind='bpf', index=2,
         parent='ffff:', fd=5, name='cls_prog', action='ok')
    case(c + 'bpf-police', 'tc', 'add-filter', kind='bpf', index=2,
         parent='ffff:', fd=5, name='cls_prog', rate='1mbit', burst=10240,
         limit=0)
    case(c + 'flow-hash', 'tc', 'add-filter', kind='flow', index=2,
         parent='1:', handle=1, mode='hash', keys=['src', 'dst'],
         divisor=1024, baseclass=0x10001)
    case(c + 'flow-map', 'tc', 'add-filter', kind='flow', index=2,
         parent='1:', handle=2, mode='map', key='mark',
         ops=[{'op': 'and', 'num': 0xff}, {'op': 'addend', 'num': 10}],
         baseclass=0x10001)
    case(c + 'flow-perturb', 'tc', 'add-filter', kind='flow', index=2,
         parent='1:', handle=3, mode='hash', keys='src,dst,proto',
         divisor=256, perturb=10, baseclass=0x10001)
    case(c + 'flow-baseclass-string', 'tc', 'add-filter', kind='flow',
         index=2, parent='1:', handle=4, mode='hash', keys=['src'],
         baseclass='1:1')
    case(c + 'unknown-kind', 'tc', 'add-filter', kind='route', index=2,
         parent='1:', to=10, classid='1:10')

    for verb in ('change-filter', 'replace-filter', 'del-filter'):
        c = 'tc/%s/' % verb
        case(c + 'u32', 'tc', verb, kind='u32', index=2, parent='1:',
             handle=0x80000800, prio=10, protocol=ETH_P_IP, target='1:10',
             keys=['0xc6336401/0xffffffff+16'])
        case(c + 'fw', 'tc', verb, kind='fw', index=2, parent='1:',
             handle=10, classid=0x10010)
        case(c + 'matchall', 'tc', verb, kind='matchall', index=2,
             parent='ffff:', handle=1, prio=1, action='drop')
        case(c + 'flower', 'tc', verb, kind='flower', index=2,
             parent='ffff:', handle=1, prio=1, ip_proto=17)
        case(c + 'bpf', 'tc', verb, kind='bpf', index=2, parent='ffff:fff2',
             handle=1, fd=5, name='cls_prog', direct_action=True)
    c = 'tc/del-filter/'
    case(c + 'u32-prio-only', 'tc', 'del-filter', kind='u32', index=2,
         parent='1:', prio=10, protocol=ETH_P_IP)
    case(c + 'no-kind', 'tc', 'del-filter', index=2, parent='1:')
    case(c + 'no-kind-info', 'tc', 'del-filter', index=2, parent='1:',
         info=0x000a0800)

    c = 'tc/other/'
    case(c + 'set-noop', 'tc', 'set', kind='htb', index=2)


def build():
    link_cases()
    addr_cases()
    route_cases()
    rule_cases()
    neigh_cases()
    fdb_cases()
    brport_cases()
    vlan_filter_cases()
    tc_cases()


def zero_pids(buf):
    """Set nlmsg_pid to 0 in every message; leave anything unparsable."""
    buf = bytearray(buf)
    off = 0
    while off + 16 <= len(buf):
        (length,) = struct.unpack_from('=I', buf, off)
        struct.pack_into('=I', buf, off + 12, 0)
        if length < 16:
            break
        off += (length + 3) & ~3
    return bytes(buf)


def count_messages(buf):
    n = off = 0
    while off + 16 <= len(buf):
        (length,) = struct.unpack_from('=I', buf, off)
        n += 1
        if length < 16:
            break
        off += (length + 3) & ~3
    return n


def run_case(ipb, method, command, kwargs):
    ipb.reset()
    rec = {}
    try:
        getattr(ipb, method)(command, **copy.deepcopy(kwargs))
    except Exception as e:  # record what pyroute2 does
        mod = type(e).__module__
        rec['exception'] = (type(e).__name__ if mod == 'builtins'
                            else '%s.%s' % (mod, type(e).__name__))
        rec['message'] = str(e)
        if ipb.batch:
            rec['partial_hex'] = zero_pids(ipb.batch).hex()
        return rec
    data = zero_pids(ipb.batch)
    rec['messages'] = count_messages(data)
    rec['hex'] = data.hex()
    return rec


def main():
    build()
    seen = set()
    for name, *_ in CASES:
        if name in seen:
            raise SystemExit('duplicate case name: %s' % name)
        seen.add(name)
    ipb = IPBatch()
    out = sys.stdout
    out.write('{\n')
    out.write(' "generator": "testdata/pyroute2/gen.py",\n')
    out.write(' "pyroute2": %s,\n' % json.dumps(_dist_version('pyroute2')))
    out.write(' "class": "IPBatch",\n')
    out.write(' "pid": 0,\n')
    out.write(' "cases": [\n')
    for i, (name, method, command, kwargs) in enumerate(CASES):
        rec = {'name': name, 'method': method, 'command': command,
               'kwargs': kwargs}
        rec.update(run_case(ipb, method, command, kwargs))
        sep = ',' if i + 1 < len(CASES) else ''
        out.write('  %s%s\n' % (json.dumps(rec, sort_keys=False), sep))
    out.write(' ]\n}\n')


if __name__ == '__main__':
    main()
