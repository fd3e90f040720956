//! `nbi genieacs …` as clap parses it.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Subcommand};

/// `nbi genieacs [--tenant T] <area> <verb> …`
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  nbi genieacs devices list --tag lab --query-gt _lastInform=2025-06-01T00:00:00Z --projection _id,_tags\n  nbi genieacs devices list --query-eq InternetGatewayDevice.DeviceInfo.SoftwareVersion=2.0.0 --sort _lastInform:-1 --limit 10\n  nbi genieacs tasks set-parameter-values 202BC1-BM632w-000001 InternetGatewayDevice.ManagementServer.PeriodicInformInterval=300 --connection-request\n  nbi genieacs tasks create 202BC1-BM632w-000001 --name reboot --connection-request --timeout-ms 5000"
)]
pub(crate) struct Args {
    /// The tenant (may be left out when one tenant alone has a GenieACS service).
    #[arg(long, global = true)]
    pub(crate) tenant: Option<String>,
    /// The settings table of the GenieACS service, when the tenant has more than one.
    #[arg(long, global = true)]
    pub(crate) service: Option<String>,
    #[command(subcommand)]
    pub(crate) area: Area,
}

/// The API areas.
#[derive(Debug, Subcommand)]
pub(crate) enum Area {
    /// CPEs: list, get, delete, tag, untag.
    #[command(subcommand)]
    Devices(DevicesVerb),
    /// Tasks: create (any name, or one verb per task), list, retry, delete.
    #[command(subcommand)]
    Tasks(TasksVerb),
    /// Faults: list, delete.
    #[command(subcommand)]
    Faults(FaultsVerb),
    /// Presets (JSON documents): list, put, delete.
    #[command(subcommand)]
    Presets(DocumentVerb),
    /// Objects (JSON documents): list, put, delete.
    #[command(subcommand)]
    Objects(DocumentVerb),
    /// Provision scripts: list, put, delete.
    #[command(subcommand)]
    Provisions(ScriptVerb),
    /// Virtual parameter scripts: list, put, delete.
    #[command(subcommand, name = "virtual-parameters")]
    VirtualParameters(ScriptVerb),
    /// Files served to CPEs: list, put, delete.
    #[command(subcommand)]
    Files(FilesVerb),
    /// Ping a host from the ACS.
    Ping {
        /// The host name or address.
        host: String,
    },
}

/// The filter, projection, sort and paging flags of every `list`. Values that read as JSON
/// numbers, booleans or null are sent as such (quote them, `'"300"'`, for text); values that
/// read as RFC 3339 timestamps are sent as GenieACS dates.
#[derive(Debug, Clone, Default, ClapArgs)]
pub(crate) struct ListArgs {
    /// A raw MongoDB filter, and-ed with the flags below.
    #[arg(long, value_name = "JSON")]
    pub(crate) query: Option<String>,
    /// PATH equals VALUE (repeatable; all must hold).
    #[arg(long = "query-eq", value_name = "PATH=VALUE")]
    pub(crate) eq: Vec<String>,
    /// PATH differs from VALUE.
    #[arg(long = "query-ne", value_name = "PATH=VALUE")]
    pub(crate) ne: Vec<String>,
    /// PATH is greater than VALUE.
    #[arg(long = "query-gt", value_name = "PATH=VALUE")]
    pub(crate) gt: Vec<String>,
    /// PATH is greater than or equal to VALUE.
    #[arg(long = "query-gte", value_name = "PATH=VALUE")]
    pub(crate) gte: Vec<String>,
    /// PATH is less than VALUE.
    #[arg(long = "query-lt", value_name = "PATH=VALUE")]
    pub(crate) lt: Vec<String>,
    /// PATH is less than or equal to VALUE.
    #[arg(long = "query-lte", value_name = "PATH=VALUE")]
    pub(crate) lte: Vec<String>,
    /// PATH equals one of the comma-separated VALUES.
    #[arg(long = "query-in", value_name = "PATH=V1,V2")]
    pub(crate) is_in: Vec<String>,
    /// PATH matches the regular expression RE.
    #[arg(long = "query-regex", value_name = "PATH=RE")]
    pub(crate) regex: Vec<String>,
    /// PATH is present.
    #[arg(long = "query-exists", value_name = "PATH")]
    pub(crate) exists: Vec<String>,
    /// PATH is absent.
    #[arg(long = "query-missing", value_name = "PATH")]
    pub(crate) missing: Vec<String>,
    /// Carries this tag (`_tags`; repeatable: all of them).
    #[arg(long, value_name = "TAG")]
    pub(crate) tag: Vec<String>,
    /// Only these fields, comma-separated.
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub(crate) projection: Vec<String>,
    /// Sort by PATH, ascending (`:1`, the default) or descending (`:-1`); repeatable.
    #[arg(long, value_name = "PATH[:1|:-1]")]
    pub(crate) sort: Vec<String>,
    /// Leave out the first N matches.
    #[arg(long, value_name = "N")]
    pub(crate) skip: Option<u64>,
    /// At most N items in all (every page up to N is fetched).
    #[arg(long, value_name = "N")]
    pub(crate) limit: Option<u64>,
    /// Items per request.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub(crate) page_size: u64,
    /// Print only `{"total": N}` (a HEAD request).
    #[arg(long)]
    pub(crate) count: bool,
}

