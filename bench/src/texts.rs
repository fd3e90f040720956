//! Realistic configuration texts for a store built without fetching: about 4 KB of IOS-like
//! configuration per device, unique per device, with a few lines that change every run.

use std::fmt::Write as _;

/// The part every device shares (interfaces, routing, services), rendered once.
#[derive(Debug, Clone)]
pub(crate) struct ConfigTexts {
    body: String,
}

impl ConfigTexts {
    /// Renders the shared part from `seed`.
    pub(crate) fn new(seed: u64) -> ConfigTexts {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut body = String::with_capacity(4096);
        body.push_str("version 15.9\nservice timestamps debug datetime msec\nservice timestamps log datetime msec\nservice password-encryption\n!\n");
        for port in 0..32 {
            // Writing to a String cannot fail.
            let _ = write!(
                body,
                "interface GigabitEthernet0/0/{port}\n description customer {}\n ip address 10.{}.{}.1 255.255.255.252\n no shutdown\n!\n",
                rng.u16(1000..9999),
                rng.u8(0..=255),
                rng.u8(0..=255)
            );
        }
        body.push_str("router ospf 1\n passive-interface default\n network 10.0.0.0 0.255.255.255 area 0\n!\nip ssh version 2\nline vty 0 4\n transport input ssh\n!\n");
        ConfigTexts { body }
    }

    /// Device `id`'s (number `index`) configuration as backed up in `run` (from 1): the same
    /// body for every run but for three lines.
    pub(crate) fn text(&self, index: usize, id: &str, run: u32) -> String {
        let mut text = String::with_capacity(self.body.len() + 512);
        let _ = write!(
            text,
            "!\nhostname {id}\n!\ninterface Loopback0\n ip address 10.255.{}.{} 255.255.255.255\n!\n",
            (index / 256) % 256,
            index % 256
        );
        text.push_str(&self.body);
        let _ = write!(
            text,
            "ntp server 10.0.{run}.1\nsnmp-server contact noc-rev{run}@example.net\nlogging host 10.1.{run}.{}\nsnmp-server location rack-{}\n!\nend\n",
            index % 250,
            index % 97
        );
        text
    }

    /// The body a source would have fetched for `text`: the simulator's JSON envelope.
    pub(crate) fn envelope(id: &str, text: &str) -> Vec<u8> {
        serde_json::json!({
            "json_metadata": {"device": id, "source": "nbi-bench"},
            "api_version": "v2",
            "data": {"running_config": text},
        })
        .to_string()
        .into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_about_4_kb_and_differ_in_three_lines_per_run() {
        let texts = ConfigTexts::new(1);
        let one = texts.text(42, "dev00042", 1);
        let two = texts.text(42, "dev00042", 2);
        assert!((3_800..=4_400).contains(&one.len()), "{}", one.len());
        let differing = one.lines().zip(two.lines()).filter(|(a, b)| a != b).count();
        assert_eq!(differing, 3);
        assert_eq!(one, texts.text(42, "dev00042", 1));
        assert_ne!(one, texts.text(43, "dev00043", 1));
    }

    #[test]
    fn envelope_carries_the_text() {
        let raw = ConfigTexts::envelope("d1", "hostname d1\n");
        let doc: serde_json::Value = serde_json::from_slice(&raw).unwrap();
        assert_eq!(doc["data"]["running_config"], "hostname d1\n");
    }
}
