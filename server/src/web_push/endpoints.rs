//! Which push endpoints the server will talk to (DESIGN.md §6, issue 18): a device hands
//! the server a URL and the server then POSTs to it, so a hostile member could point it at
//! the server's own network (the cloud metadata service, a database port, an admin API).
//!
//! - Only `https` URLs with a host and no user name or password; plain `http` to a loopback
//!   address only when the operator asked for it ([`EndpointRule::AllowLoopback`], for a
//!   local push service in tests and development).
//! - The host must resolve to public addresses only (not loopback, private, link-local,
//!   shared CGNAT, multicast, unspecified, documentation or reserved ranges, nor IPv6 forms
//!   that embed such an IPv4 address). Checked at registration, and again at each send by the
//!   sender's resolver ([`PublicResolver`]), since DNS answers can change in between.
//! - The sender never follows redirects and uses no proxy from the environment.
//!
//! Every refusal reads the same, so that answers reveal nothing about the inside network.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

/// Whether plain HTTP to this machine is accepted (never in production).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EndpointRule {
    /// HTTPS to public addresses only.
    #[default]
    PublicOnly,
    /// Also `http://` or `https://` to a loopback address, for a local push service.
    AllowLoopback,
}

/// Why an endpoint is refused; one sentence for all of them (see the module header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the push endpoint is not a public HTTPS address")
    }
}

impl std::error::Error for Refused {}

/// Whether a packet to `ip` would leave for the public Internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(a == 0                                   // "this network", 0.0.0.0
        || a == 10                             // private
        || a == 127                            // loopback
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT), 100.100.100.200 metadata
        || (a == 169 && b == 254)              // link-local, 169.254.169.254 metadata
        || (a == 172 && (16..32).contains(&b)) // private
        || (a == 192 && b == 0 && c == 0)      // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2)      // documentation
        || (a == 192 && b == 88 && c == 99)    // 6to4 relay anycast
        || (a == 192 && b == 168)              // private
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || (a == 198 && b == 51 && c == 100)   // documentation
        || (a == 203 && b == 0 && c == 113)    // documentation
        || a >= 224) // multicast, reserved, broadcast
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let segments = ip.segments();
    let embedded_v4 = |s: &[u16; 8]| Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4); // ::ffff:a.b.c.d
    }
    match segments {
        [0, 0, 0, 0, 0, 0, _, _] => false, // unspecified, loopback, IPv4-compatible (deprecated)
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => is_public_v4(embedded_v4(&segments)), // NAT64
        [0x64, 0xff9b, 1, ..] => false,    // local-use NAT64
        [0x2002, ..] => {
            // 6to4: the IPv4 address sits in segments 1 and 2.
            is_public_v4(Ipv4Addr::new(
                (segments[1] >> 8) as u8,
                segments[1] as u8,
                (segments[2] >> 8) as u8,
                segments[2] as u8,
            ))
        }
        [0x2001, 0, ..] => false,      // Teredo
        [0x2001, 0xdb8, ..] => false,  // documentation
        [0x100, 0, 0, 0, ..] => false, // discard-only
        [first, ..] => {
            first & 0xfe00 != 0xfc00     // unique local (fd00:ec2::254 metadata)
                && first & 0xffc0 != 0xfe80 // link-local
                && first & 0xffc0 != 0xfec0 // site-local (deprecated)
                && first & 0xff00 != 0xff00 // multicast
        }
    }
}

fn allowed(ip: IpAddr, rule: EndpointRule) -> bool {
    is_public(ip) || (rule == EndpointRule::AllowLoopback && ip.is_loopback())
}

/// The URL's form alone: scheme, host, no credentials. Returns the URL and, when the host is
/// an address rather than a name, that address (already checked).
fn check_form(endpoint: &str, rule: EndpointRule) -> Result<reqwest::Url, Refused> {
    let url = reqwest::Url::parse(endpoint).map_err(|_| Refused)?;
    if !url.username().is_empty() || url.password().is_some() || url.fragment().is_some() {
        return Err(Refused);
    }
    let loopback_literal = match url.host() {
        Some(url::Host::Ipv4(ip)) => {
            if !allowed(IpAddr::V4(ip), rule) {
                return Err(Refused);
            }
            ip.is_loopback()
        }
        Some(url::Host::Ipv6(ip)) => {
            if !allowed(IpAddr::V6(ip), rule) {
                return Err(Refused);
            }
            ip.is_loopback()
        }
        Some(url::Host::Domain(name)) if !name.is_empty() => false,
        _ => return Err(Refused),
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback_literal && rule == EndpointRule::AllowLoopback => Ok(url),
        _ => Err(Refused),
    }
}

