//! The normalizer in MB/s on real-size configs: a 4 KB JSON envelope (what the benchmark-mode
//! NMS serves, the fleet job's hot path) and a 64 KB access-router config as plain text and
//! inside a JSON envelope, with the built-in volatile-line rules, one extra `drop_lines`
//! pattern, and secret masking on.
//!
//! `cargo bench -p nbi-fleet --bench normalize`

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nbi_fleet::{NormalizeSettings, Normalizer};

/// IOS-style running config of about `target` bytes, with the lines normalizing removes or masks.
fn ios_config(target: usize) -> String {
    let mut text = String::from(
        "Building configuration...\n\nCurrent configuration : 65536 bytes\n\
         ! Last configuration change at 10:15:02 UTC Tue Jun 3 2025 by admin\n\
         ! NVRAM config last updated at 10:15:05 UTC Tue Jun 3 2025 by admin\n!\n\
         version 15.9\nservice timestamps log datetime msec\nhostname edge-01\n!\n\
         enable secret 9 $9$abcdefgh$ijklmnopqrstuvwxyz0123456789\n\
         snmp-server community s3cr3t RO\nntp clock-period 17179869\n!\n",
    );
    let mut i = 0;
    while text.len() < target {
        let _ = write!(
            text,
            "interface GigabitEthernet0/{i}\n description subscriber uplink {i}  \n \
             ip address 10.{}.{}.1 255.255.255.252\n ip ospf authentication-key 7 0822455D0A16\n \
             no shutdown\n!\n",
            i / 256,
            i % 256
        );
        i += 1;
    }
    text.push_str("end\n");
    text
}

fn envelope(config: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "json_metadata": {"device": "edge-01", "source": "nms"},
        "envelope_id": "e-1",
        "api_version": "v2",
        "data": {"running_config": config},
    }))
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let settings = NormalizeSettings {
        drop_lines: vec!["^! uptime ".into()],
        mask_secrets: true,
        ..NormalizeSettings::default()
    };
    let json = Normalizer::new(&settings, Some("/data/running_config")).unwrap();
    let text = Normalizer::new(&settings, None).unwrap();
    let cases = [
        ("envelope_4k", &json, envelope(&ios_config(3_700))),
        ("envelope_64k", &json, envelope(&ios_config(64 * 1024))),
        ("text_64k", &text, ios_config(64 * 1024).into_bytes()),
    ];
    let mut group = c.benchmark_group("normalize");
    for (name, normalizer, body) in &cases {
        // A case that stops normalizing fails here, before anything is timed.
        assert!(!normalizer.normalize(body).unwrap().is_empty());
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| normalizer.normalize(black_box(body)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
