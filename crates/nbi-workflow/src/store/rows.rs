//! The store's reads and writes of runs and steps.

use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use super::{WorkflowStore, now};
use crate::model::Workflow;
use crate::report::{RunReport, RunStatus, StepReport, StepStatus};
use crate::{Error, ErrorKind, Result};

/// A stored run's identity, for resuming it.
#[derive(Debug, Clone)]
pub(crate) struct RunHeader {
    pub(crate) name: String,
    pub(crate) digest: String,
}

/// How a step ended, to record it.
#[derive(Debug)]
pub(crate) struct StepEnd<'a> {
    pub(crate) status: StepStatus,
    pub(crate) attempts: u32,
    pub(crate) result: Option<&'a Value>,
    pub(crate) error: Option<&'a str>,
    pub(crate) duration_s: Option<f64>,
}

fn unknown_run(run_id: u64) -> Error {
    Error::new(
        ErrorKind::UnknownRun,
        format!("no workflow run {run_id} in the store"),
    )
}

impl WorkflowStore {
    /// Records a new run, every step pending; returns its number.
    pub(crate) fn create_run(&self, workflow: &Workflow) -> Result<u64> {
        let definition = serde_json::to_string(workflow)
            .map_err(|e| Error::store("encoding the workflow", e))?;
        let mut conn = self.lock();
        let tx = conn
            .transaction()
            .map_err(|e| Error::store("starting a run", e))?;
        tx.execute(
            "INSERT INTO runs (name, tenant, digest, definition, status, started_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                workflow.name(),
                workflow.tenant(),
                workflow.digest(),
                definition,
                RunStatus::Running.as_str(),
                now()
            ],
        )
        .map_err(|e| Error::store("recording the run", e))?;
        let run_id = tx.last_insert_rowid();
        for (position, step) in workflow.steps().iter().enumerate() {
            tx.execute(
                "INSERT INTO steps (run_id, position, step_id, action, status) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![run_id, position as i64, step.id(), step.action(), StepStatus::Pending.as_str()],
            )
            .map_err(|e| Error::store("recording the steps", e))?;
        }
        tx.commit()
            .map_err(|e| Error::store("committing the run", e))?;
        Ok(run_id as u64)
    }

    /// The name and digest of run `run_id`.
    pub(crate) fn run_header(&self, run_id: u64) -> Result<RunHeader> {
        self.lock()
            .query_row(
                "SELECT name, digest FROM runs WHERE id = ?1",
                [run_id as i64],
                |r| {
                    Ok(RunHeader {
                        name: r.get(0)?,
                        digest: r.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(|e| Error::store("reading a run", e))?
            .ok_or_else(|| unknown_run(run_id))
    }

    /// Marks run `run_id` running again and every step that has not succeeded pending.
    pub(crate) fn reopen_run(&self, run_id: u64) -> Result<()> {
        let mut conn = self.lock();
        let tx = conn
            .transaction()
            .map_err(|e| Error::store("reopening a run", e))?;
        tx.execute(
            "UPDATE runs SET status = ?2, finished_at = NULL WHERE id = ?1",
            params![run_id as i64, RunStatus::Running.as_str()],
        )
        .map_err(|e| Error::store("reopening a run", e))?;
        tx.execute(
            "UPDATE steps SET status = ?2, attempts = 0, result = NULL, error = NULL, \
             started_at = NULL, finished_at = NULL, duration_s = NULL \
             WHERE run_id = ?1 AND status <> ?3",
            params![
                run_id as i64,
                StepStatus::Pending.as_str(),
                StepStatus::Succeeded.as_str()
            ],
        )
        .map_err(|e| Error::store("reopening the steps", e))?;
        tx.commit().map_err(|e| Error::store("reopening a run", e))
    }

    /// A step's try `attempt` has started.
    pub(crate) fn step_attempt(&self, run_id: u64, step: &str, attempt: u32) -> Result<()> {
        let started = (attempt == 1).then(now);
        self.lock()
            .execute(
                "UPDATE steps SET status = ?3, attempts = ?4, started_at = COALESCE(?5, started_at) \
                 WHERE run_id = ?1 AND step_id = ?2",
                params![run_id as i64, step, StepStatus::Running.as_str(), attempt, started],
            )
            .map(drop)
            .map_err(|e| Error::store("recording a try", e))
    }

    /// A step has ended (or will never start).
    pub(crate) fn step_ended(&self, run_id: u64, step: &str, end: &StepEnd<'_>) -> Result<()> {
        let result = end
            .result
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| Error::store("encoding a result", e))?;
        self.lock()
            .execute(
                "UPDATE steps SET status = ?3, attempts = ?4, result = ?5, error = ?6, \
                 duration_s = ?7, finished_at = ?8 WHERE run_id = ?1 AND step_id = ?2",
                params![
                    run_id as i64,
                    step,
                    end.status.as_str(),
                    end.attempts,
                    result,
                    end.error,
                    end.duration_s.map(|d| (d * 1000.0).round() / 1000.0),
                    now()
                ],
            )
            .map(drop)
            .map_err(|e| Error::store("recording a step", e))
    }

    /// The run has ended with `status`.
    pub(crate) fn run_ended(&self, run_id: u64, status: RunStatus) -> Result<()> {
        self.lock()
            .execute(
                "UPDATE runs SET status = ?2, finished_at = ?3 WHERE id = ?1",
                params![run_id as i64, status.as_str(), now()],
            )
            .map(drop)
            .map_err(|e| Error::store("recording the run's end", e))
    }

    /// Run `run_id` as stored: its status and each step's, in the workflow's order.
    pub fn report(&self, run_id: u64) -> Result<RunReport> {
        let conn = self.lock();
        let (name, status): (String, String) = conn
            .query_row(
                "SELECT name, status FROM runs WHERE id = ?1",
                [run_id as i64],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| Error::store("reading a run", e))?
            .ok_or_else(|| unknown_run(run_id))?;
        let status = status
            .parse()
            .map_err(|e| Error::store("reading a run", e))?;
        let mut query = conn
            .prepare(
                "SELECT step_id, status, attempts, duration_s, error, result FROM steps \
                 WHERE run_id = ?1 ORDER BY position",
            )
            .map_err(|e| Error::store("reading steps", e))?;
        let rows = query
            .query_map([run_id as i64], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get::<_, Option<f64>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })
            .map_err(|e| Error::store("reading steps", e))?;
        let mut steps = Vec::new();
        for row in rows {
            let (id, status, attempts, duration_s, error, result) =
                row.map_err(|e| Error::store("reading steps", e))?;
            let result = result
                .map(|text| serde_json::from_str(&text))
                .transpose()
                .map_err(|e| Error::store(&format!("reading the result of {id}"), e))?;
            steps.push(StepReport {
                status: status
                    .parse()
                    .map_err(|e| Error::store("reading steps", e))?,
                id,
                attempts,
                duration_s,
                error,
                result,
            });
        }
        Ok(RunReport {
            run_id,
            name,
            status,
            steps,
        })
    }
}
