//! `fetch-nbi`: N device configs through nbi-core's whole request pipeline — rate limiter,
//! bulkhead, circuit breaker, auth, retry with Retry-After, metrics — and nothing else (no
//! normalizing, no store). One JSON result line on stdout, in the anchors' shape.

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use nbi_bench::load::{self, FetchFailed, Fetched, LoadArgs};
use nbi_core::auth::BearerAuth;
use nbi_core::{
    FixedSecret, Metrics, Operation, OperationClass, ProxyConfig, RateLimitConfig, RequestSpec,
    Transport,
};

const GET_CONFIG: Operation = Operation::new("get_config", OperationClass::GET);

/// Fetches N configs through the nbi-core pipeline (build with `--release`).
#[derive(Debug, Parser)]
#[command(name = "fetch-nbi", version)]
struct Cli {
    #[command(flatten)]
    load: LoadArgs,
}

fn main() -> ExitCode {
    match run(Cli::parse().load) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fetch-nbi: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: LoadArgs) -> anyhow::Result<ExitCode> {
    args.validate()?;
    let runtime = load::client_runtime()?;
    let result = runtime.block_on(async {
        let transport = Transport::builder("nms", "bench")
            .base_url(&args.base_url)
            .allow_insecure_http(true)
            // The simulator's benchmark mode ignores credentials; the provider still runs.
            .auth(Arc::new(BearerAuth::new(FixedSecret::shared(
                "bench-token",
            ))))
            // A limit far above any rate reached: the limiter is consulted on every call.
            .rate_limit(RateLimitConfig {
                per_minute: Some(1_000_000_000),
                ..RateLimitConfig::default()
            })
            .max_concurrency(args.concurrency)
            .proxy(ProxyConfig::none())
            .metrics(Metrics::new())
            .build()?;
        let delay_ms = args.delay_ms;
        let result = load::run("nbi-transport", &args, |i| {
            let spec = RequestSpec::get(GET_CONFIG, "/api/v1/devices/{id}/config")
                .path_param("id", nbi_bench::device_id(i));
            let spec = match delay_ms {
                0 => spec,
                ms => spec.query("delay_ms", ms),
            };
            let transport = &transport;
            async move {
                match transport.send(spec).await {
                    Ok(response) => Ok(Fetched {
                        bytes: response.body().len(),
                        attempts: response.attempts(),
                    }),
                    Err(e) => Err(FetchFailed {
                        reason: match e.status() {
                            Some(status) => format!("status {}", status.as_u16()),
                            None => format!("{:?}", e.kind()),
                        },
                        attempts: e.context().map_or(1, |c| c.attempts),
                    }),
                }
            }
        })
        .await;
        let _ = transport.shutdown().await;
        anyhow::Ok(result)
    })?;
    load::finish(&result)
}
