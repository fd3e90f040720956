//! Checks of a workflow before anything runs: names, ids, dependencies, cycles, references,
//! policies and (with a registry) actions. Each error names the step and field.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{Step, Workflow};
use crate::reference;
use crate::{Error, Result};

/// The most steps one workflow may have.
pub(crate) const MAX_STEPS: usize = 1000;
const MAX_ID_LEN: usize = 64;
const MAX_ATTEMPTS: u32 = 100;
const MAX_BACKOFF_S: f64 = 3600.0;
const MAX_TIMEOUT_S: f64 = 7.0 * 86400.0;

/// Everything but the action names, which need a registry.
pub(crate) fn check_structure(workflow: &Workflow) -> Result<()> {
    check_name(workflow)?;
    let positions = check_ids(workflow)?;
    for step in &workflow.steps {
        check_needs(step, &positions)?;
        check_policy(step)?;
    }
    check_acyclic(workflow, &positions)?;
    check_references(workflow, &positions)
}

fn check_name(workflow: &Workflow) -> Result<()> {
    if workflow.name.trim().is_empty() || workflow.name.len() > 128 {
        return Err(Error::definition("name", "must be 1 to 128 characters"));
    }
    let tenant = &workflow.tenant;
    let valid = !tenant.is_empty()
        && tenant.len() <= 64
        && tenant
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(Error::definition(
            "tenant",
            format!("`{tenant}` is not a tenant name (lowercase letters, digits and `-`)"),
        ));
    }
    if workflow.steps.is_empty() {
        return Err(Error::definition("steps", "the workflow has no steps"));
    }
    if workflow.steps.len() > MAX_STEPS {
        return Err(Error::definition(
            "steps",
            format!("more than {MAX_STEPS} steps"),
        ));
    }
    Ok(())
}

/// Each id is valid and unique; returns id → position.
fn check_ids(workflow: &Workflow) -> Result<HashMap<&str, usize>> {
    let mut positions = HashMap::new();
    for (i, step) in workflow.steps.iter().enumerate() {
        let id = step.id.as_str();
        let valid = !id.is_empty()
            && id.len() <= MAX_ID_LEN
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid {
            return Err(Error::definition(
                format!("steps[{i}].id"),
                format!("`{id}` is not a step id (1 to {MAX_ID_LEN} letters, digits, `_`, `-`)"),
            ));
        }
        if let Some(first) = positions.insert(id, i) {
            return Err(Error::definition(
                format!("steps[{i}].id"),
                format!("`{id}` is already the id of steps[{first}]"),
            ));
        }
        if step.action.trim().is_empty() {
            return Err(Error::definition(
                format!("steps[{id}].action"),
                "names no action",
            ));
        }
    }
    Ok(positions)
}

fn check_needs(step: &Step, positions: &HashMap<&str, usize>) -> Result<()> {
    let field = format!("steps[{}].needs", step.id);
    let mut seen = BTreeSet::new();
    for need in &step.needs {
        if need == &step.id {
            return Err(Error::definition(&field, "a step cannot need itself"));
        }
        if !positions.contains_key(need.as_str()) {
            return Err(Error::definition(&field, format!("unknown step `{need}`")));
        }
        if !seen.insert(need) {
            return Err(Error::definition(
                &field,
                format!("`{need}` is listed twice"),
            ));
        }
    }
    Ok(())
}

fn check_policy(step: &Step) -> Result<()> {
    let id = &step.id;
    if let Some(retry) = step.retry {
        if !(1..=MAX_ATTEMPTS).contains(&retry.attempts) {
            return Err(Error::definition(
                format!("steps[{id}].retry.attempts"),
                format!("{} is not in 1..={MAX_ATTEMPTS}", retry.attempts),
            ));
        }
        if !(0.0..=MAX_BACKOFF_S).contains(&retry.backoff_s) {
            return Err(Error::definition(
                format!("steps[{id}].retry.backoff_s"),
                format!("{} is not in 0..={MAX_BACKOFF_S} seconds", retry.backoff_s),
            ));
        }
    }
    if let Some(timeout) = step.timeout_s
        && !(timeout > 0.0 && timeout <= MAX_TIMEOUT_S)
    {
        return Err(Error::definition(
            format!("steps[{id}].timeout_s"),
            format!("{timeout} is not more than 0 and at most {MAX_TIMEOUT_S} seconds"),
        ));
    }
    Ok(())
}

/// No step depends on itself through others; an error names the steps of one cycle.
fn check_acyclic(workflow: &Workflow, positions: &HashMap<&str, usize>) -> Result<()> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let steps = &workflow.steps;
    let mut marks = vec![Mark::New; steps.len()];
    for start in 0..steps.len() {
        if marks[start] != Mark::New {
            continue;
        }
        // Iterative depth-first search: (step, next dependency to visit).
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        marks[start] = Mark::OnPath;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let needs = &steps[node].needs;
            if *next == needs.len() {
                marks[node] = Mark::Done;
                path.pop();
                continue;
            }
            let dep = positions[needs[*next].as_str()];
            *next += 1;
            match marks[dep] {
                Mark::Done => {}
                Mark::New => {
                    marks[dep] = Mark::OnPath;
                    path.push((dep, 0));
                }
                Mark::OnPath => {
                    let from = path.iter().position(|&(n, _)| n == dep).unwrap_or(0);
                    let mut names: Vec<&str> = path[from..]
                        .iter()
                        .map(|&(n, _)| steps[n].id.as_str())
                        .collect();
                    names.push(&steps[dep].id);
                    return Err(Error::definition(
                        format!("steps[{}].needs", steps[node].id),
                        format!("dependency cycle: {}", names.join(" -> ")),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Every reference is well formed and reads a step the referring step (transitively) needs.
fn check_references(workflow: &Workflow, positions: &HashMap<&str, usize>) -> Result<()> {
    let ancestors = ancestors(workflow, positions);
    for (i, step) in workflow.steps.iter().enumerate() {
        let field = format!("steps[{}].with", step.id);
        let found = reference::references(&step.with, &field)
            .map_err(|(field, reason)| Error::definition(field, reason))?;
        for (field, r) in found {
            if !positions.contains_key(r.step.as_str()) {
                return Err(Error::definition(
                    field,
                    format!("{} refers to unknown step `{}`", r.shown(), r.step),
                ));
            }
            if !ancestors[i].contains(r.step.as_str()) {
                return Err(Error::definition(
                    field,
                    format!(
                        "{} refers to `{}`, which `{}` does not depend on (add it to needs)",
                        r.shown(),
                        r.step,
                        step.id
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Each step's transitive dependencies (the graph is acyclic by now).
fn ancestors<'a>(
    workflow: &'a Workflow,
    positions: &HashMap<&str, usize>,
) -> Vec<BTreeSet<&'a str>> {
    let mut memo: BTreeMap<usize, BTreeSet<&'a str>> = BTreeMap::new();
    fn visit<'a>(
        i: usize,
        workflow: &'a Workflow,
        positions: &HashMap<&str, usize>,
        memo: &mut BTreeMap<usize, BTreeSet<&'a str>>,
    ) -> BTreeSet<&'a str> {
        if let Some(done) = memo.get(&i) {
            return done.clone();
        }
        let mut set = BTreeSet::new();
        for need in &workflow.steps[i].needs {
            let dep = positions[need.as_str()];
            set.insert(need.as_str());
            set.extend(visit(dep, workflow, positions, memo));
        }
        memo.insert(i, set.clone());
        set
    }
    (0..workflow.steps.len())
        .map(|i| visit(i, workflow, positions, &mut memo))
        .collect()
}

#[cfg(test)]
mod tests;
