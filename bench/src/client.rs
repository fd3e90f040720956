//! The client side of the backup benchmarks: settings for one `http-json` source, the
//! device list, and one runner run into a fresh store under a time bound.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use nbi_core::{Settings, Transports};
use nbi_fleet::{DeviceRef, RunReport, Runner, SnapshotStore, Sources, SqliteStore};
use tokio_util::sync::CancellationToken;

/// The tenant and source every benchmark device belongs to.
pub(crate) const TENANT: &str = "bench";
pub(crate) const SOURCE: &str = "nms";

/// Settings for one `http-json` source at `url`, with no auth and a bulkhead as wide as
/// `concurrency` (so the runner's bound is the one measured).
pub(crate) fn settings_toml(url: &str, concurrency: usize) -> String {
    format!(
        "[settings]\nallow_insecure_http = true\n\n\
         [tenants.{TENANT}.{SOURCE}]\nkind = \"http-json\"\nurl = \"{url}\"\n\
         config_path = \"/api/v1/devices/{{id}}/config\"\nmax_concurrency = {concurrency}\n\
         auth = {{ scheme = \"none\" }}\n"
    )
}

/// `dev00000`, `dev00001`, … (ids the benchmark-mode simulator serves).
pub fn device_id(i: usize) -> String {
    format!("dev{i:05}")
}

/// The first `count` benchmark devices.
pub(crate) fn devices(count: usize) -> anyhow::Result<Vec<DeviceRef>> {
    (0..count)
        .map(|i| DeviceRef::new(TENANT, SOURCE, device_id(i)).map_err(Into::into))
        .collect()
}

/// One backup run and how long it took.
#[derive(Debug)]
pub(crate) struct Backup {
    pub(crate) report: RunReport,
    pub(crate) wall: Duration,
}

/// Backs up `devices` from the server at `url` into a new store at `store`, at most
/// `concurrency` fetches in flight, on the current runtime. Gives up after `limit`.
pub(crate) async fn backup(
    url: &str,
    store: &Path,
    devices: &[DeviceRef],
    concurrency: usize,
    limit: Duration,
) -> anyhow::Result<Backup> {
    let base = store.parent().unwrap_or(Path::new("."));
    let settings = Settings::from_toml_str(&settings_toml(url, concurrency), base)
        .context("benchmark settings")?;
    let transports = Transports::new(settings);
    let sources = Sources::from_settings(&transports, devices)?;
    let snapshots: Arc<dyn SnapshotStore> = Arc::new(SqliteStore::open_for_backup(store)?);
    let runner = Runner::new(snapshots, sources)
        .concurrency(concurrency)
        .per_source_concurrency(concurrency);
    let cancel = CancellationToken::new();
    let started = Instant::now();
    let outcome = tokio::time::timeout(limit, runner.run(devices, None, cancel.clone())).await;
    let wall = started.elapsed();
    cancel.cancel();
    // Dropping the runner drops the store: its last batch is committed and the file closed.
    drop(runner);
    let _ = transports.shutdown().await;
    let report = match outcome {
        Ok(report) => report?,
        Err(_) => bail!(
            "the backup did not finish within {} s; stopped",
            limit.as_secs()
        ),
    };
    Ok(Backup { report, wall })
}

/// A multi-threaded runtime of its own for one side of a benchmark.
pub(crate) fn runtime(name: &str) -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name(name)
        .build()
        .with_context(|| format!("cannot start the {name} runtime"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_configure_one_http_json_source() {
        let text = settings_toml("http://127.0.0.1:8080", 64);
        let settings = Settings::from_toml_str(&text, Path::new(".")).unwrap();
        let service = settings.service(TENANT, SOURCE).unwrap();
        assert_eq!(service.kind_or(SOURCE), "http-json");
        assert_eq!(service.max_concurrency, 64);
        assert_eq!(
            service.extra_str("config_path"),
            Some("/api/v1/devices/{id}/config")
        );
    }

    #[test]
    fn device_ids_are_zero_padded() {
        let list = devices(3).unwrap();
        assert_eq!(list[2].to_string(), "bench/nms/dev00002");
        assert_eq!(device_id(99_999), "dev99999");
    }
}