/// `nbi genieacs devices …`
#[derive(Debug, Subcommand)]
pub(crate) enum DevicesVerb {
    /// Devices matching the filter flags (every device by default).
    List(Box<ListArgs>),
    /// One device by `_id` (exit 1 when there is none).
    Get {
        /// The device `_id`.
        id: String,
        /// Only these fields, comma-separated.
        #[arg(long, value_delimiter = ',')]
        projection: Vec<String>,
    },
    /// Delete a device with its tasks and faults.
    Delete {
        /// The device `_id`.
        id: String,
    },
    /// Add a tag.
    Tag {
        /// The device `_id`.
        id: String,
        /// The tag.
        tag: String,
    },
    /// Remove a tag.
    Untag {
        /// The device `_id`.
        id: String,
        /// The tag.
        tag: String,
    },
}

/// How a task is sent.
#[derive(Debug, Clone, Default, ClapArgs)]
pub(crate) struct TaskFlags {
    /// Ask the CPE to connect now and wait for the task to run (else only queue it).
    #[arg(long)]
    pub(crate) connection_request: bool,
    /// How long GenieACS waits for the CPE's session, in milliseconds.
    #[arg(long, value_name = "MS")]
    pub(crate) timeout_ms: Option<u64>,
}

/// `nbi genieacs tasks …`
#[derive(Debug, Subcommand)]
pub(crate) enum TasksVerb {
    /// Queued tasks matching the filter flags.
    List(Box<ListArgs>),
    /// Any task: `--name` and its other fields as `--data` JSON. Exit 1 when it faulted or
    /// the connection request failed.
    Create {
        /// The device `_id`.
        device: String,
        /// The task name (`getParameterValues`, `setParameterValues`, `refreshObject`,
        /// `addObject`, `deleteObject`, `reboot`, `factoryReset`, `download`).
        #[arg(long)]
        name: String,
        /// The task's other fields, e.g. `{"parameterNames": ["…"]}`.
        #[arg(long, value_name = "JSON")]
        data: Option<String>,
        #[command(flatten)]
        flags: TaskFlags,
    },
    /// getParameterValues of the named parameters.
    GetParameterValues {
        /// The device `_id`.
        device: String,
        /// Parameter paths.
        #[arg(required = true)]
        names: Vec<String>,
        #[command(flatten)]
        flags: TaskFlags,
    },
    /// setParameterValues of PATH=VALUE pairs (VALUE read as for the filters).
    SetParameterValues {
        /// The device `_id`.
        device: String,
        /// PATH=VALUE pairs.
        #[arg(required = true, value_name = "PATH=VALUE")]
        values: Vec<String>,
        /// The `xsd:` type of every value (default: the CPE's).
        #[arg(long = "type", value_name = "XSD")]
        value_type: Option<String>,
        #[command(flatten)]
        flags: TaskFlags,
    },
    /// refreshObject of a subtree.
    RefreshObject {
        /// The device `_id`.
        device: String,
        /// The object path.
        object: String,
        #[command(flatten)]
        flags: TaskFlags,
    },
    /// addObject under a multi-instance object, set to NAME=VALUE pairs.
    AddObject {
        /// The device `_id`.
        device: String,
        /// The object path.
        object: String,
        /// NAME=VALUE pairs for the new instance.
        #[arg(value_name = "NAME=VALUE")]
        values: Vec<String>,
        #[command(flatten)]
        flags: TaskFlags,
    },
    /// deleteObject of an instance.
    DeleteObject {
        /// The device `_id`.
        device: String,
        /// The instance path.
        object: String,
        #[command(flatten)]
        flags: TaskFlags,
    },
    /// reboot.
    Reboot {
        /// The device `_id`.
        device: String,
        #[command(flatten)]
        flags: TaskFlags,
    },
    /// factoryReset.
    FactoryReset {
        /// The device `_id`.
        device: String,
        #[command(flatten)]
        flags: TaskFlags,
    },
    /// download of a GenieACS file.
    Download {
        /// The device `_id`.
        device: String,
        /// The file type (`1 Firmware Upgrade Image`, `3 Vendor Configuration File` …).
        #[arg(long)]
        file_type: String,
        /// The file's name in GenieACS.
        #[arg(long)]
        file_name: String,
        /// The name the CPE stores it under.
        #[arg(long)]
        target_file_name: Option<String>,
        #[command(flatten)]
        flags: TaskFlags,
    },
    /// Clear a task's fault so it runs again.
    Retry {
        /// The task `_id`.
        id: String,
    },
    /// Delete a task and its fault.
    Delete {
        /// The task `_id`.
        id: String,
    },
}

