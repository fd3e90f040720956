//! `nbi sim`: serve the simulators until SIGINT or SIGTERM.

use std::io::Write;

use anyhow::Context as _;
use nbi_sim::{AuthMode, FaultConfig, Service, SimConfig};

use super::Context;
use super::sim_config;
use crate::args::{SimArgs, SimAuth};
use crate::exit::{Outcome, UsageError};

pub(crate) fn run(args: SimArgs, _ctx: &Context) -> anyhow::Result<Outcome> {
    let config = sim_config(&args)?;
    super::signal::runtime()?.block_on(serve(config, args))
}

async fn serve(config: SimConfig, args: SimArgs) -> anyhow::Result<Outcome> {
    let handle = nbi_sim::spawn(config)
        .await
        .context("could not start the simulators")?;
    if let Some(path) = &args.write_config {
        sim_config::write(path, &handle, args.devices)
            .await
            .with_context(|| format!("could not write {}", path.display()))?;
    }
    // One JSON line per (service, tenant), whatever --output says: tools wait for these lines
    // to know the servers listen.
    let mut stdout = std::io::stdout().lock();
    for endpoint in handle.endpoints() {
        let line = serde_json::json!({
            "service": endpoint.service.as_str(),
            "tenant": endpoint.tenant,
            "url": endpoint.url,
        });
        writeln!(stdout, "{line}")?;
    }
    stdout.flush()?;
    drop(stdout);
    tracing::info!(target: "nbi::sim", "serving; stop with SIGINT or SIGTERM");
    super::signal::wait_for_stop_signal().await?;
    handle.shutdown().await;
    // Stopping is how a simulator run ends: success, not an interruption.
    Ok(Outcome::Success)
}

/// Turns the flags into a simulator configuration, refusing impossible values (exit 2).
fn sim_config(args: &SimArgs) -> anyhow::Result<SimConfig> {
    let mut services = Vec::new();
    for name in &args.services {
        let service: Service = name
            .parse()
            .map_err(|e: nbi_sim::UnknownService| UsageError(format!("--services: {e}")))?;
        services.push(service);
    }
    for (flag, rate) in [
        ("--fail-rate", args.fail_rate),
        ("--throttle-rate", args.throttle_rate),
        ("--reset-rate", args.reset_rate),
        ("--stall-rate", args.stall_rate),
        ("--truncate-rate", args.truncate_rate),
    ] {
        if !(0.0..=1.0).contains(&rate) {
            return Err(UsageError(format!("{flag}: must be between 0 and 1, got {rate}")).into());
        }
    }
    if args.tenants == 0 {
        return Err(UsageError("--tenants: must be at least 1".into()).into());
    }
    let faults = FaultConfig {
        latency_ms: args.latency_ms,
        jitter_ms: args.jitter_ms,
        fail_rate: args.fail_rate,
        throttle_rate: args.throttle_rate,
        reset_rate: args.reset_rate,
        stall_rate: args.stall_rate,
        truncate_rate: args.truncate_rate,
        token_ttl_s: args.token_ttl_s,
        token_uses: args.token_uses,
        ..FaultConfig::default()
    };
    let bench = args.auth == SimAuth::None;
    Ok(SimConfig {
        services,
        tenants: args.tenants,
        devices: args.devices,
        faults,
        auth: if bench {
            AuthMode::None
        } else {
            AuthMode::Default
        },
        seed: args.seed,
        https: args.https,
        bench,
    })
}
