//! Settings load: a 20-tenant `nbi.toml` (three services each: retry, breaker, rate limit,
//! timeouts, secrets as `{ env = … }`) parsed and validated from text, and loaded through the
//! full layering (file, environment, overrides) as every command does at start.
//!
//! `cargo bench -p nbi-core --bench settings`

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nbi_core::{LoadOptions, Settings};

const TENANTS: usize = 20;

fn settings_toml() -> String {
    let mut text =
        String::from("[settings]\nallow_insecure_http = false\nlog_format = \"text\"\n\n");
    for t in 0..TENANTS {
        let _ = write!(
            text,
            "[tenants.t{t}.netbox]\nurl = \"https://netbox.t{t}.example\"\n\
             auth = {{ scheme = \"token\", token = {{ env = \"T{t}_NETBOX_TOKEN\" }} }}\n\
             timeouts = {{ list = 15.0 }}\n\
             retry = {{ max_attempts = 4, base_ms = 200, max_ms = 10000, deadline_s = 60, budget_percent = 20 }}\n\
             breaker = {{ failure_threshold = 5, reset_timeout_s = 60, failure_rate = 0.5, window = 50, min_calls = 20 }}\n\
             rate_limit = {{ per_minute = 1000, categories = {{ deployment = 100 }} }}\n\
             max_concurrency = 20\n\n\
             [tenants.t{t}.core-nms]\nkind = \"http-json\"\nurl = \"https://nms.t{t}.example\"\n\
             config_path = \"/api/v1/devices/{{id}}/config\"\nconfig_pointer = \"/data/running_config\"\n\
             auth = {{ scheme = \"oauth2\", token_url = \"https://nms.t{t}.example/oauth/token\", client_id = \"nbi\", client_secret = {{ env = \"T{t}_NMS_SECRET\" }} }}\n\n\
             [tenants.t{t}.cms]\nurl = \"https://cms.t{t}.example:18443\"\nnode_type = \"e7\"\n\
             auth = {{ scheme = \"session\", username = \"nbi\", password = {{ env = \"T{t}_CMS_PASSWORD\" }} }}\n\n"
        );
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = settings_toml();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nbi.toml");
    std::fs::write(&file, &text).unwrap();
    // Fails here, not inside the timed loop, if the file stops being valid.
    Settings::from_toml_str(&text, dir.path()).unwrap();

    let mut group = c.benchmark_group("settings_load");
    group.bench_function("from_toml_str_20_tenants", |b| {
        b.iter(|| Settings::from_toml_str(black_box(&text), Path::new(".")).unwrap())
    });
    group.bench_function("load_file_env_overrides_20_tenants", |b| {
        b.iter(|| {
            let options = LoadOptions::new()
                .file(&file)
                .search_cwd(false)
                .env_vars([("NBI__TENANTS__T0__NETBOX__MAX_CONCURRENCY", "10")])
                .set("tenants.t1.netbox.max_concurrency", "5");
            Settings::load(black_box(&options)).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
