//! The NetBox models the simulator serves: their routes, required fields, foreign keys and
//! choice fields.

/// One choice of a choice field: (value, label).
pub(super) type Choice = (&'static str, &'static str);

/// A model served at `/api/<path>/`.
#[derive(Debug)]
pub(super) struct Model {
    /// `app/model`, as in the URL (`dcim/devices`).
    pub(super) path: &'static str,
    /// Django's object name, used in 404 messages (`Device`).
    pub(super) object_name: &'static str,
    /// The verbose name, used in messages (`device`).
    pub(super) verbose: &'static str,
    /// Fields a create (or a PUT) must carry.
    pub(super) required: &'static [&'static str],
    /// Fields that must be unique within the tenant's table.
    pub(super) unique: &'static [&'static str],
    /// Foreign keys: field and the model path it points at.
    pub(super) foreign_keys: &'static [(&'static str, &'static str)],
    /// Choice fields and their choices.
    pub(super) choices: &'static [(&'static str, &'static [Choice])],
    /// Defaults filled in on create.
    pub(super) defaults: &'static [(&'static str, &'static str)],
    /// The fields `display` is made of.
    pub(super) display: Display,
}

/// How an object's `display` is made.
#[derive(Debug, Clone, Copy)]
pub(super) enum Display {
    /// The value of one field.
    Field(&'static str),
    /// `<start>-<end>` of an IP range.
    Range,
    /// `<name> (<vid>)` of a VLAN.
    Vlan,
}

const SITE_STATUS: &[Choice] = &[
    ("planned", "Planned"),
    ("staging", "Staging"),
    ("active", "Active"),
    ("decommissioning", "Decommissioning"),
    ("retired", "Retired"),
];
const DEVICE_STATUS: &[Choice] = &[
    ("offline", "Offline"),
    ("active", "Active"),
    ("planned", "Planned"),
    ("staged", "Staged"),
    ("failed", "Failed"),
    ("inventory", "Inventory"),
    ("decommissioning", "Decommissioning"),
];
const PREFIX_STATUS: &[Choice] = &[
    ("container", "Container"),
    ("active", "Active"),
    ("reserved", "Reserved"),
    ("deprecated", "Deprecated"),
];
const IP_STATUS: &[Choice] = &[
    ("active", "Active"),
    ("reserved", "Reserved"),
    ("deprecated", "Deprecated"),
    ("dhcp", "DHCP"),
    ("slaac", "SLAAC"),
];
const RANGE_STATUS: &[Choice] = &[
    ("active", "Active"),
    ("reserved", "Reserved"),
    ("deprecated", "Deprecated"),
];
const INTERFACE_TYPE: &[Choice] = &[
    ("virtual", "Virtual"),
    ("1000base-t", "1000BASE-T (1GE)"),
    ("10gbase-x-sfpp", "SFP+ (10GE)"),
    ("25gbase-x-sfp28", "SFP28 (25GE)"),
    ("100gbase-x-qsfp28", "QSFP28 (100GE)"),
    ("gpon", "GPON (2.5 Gbps / 1.25 Gps)"),
    ("xgs-pon", "XGS-PON (10 Gbps)"),
    ("other", "Other"),
];

/// Every model served.
pub(super) const MODELS: &[Model] = &[
    Model {
        path: "tenancy/tenants",
        object_name: "Tenant",
        verbose: "tenant",
        required: &["name", "slug"],
        unique: &["name", "slug"],
        foreign_keys: &[],
        choices: &[],
        defaults: &[],
        display: Display::Field("name"),
    },
    Model {
        path: "dcim/sites",
        object_name: "Site",
        verbose: "site",
        required: &["name", "slug"],
        unique: &["name", "slug"],
        foreign_keys: &[("tenant", "tenancy/tenants")],
        choices: &[("status", SITE_STATUS)],
        defaults: &[("status", "active")],
        display: Display::Field("name"),
    },
    Model {
        path: "dcim/device-roles",
        object_name: "DeviceRole",
        verbose: "device role",
        required: &["name", "slug"],
        unique: &["name", "slug"],
        foreign_keys: &[("config_template", "extras/config-templates")],
        choices: &[],
        defaults: &[],
        display: Display::Field("name"),
    },
    Model {
        path: "dcim/device-types",
        object_name: "DeviceType",
        verbose: "device type",
        required: &["model", "slug"],
        unique: &["slug"],
        foreign_keys: &[],
        choices: &[],
        defaults: &[],
        display: Display::Field("model"),
    },
    Model {
        path: "extras/config-templates",
        object_name: "ConfigTemplate",
        verbose: "config template",
        required: &["name", "template_code"],
        unique: &["name"],
        foreign_keys: &[],
        choices: &[],
        defaults: &[],
        display: Display::Field("name"),
    },
    Model {
        path: "dcim/devices",
        object_name: "Device",
        verbose: "device",
        required: &["device_type", "role", "site"],
        unique: &["name"],
        foreign_keys: &[
            ("device_type", "dcim/device-types"),
            ("role", "dcim/device-roles"),
            ("site", "dcim/sites"),
            ("tenant", "tenancy/tenants"),
            ("config_template", "extras/config-templates"),
            ("primary_ip4", "ipam/ip-addresses"),
        ],
        choices: &[("status", DEVICE_STATUS)],
        defaults: &[("status", "active")],
        display: Display::Field("name"),
    },
    Model {
        path: "dcim/interfaces",
        object_name: "Interface",
        verbose: "interface",
        required: &["device", "name", "type"],
        unique: &[],
        foreign_keys: &[("device", "dcim/devices")],
        choices: &[("type", INTERFACE_TYPE)],
        defaults: &[],
        display: Display::Field("name"),
    },
    Model {
        path: "ipam/prefixes",
        object_name: "Prefix",
        verbose: "prefix",
        required: &["prefix"],
        unique: &[],
        foreign_keys: &[("tenant", "tenancy/tenants"), ("vlan", "ipam/vlans")],
        choices: &[("status", PREFIX_STATUS)],
        defaults: &[("status", "active")],
        display: Display::Field("prefix"),
    },
    Model {
        path: "ipam/ip-ranges",
        object_name: "IPRange",
        verbose: "IP range",
        required: &["start_address", "end_address"],
        unique: &[],
        foreign_keys: &[("tenant", "tenancy/tenants")],
        choices: &[("status", RANGE_STATUS)],
        defaults: &[("status", "active")],
        display: Display::Range,
    },
    Model {
        path: "ipam/ip-addresses",
        object_name: "IPAddress",
        verbose: "IP address",
        required: &["address"],
        unique: &[],
        foreign_keys: &[("tenant", "tenancy/tenants")],
        choices: &[("status", IP_STATUS)],
        defaults: &[("status", "active")],
        display: Display::Field("address"),
    },
    Model {
        path: "ipam/vlan-groups",
        object_name: "VLANGroup",
        verbose: "VLAN group",
        required: &["name", "slug"],
        unique: &["name", "slug"],
        foreign_keys: &[],
        choices: &[],
        defaults: &[],
        display: Display::Field("name"),
    },
    Model {
        path: "ipam/vlans",
        object_name: "VLAN",
        verbose: "VLAN",
        required: &["vid", "name"],
        unique: &[],
        foreign_keys: &[
            ("group", "ipam/vlan-groups"),
            ("tenant", "tenancy/tenants"),
            ("site", "dcim/sites"),
        ],
        choices: &[("status", RANGE_STATUS)],
        defaults: &[("status", "active")],
        display: Display::Vlan,
    },
];

/// The model served at `app/model`.
pub(super) fn model(app: &str, name: &str) -> Option<&'static Model> {
    MODELS.iter().find(|m| {
        m.path
            .split_once('/')
            .is_some_and(|(a, n)| a == app && n == name)
    })
}

/// The model at `path` (`dcim/devices`).
pub(super) fn by_path(path: &str) -> Option<&'static Model> {
    MODELS.iter().find(|m| m.path == path)
}

impl Model {
    /// The choices of `field`, when it is a choice field.
    pub(super) fn choices_of(&self, field: &str) -> Option<&'static [Choice]> {
        self.choices
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| *c)
    }

    /// The model `field` points at, when it is a foreign key.
    pub(super) fn target_of(&self, field: &str) -> Option<&'static str> {
        self.foreign_keys
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, t)| *t)
    }
}