/// Checks an endpoint a device registers: its form, then every address its host resolves to.
pub async fn check(endpoint: &str, rule: EndpointRule) -> Result<reqwest::Url, Refused> {
    let url = check_form(endpoint, rule)?;
    if let Some(url::Host::Domain(name)) = url.host() {
        let port = url.port_or_known_default().unwrap_or(443);
        let addresses: Vec<SocketAddr> = tokio::net::lookup_host((name, port)).await.map_err(|_| Refused)?.collect();
        if addresses.is_empty() || addresses.iter().any(|a| !allowed(a.ip(), rule)) {
            return Err(Refused);
        }
    }
    Ok(url)
}

/// Checks an endpoint before a send: its form (rows from before these rules included); the
/// resolver below checks the addresses the connection will use.
pub fn check_before_send(endpoint: &str, rule: EndpointRule) -> Result<reqwest::Url, Refused> {
    check_form(endpoint, rule)
}

/// The sender's DNS: resolves as the system does, then keeps only the addresses the rule
/// allows, so a name that now points inside is never connected to.
pub struct PublicResolver(pub EndpointRule);

impl reqwest::dns::Resolve for PublicResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let rule = self.0;
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            let kept: Vec<SocketAddr> = found.into_iter().filter(|a| allowed(a.ip(), rule)).collect();
            if kept.is_empty() {
                return Err(Box::new(Refused) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(kept.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// An HTTP client for push services under `rule`: no redirects, no proxy, checked DNS.
pub fn client_builder(rule: EndpointRule) -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .dns_resolver(Arc::new(PublicResolver(rule)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(text: &str) -> bool {
        is_public(text.parse().unwrap())
    }

    #[test]
    fn inside_addresses_are_not_public() {
        for inside in [
            "127.0.0.1",
            "10.0.0.5",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.100.100.200",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "198.18.0.1",
            "::1",
            "::",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "2002:a00:5::1",
            "fc00::1",
            "fd00:ec2::254",
            "fe80::1",
            "ff02::1",
            "2001:db8::1",
            "2001::1",
        ] {
            assert!(!public(inside), "{inside} is inside");
        }
    }

    #[test]
    fn internet_addresses_are_public() {
        for outside in ["8.8.8.8", "172.32.0.1", "100.128.0.1", "2a00:1450:4007:80f::200e", "64:ff9b::808:808"] {
            assert!(public(outside), "{outside} is public");
        }
    }

    #[test]
    fn forms_that_could_reach_inside_are_refused() {
        let rule = EndpointRule::PublicOnly;
        for endpoint in [
            "http://push.example.org/x",
            "https://user:pass@push.example.org/x",
            "https://10.0.0.5/",
            "https://[::1]:2375/containers/create",
            "https://[::ffff:7f00:1]/",
            "https://0x7f000001/",
            "https://2130706433/",
            "ftp://push.example.org/",
            "not a url",
        ] {
            assert_eq!(check_form(endpoint, rule), Err(Refused), "{endpoint}");
        }
        assert!(check_form("https://push.example.org/send/abc", rule).is_ok());
        assert!(check_form("https://8.8.8.8/send/abc", rule).is_ok());
    }

    #[test]
    fn loopback_http_needs_the_explicit_setting() {
        assert_eq!(check_form("http://127.0.0.1:8443/push/1", EndpointRule::PublicOnly), Err(Refused));
        assert!(check_form("http://127.0.0.1:8443/push/1", EndpointRule::AllowLoopback).is_ok());
        assert_eq!(check_form("http://10.0.0.5/push/1", EndpointRule::AllowLoopback), Err(Refused));
        assert_eq!(check_form("http://user:pw@127.0.0.1/", EndpointRule::AllowLoopback), Err(Refused));
    }
}
