//! Presets, objects, provisions, virtual parameters, files and ping.

use futures::TryStreamExt;
use nbi_genieacs::{
    ErrorKind, FileMetadata, GenieacsErrorExt, ObjectDefinition, Preset, Provision, Query,
};

use crate::support::{client, sim};

#[tokio::test]
async fn presets_and_objects_are_put_listed_and_deleted() {
    let sim = sim(2).await;
    let acs = client(&sim, 0);
    let seeded: Vec<Preset> = acs.presets().list().send().try_collect().await.unwrap();
    assert_eq!(seeded.len(), 3);
    let mut wifi = Preset::default();
    wifi.weight = Some(10);
    wifi.provision = Some("wifi".into());
    wifi.precondition = Some(Query::eq("_tags", "lab").to_string());
    acs.presets().put("wifi", &wifi).await.unwrap();
    let stored: Vec<Preset> = acs
        .presets()
        .list()
        .query(Query::eq("_id", "wifi"))
        .send()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(stored[0].id.as_deref(), Some("wifi"));
    assert_eq!(stored[0].weight, Some(10));
    acs.presets().delete("wifi").await.unwrap();
    assert_eq!(acs.presets().list().count().await.unwrap(), 3);

    let object: ObjectDefinition = serde_json::from_value(serde_json::json!({
        "_id": "ignored", "Enable": true, "SSID": "guest"
    }))
    .unwrap();
    acs.objects().put("guest-wifi", &object).await.unwrap();
    let objects: Vec<ObjectDefinition> = acs.objects().list().send().try_collect().await.unwrap();
    assert_eq!(objects[0].id, "guest-wifi", "GenieACS names it by the path");
    assert_eq!(objects[0].fields["SSID"], "guest");
    acs.objects().delete("guest-wifi").await.unwrap();
    assert_eq!(acs.objects().list().count().await.unwrap(), 0);
}

#[tokio::test]
async fn scripts_are_checked_and_stored() {
    let sim = sim(2).await;
    let acs = client(&sim, 0);
    acs.provisions()
        .put(
            "wifi",
            "declare(\"Device.WiFi.SSID.1.SSID\", {value: 1}, {value: \"lab\"});",
        )
        .await
        .unwrap();
    let scripts: Vec<Provision> = acs
        .provisions()
        .list()
        .query(Query::eq("_id", "wifi"))
        .send()
        .try_collect()
        .await
        .unwrap();
    assert!(scripts[0].script.contains("Device.WiFi"));
    let err = acs
        .provisions()
        .put("broken", "if (x) {")
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert!(
        err.server_message().unwrap().starts_with("SyntaxError"),
        "{err:?}"
    );
    acs.provisions().delete("wifi").await.unwrap();

    acs.virtual_parameters()
        .put(
            "uptime_h",
            "return {writable: false, value: [1, \"xsd:int\"]};",
        )
        .await
        .unwrap();
    assert_eq!(acs.virtual_parameters().list().count().await.unwrap(), 2);
    acs.virtual_parameters().delete("uptime_h").await.unwrap();
    assert_eq!(acs.virtual_parameters().list().count().await.unwrap(), 1);
}

#[tokio::test]
async fn files_upload_with_metadata_headers() {
    let sim = sim(2).await;
    let acs = client(&sim, 0);
    let meta = FileMetadata::new("1 Firmware Upgrade Image")
        .oui("202BC1")
        .product_class("BM632w")
        .version("3.0.0");
    acs.files()
        .put("fw 3.0.bin", &meta, vec![0u8; 1000])
        .await
        .unwrap();
    let files: Vec<_> = acs
        .files()
        .list()
        .query(Query::eq("_id", "fw 3.0.bin"))
        .send()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(files[0].length, Some(1000));
    let stored = files[0].metadata.clone().unwrap();
    assert_eq!(stored.version.as_deref(), Some("3.0.0"));
    assert_eq!(stored.product_class.as_deref(), Some("BM632w"));
    acs.files().delete("fw 3.0.bin").await.unwrap();
    let err = acs.files().delete("fw 3.0.bin").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    let bad = FileMetadata::new("1 Firmware\nUpgrade");
    let err = acs.files().put("x", &bad, vec![]).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
}

#[tokio::test]
async fn ping_answers_text() {
    let sim = sim(1).await;
    let acs = client(&sim, 0);
    let out = acs.ping("10.0.0.7").await.unwrap();
    assert!(out.starts_with("PING 10.0.0.7"), "{out}");
    let err = acs.ping("cpe.invalid").await.unwrap_err();
    assert!(
        err.server_message()
            .unwrap()
            .contains("Name or service not known")
    );
}
