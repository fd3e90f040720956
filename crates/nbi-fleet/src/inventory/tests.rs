use super::*;
use serde_json::json;

fn names(inventory: &Inventory) -> Vec<String> {
    inventory.devices.iter().map(ToString::to_string).collect()
}

#[test]
fn csv_with_header_in_any_column_order() {
    let text =
        "\u{feff}id,tenant,source,site\r\nr1,acme,core-nms,paris\n\n\"r2\",acme,core-nms,x\n";
    let inventory = Inventory::from_csv(text, "devices.csv").unwrap();
    assert_eq!(names(&inventory), ["acme/core-nms/r1", "acme/core-nms/r2"]);
}

#[test]
fn csv_errors_name_file_and_line() {
    let text = "tenant,source,id\nacme,nms,r1\nacme,nms,..\n";
    let e = Inventory::from_csv(text, "devices.csv").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Inventory);
    assert!(e.message().starts_with("devices.csv:3: "), "{e}");
    assert!(e.message().contains("\"..\""), "{e}");

    let e = Inventory::from_csv("tenant,source,id\nacme,nms\n", "d.csv").unwrap_err();
    assert!(
        e.message().starts_with("d.csv:2: expected 3 columns"),
        "{e}"
    );

    let e = Inventory::from_csv("tenant,id\nacme,r1\n", "d.csv").unwrap_err();
    assert!(
        e.message()
            .contains("d.csv:1: the header has no \"source\""),
        "{e}"
    );

    let e = Inventory::from_csv("tenant,source,id\nACME,nms,r1\n", "d.csv").unwrap_err();
    assert!(e.message().contains("d.csv:2: tenant name \"ACME\""), "{e}");

    let e = Inventory::from_csv("tenant,source,id\nacme,nms,\"r1\n", "d.csv").unwrap_err();
    assert!(e.message().contains("d.csv:2: unterminated"), "{e}");
}

#[test]
fn empty_csv_is_an_empty_inventory() {
    assert!(Inventory::from_csv("", "d.csv").unwrap().devices.is_empty());
    assert!(
        Inventory::from_csv("tenant,source,id\n", "d.csv")
            .unwrap()
            .devices
            .is_empty()
    );
}

#[test]
fn toml_entries_then_csv_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("devices.csv"),
        "tenant,source,id\nacme,nms,r2\nacme,nms,r1\nbeta,nms,r1\nacme,nms,r2\n",
    )
    .unwrap();
    let table = json!({
        "devices": [
            {"tenant": "acme", "source": "nms", "id": "r1"},
            {"tenant": "acme", "source": "nms", "id": "r1"},
        ],
        "inventory": "devices.csv",
        "store": "nbi.db",
    });
    let inventory = Inventory::from_fleet_table(&table, dir.path()).unwrap();
    assert_eq!(
        names(&inventory),
        ["acme/nms/r1", "acme/nms/r2", "beta/nms/r1"]
    );
}

#[test]
fn toml_entry_errors_name_the_index() {
    let table = json!({"devices": [
        {"tenant": "acme", "source": "nms", "id": "r1"},
        {"tenant": "acme", "source": "nms", "id": "r1"},
        {"tenant": "acme", "source": "nms", "id": "r1"},
        {"tenant": "acme", "source": "nms", "id": ".."},
    ]});
    let e = Inventory::from_fleet_table(&table, Path::new(".")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Inventory);
    assert!(
        e.message()
            .starts_with("fleet.devices[3]: device id \"..\""),
        "{e}"
    );

    let cases = [
        (
            json!({"devices": [{"tenant": "a", "source": "b"}]}),
            "fleet.devices[0]: missing id",
        ),
        (
            json!({"devices": [{"tenant": "a", "source": "b", "id": 1}]}),
            "id must be a string",
        ),
        (
            json!({"devices": [{"tenant": "a", "source": "b", "id": "c", "x": 1}]}),
            "unknown field \"x\"",
        ),
        (
            json!({"devices": ["a/b/c"]}),
            "fleet.devices[0]: expected a table",
        ),
        (json!({"devices": {}}), "fleet.devices: expected an array"),
        (
            json!({"inventory": 3}),
            "fleet.inventory: expected a file name",
        ),
    ];
    for (table, expected) in cases {
        let e = Inventory::from_fleet_table(&table, Path::new(".")).unwrap_err();
        assert!(e.message().contains(expected), "{e}");
    }
}

#[test]
fn missing_csv_file_is_an_io_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let table = json!({"inventory": "nope.csv"});
    let e = Inventory::from_fleet_table(&table, dir.path()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
    assert!(e.message().contains("nope.csv"), "{e}");
}

#[test]
fn csv_file_that_is_not_utf8_is_an_inventory_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("devices.csv"),
        b"tenant,source,id\nacme,nms,r1\nacme,nms,r\xff2\n",
    )
    .unwrap();
    let table = json!({"inventory": "devices.csv"});
    let e = Inventory::from_fleet_table(&table, dir.path()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Inventory);
    assert!(e.message().contains("devices.csv:3: not UTF-8"), "{e}");
}

#[test]
fn netbox_table_and_absent_fleet_are_empty() {
    let table = json!({"inventory": {"netbox": {"tenant": "acme"}}});
    assert!(
        Inventory::from_fleet_table(&table, Path::new("."))
            .unwrap()
            .devices
            .is_empty()
    );
    assert!(
        Inventory::from_fleet_table(&Value::Null, Path::new("."))
            .unwrap()
            .devices
            .is_empty()
    );
}

#[test]
fn filter_by_tenant_and_device() {
    let text = "tenant,source,id\nacme,nms,r1\nacme,cms,r2\nbeta,nms,r1\n";
    let inventory = Inventory::from_csv(text, "d.csv").unwrap();
    assert_eq!(
        names(&inventory.filter(Some("acme"), None)),
        ["acme/nms/r1", "acme/cms/r2"]
    );
    let beta: DeviceRef = "beta/nms/r1".parse().unwrap();
    assert_eq!(names(&inventory.filter(None, Some(&beta))), ["beta/nms/r1"]);
    assert!(
        inventory
            .filter(Some("acme"), Some(&beta))
            .devices
            .is_empty()
    );
    assert_eq!(inventory.filter(None, None), inventory);
    assert!(inventory.contains(&beta));
}