/// `nbi genieacs faults …`
#[derive(Debug, Subcommand)]
pub(crate) enum FaultsVerb {
    /// Faults matching the filter flags.
    List(Box<ListArgs>),
    /// Delete a fault (a task's fault takes its task along).
    Delete {
        /// The fault `_id`.
        id: String,
    },
}

/// `nbi genieacs presets|objects …`
#[derive(Debug, Subcommand)]
pub(crate) enum DocumentVerb {
    /// Documents matching the filter flags.
    List(Box<ListArgs>),
    /// Create or replace NAME with a JSON document.
    Put {
        /// The name (`_id`).
        name: String,
        /// The document.
        #[arg(long, value_name = "JSON")]
        data: String,
    },
    /// Delete NAME.
    Delete {
        /// The name.
        name: String,
    },
}

/// `nbi genieacs provisions|virtual-parameters …`
#[derive(Debug, Subcommand)]
pub(crate) enum ScriptVerb {
    /// Scripts matching the filter flags.
    List(Box<ListArgs>),
    /// Create or replace NAME with a JavaScript script.
    Put {
        /// The name (`_id`).
        name: String,
        /// The script text.
        #[arg(long, conflicts_with = "file", required_unless_present = "file")]
        script: Option<String>,
        /// A file holding the script.
        #[arg(long, value_name = "PATH")]
        file: Option<PathBuf>,
    },
    /// Delete NAME.
    Delete {
        /// The name.
        name: String,
    },
}

/// `nbi genieacs files …`
#[derive(Debug, Subcommand)]
pub(crate) enum FilesVerb {
    /// Files matching the filter flags.
    List(Box<ListArgs>),
    /// Upload a file (replacing one of the same name).
    #[command(disable_version_flag = true)]
    Put {
        /// The name in GenieACS.
        name: String,
        /// The file to upload.
        #[arg(long, value_name = "PATH")]
        file: PathBuf,
        /// `fileType` (`1 Firmware Upgrade Image` …).
        #[arg(long)]
        file_type: String,
        /// `oui` of the devices it is for.
        #[arg(long)]
        oui: Option<String>,
        /// `productClass` of the devices it is for.
        #[arg(long)]
        product_class: Option<String>,
        /// `version`.
        #[arg(long)]
        version: Option<String>,
    },
    /// Delete a file.
    Delete {
        /// The name.
        name: String,
    },
}
