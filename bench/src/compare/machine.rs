//! What the numbers were taken on: cores, CPU model, kernel, memory and load.

use serde::Serialize;

/// The machine a comparison ran on.
#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    /// Logical CPUs of the machine (`/proc/cpuinfo`).
    pub nproc: usize,
    /// The CPU model (`model name` in `/proc/cpuinfo`).
    pub cpu_model: String,
    /// The kernel release.
    pub kernel: String,
    /// Total memory, in MiB.
    pub memory_mib: u64,
    /// The 1-minute load average when the run started.
    pub load_at_start: f64,
    /// The 1-minute load average when the run ended (set at the end).
    pub load_at_end: f64,
}

impl Machine {
    /// Reads `/proc`; anything unreadable is reported as unknown, never an error.
    pub fn describe() -> Machine {
        let cpuinfo = read("/proc/cpuinfo");
        let meminfo = read("/proc/meminfo");
        Machine {
            nproc: cpuinfo
                .lines()
                .filter(|l| l.starts_with("processor"))
                .count()
                .max(std::thread::available_parallelism().map_or(1, usize::from)),
            cpu_model: field(&cpuinfo, "model name").unwrap_or_else(|| "unknown".into()),
            kernel: read("/proc/sys/kernel/osrelease").trim().to_owned(),
            memory_mib: field(&meminfo, "MemTotal")
                .and_then(|v| v.trim_end_matches("kB").trim().parse::<u64>().ok())
                .map_or(0, |kb| kb / 1024),
            load_at_start: load_average(),
            load_at_end: 0.0,
        }
    }

    /// One line for people.
    pub fn summary(&self) -> String {
        format!(
            "{} CPUs ({}), Linux {}, {} MiB; load average {:.2} at start, {:.2} at end",
            self.nproc,
            self.cpu_model,
            self.kernel,
            self.memory_mib,
            self.load_at_start,
            self.load_at_end
        )
    }
}

/// The 1-minute load average now (0 if unknown).
pub(crate) fn load_average() -> f64 {
    read("/proc/loadavg")
        .split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The value of the first `name : value` line.
fn field(text: &str, name: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == name).then(|| value.trim().to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_from_colon_lines() {
        let text = "processor\t: 0\nmodel name\t: Some CPU @ 2.0GHz\n";
        assert_eq!(
            field(text, "model name").as_deref(),
            Some("Some CPU @ 2.0GHz")
        );
        assert_eq!(field(text, "flags"), None);
    }

    #[test]
    fn this_machine_is_described() {
        let machine = Machine::describe();
        assert!(machine.nproc >= 1);
        assert!(machine.summary().contains("CPUs"));
    }
}
