//! Settings the web layer needs, filled in by the binary from the layered configuration.

use std::net::IpAddr;

use yiwang_domain::region::RegionCode;

/// An IP network (address and prefix length), for trusted proxies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    addr: IpAddr,
    prefix: u8,
}

impl IpNet {
    /// Parses `10.0.0.0/8`, `::1/128` or a plain address.
    pub fn parse(s: &str) -> Option<IpNet> {
        let (a, p) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let addr: IpAddr = a.parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match p {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max)?,
            None => max,
        };
        Some(IpNet { addr, prefix })
    }

    /// Whether `ip` is inside the network.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(n), IpAddr::V4(i)) => {
                let mask = if self.prefix == 0 {
                    0
                } else {
                    u32::MAX << (32 - u32::from(self.prefix))
                };
                u32::from(n) & mask == u32::from(i) & mask
            }
            (IpAddr::V6(n), IpAddr::V6(i)) => {
                let mask = if self.prefix == 0 {
                    0
                } else {
                    u128::MAX << (128 - u32::from(self.prefix))
                };
                u128::from(n) & mask == u128::from(i) & mask
            }
            _ => false,
        }
    }
}

/// The web layer's settings.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The platform's name in Chinese, e.g. 广安市一网通办 (also the SMS signature).
    pub site_name: String,
    /// The platform's name in English.
    pub site_name_en: String,
    /// The deployment's root region (e.g. 5116 广安市): lists start here, and platform-wide
    /// permissions are grants at this region.
    pub root_region: RegionCode,
    /// The public https:// address when TLS is terminated in front of the platform: cookies
    /// become `Secure` and `__Host-` prefixed, and HSTS is sent.
    pub tls: bool,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpNet>,
    /// A demo deployment: a banner says so, and recorded SMS can be read at `/dev/messages`.
    pub demo: bool,
    /// The development SMS/email senders are in use: admins can read what they recorded.
    pub dev_senders: bool,
    /// When set, `/metrics` requires `Authorization: Bearer <token>`.
    pub metrics_token: Option<String>,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    /// The public address (`https://gov.example.cn`), for links that leave the browser: QR
    /// codes on counters and certificates. Without it the request's Host is used.
    pub public_url: Option<String>,
}

impl WebConfig {
    /// Settings for tests and examples: the Guang'an demo region, no TLS.
    pub fn example() -> WebConfig {
        WebConfig {
            site_name: "广安市一网通办".into(),
            site_name_en: "Guang'an Government Services".into(),
            root_region: RegionCode::parse("5116").unwrap_or_else(|_| unreachable_region()),
            tls: false,
            trusted_proxies: Vec::new(),
            demo: false,
            dev_senders: true,
            metrics_token: None,
            body_limit: 256 * 1024,
            public_url: None,
        }
    }
}

fn unreachable_region() -> RegionCode {
    // "51" is a valid code; parse cannot fail for it.
    match RegionCode::parse("51") {
        Ok(c) => c,
        Err(_) => std::process::abort(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_contain_their_addresses() {
        let n = IpNet::parse("10.0.0.0/8").unwrap();
        assert!(n.contains("10.1.2.3".parse().unwrap()));
        assert!(!n.contains("11.0.0.1".parse().unwrap()));
        assert!(
            IpNet::parse("127.0.0.1")
                .unwrap()
                .contains("127.0.0.1".parse().unwrap())
        );
        assert!(
            IpNet::parse("::1/128")
                .unwrap()
                .contains("::1".parse().unwrap())
        );
        assert!(IpNet::parse("10.0.0.0/33").is_none());
        assert!(IpNet::parse("nonsense").is_none());
    }
}
