//! IPv4 arithmetic for prefixes, ranges and available addresses. IPv6 values are accepted and
//! stored, but only IPv4 pools hand out addresses.

use std::net::{IpAddr, Ipv4Addr};

/// An IPv4 network or interface address: the address and the mask length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cidr {
    pub(super) addr: u32,
    pub(super) len: u8,
}

impl Cidr {
    /// Parses `a.b.c.d/len`.
    pub(super) fn parse(text: &str) -> Option<Cidr> {
        let (addr, len) = text.split_once('/')?;
        let addr: Ipv4Addr = addr.parse().ok()?;
        let len: u8 = len.parse().ok()?;
        (len <= 32).then_some(Cidr {
            addr: u32::from(addr),
            len,
        })
    }

    /// The network this address lies in.
    pub(super) fn network(self) -> u32 {
        self.addr & mask(self.len)
    }

    /// The last address of the network.
    pub(super) fn last(self) -> u32 {
        self.network() | !mask(self.len)
    }

    /// The addresses a host may use: all but the network and broadcast addresses, except in
    /// /31 and /32 networks.
    pub(super) fn hosts(self) -> (u32, u32) {
        if self.len >= 31 {
            (self.network(), self.last())
        } else {
            (self.network() + 1, self.last() - 1)
        }
    }

    /// Whether `addr` lies in this network.
    pub(super) fn contains(self, addr: u32) -> bool {
        addr & mask(self.len) == self.network()
    }
}

/// Whether `text` is an IPv4 or IPv6 address with a mask length.
pub(super) fn is_cidr(text: &str) -> bool {
    let Some((addr, len)) = text.split_once('/') else {
        return false;
    };
    match (addr.parse::<IpAddr>(), len.parse::<u8>()) {
        (Ok(IpAddr::V4(_)), Ok(len)) => len <= 32,
        (Ok(IpAddr::V6(_)), Ok(len)) => len <= 128,
        _ => false,
    }
}

/// The host part of an address as a number, ignoring the mask (`10.0.0.5/24` → 10.0.0.5).
pub(super) fn host(text: &str) -> Option<u32> {
    let addr = text.split_once('/').map_or(text, |(a, _)| a);
    addr.parse::<Ipv4Addr>().ok().map(u32::from)
}

/// `a.b.c.d`.
pub(super) fn dotted(addr: u32) -> String {
    Ipv4Addr::from(addr).to_string()
}

fn mask(len: u8) -> u32 {
    if len == 0 { 0 } else { u32::MAX << (32 - len) }
}

/// The free space of `parent` once `used` blocks (first, last) are taken, as CIDR blocks in
/// address order.
pub(super) fn free_blocks(parent: Cidr, used: &[(u32, u32)]) -> Vec<Cidr> {
    let mut used: Vec<(u32, u32)> = used.to_vec();
    used.sort_unstable();
    let mut blocks = Vec::new();
    let mut cursor = u64::from(parent.network());
    let end = u64::from(parent.last());
    for (first, last) in used {
        let (first, last) = (u64::from(first), u64::from(last));
        if last < cursor || first > end {
            continue;
        }
        if first > cursor {
            split_into_blocks(cursor, first - 1, &mut blocks);
        }
        cursor = cursor.max(last + 1);
    }
    if cursor <= end {
        split_into_blocks(cursor, end, &mut blocks);
    }
    blocks
}

/// The largest aligned blocks covering `first..=last`.
fn split_into_blocks(mut first: u64, last: u64, out: &mut Vec<Cidr>) {
    while first <= last {
        let mut size: u64 = if first == 0 {
            1 << 32
        } else {
            1 << first.trailing_zeros().min(32)
        };
        while first + size - 1 > last {
            size >>= 1;
        }
        let len = 32 - size.trailing_zeros() as u8;
        // `first` fits in u32: it never passes the parent's last address.
        out.push(Cidr {
            addr: u32::try_from(first).unwrap_or(u32::MAX),
            len,
        });
        first += size;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_space_splits_into_aligned_blocks() {
        let parent = Cidr::parse("10.0.0.0/24").unwrap();
        let used = Cidr::parse("10.0.0.0/26").unwrap();
        let blocks = free_blocks(parent, &[(used.network(), used.last())]);
        let shown: Vec<String> = blocks
            .iter()
            .map(|c| format!("{}/{}", dotted(c.addr), c.len))
            .collect();
        assert_eq!(shown, ["10.0.0.64/26", "10.0.0.128/25"]);
        let hosts = Cidr::parse("10.0.2.0/29").unwrap().hosts();
        assert_eq!(
            (dotted(hosts.0), dotted(hosts.1)),
            ("10.0.2.1".into(), "10.0.2.6".into())
        );
        assert!(is_cidr("2001:db8::1/64") && !is_cidr("10.0.0.1") && !is_cidr("10.0.0.1/33"));
    }
}
