//! One scenario table through both modes: the same listings and reads, async and blocking.

use futures::TryStreamExt;
use nbi_core::Blocking;
use serde_json::Value;

use crate::support::lab;

/// NetBox filters, `key=value` pairs.
type Filters = &'static [(&'static str, &'static str)];

/// (model, filters, how many objects match).
const SCENARIOS: &[(&str, Filters, usize)] = &[
    ("dcim/devices", &[("role", "router")], 6),
    ("dcim/devices", &[("role", "olt"), ("role", "switch")], 4),
    ("dcim/interfaces", &[("device_id", "1")], 2),
    ("ipam/prefixes", &[], 3),
    ("tenancy/tenants", &[("q", "tenant")], 1),
];

#[test]
fn the_scenarios_agree_in_both_modes() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let lab = runtime.block_on(lab(10, ""));
    let client = lab.client("tenant-1");
    let blocking = client.clone().into_blocking(Blocking::new().unwrap());
    for (path, filters, expected) in SCENARIOS {
        let endpoint = client.endpoint(path);
        let from_async: Vec<Value> = runtime
            .block_on(
                endpoint
                    .list()
                    .filters(filters.iter().copied())
                    .limit(3)
                    .all()
                    .try_collect(),
            )
            .unwrap();
        let endpoint = blocking.endpoint(path);
        let from_blocking: Vec<Value> = endpoint
            .list()
            .filters(filters.iter().copied())
            .limit(3)
            .all()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(from_async.len(), *expected, "{path} {filters:?}");
        assert_eq!(from_async, from_blocking, "{path} {filters:?}");
        let id = from_async[0]["id"].as_u64().unwrap();
        let one_async = runtime.block_on(client.endpoint(path).get(id)).unwrap();
        let one_blocking = blocking.endpoint(path).get(id).unwrap();
        assert_eq!(one_async, one_blocking);
    }
    assert_eq!(blocking.status().get().unwrap().netbox_version, "4.5.0");
    assert!(
        blocking
            .dcim()
            .render_config(1u64)
            .unwrap()
            .content
            .contains("r0001")
    );
}
