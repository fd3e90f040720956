//! `nbi config show` and `nbi config check`.

use crate::args::ConfigCommand;
use crate::exit::Outcome;
use crate::output::table;

use super::Context;

pub(crate) fn run(command: ConfigCommand, ctx: &Context) -> anyhow::Result<Outcome> {
    match command {
        ConfigCommand::Show => show(ctx),
        ConfigCommand::Check => check(ctx),
    }
}

fn show(ctx: &Context) -> anyhow::Result<Outcome> {
    let rows = ctx.settings()?.effective();
    if ctx.output.is_json() {
        ctx.output.json(&rows)?;
    } else {
        let mut cells = vec![vec!["PATH".into(), "VALUE".into(), "SOURCE".into()]];
        cells.extend(rows.into_iter().map(|r| vec![r.path, r.value, r.source]));
        ctx.output.text(&table(&cells))?;
    }
    Ok(Outcome::Success)
}

fn check(ctx: &Context) -> anyhow::Result<Outcome> {
    let loaded = ctx.settings()?;
    if ctx.output.is_json() {
        let file = loaded.path.as_ref().map(|p| p.display().to_string());
        ctx.output
            .json(&serde_json::json!({ "ok": true, "file": file }))?;
    } else {
        ctx.output.text("ok")?;
    }
    Ok(Outcome::Success)
}
