//! Tokens never show in Debug output or error messages.

use serde_json::json;

use crate::support::lab;

#[tokio::test]
async fn tokens_stay_out_of_debug_and_errors() {
    let lab = lab(1, "retry = { max_attempts = 1 }").await;
    for (tenant, token) in ["tenant-1", "tenant-2"].iter().zip(&lab.tokens) {
        let netbox = lab.client(tenant);
        let shown = format!(
            "{netbox:?} {:?} {:?}",
            netbox.dcim().devices(),
            netbox.ipam().available_ips(1u64)
        );
        assert!(!shown.contains(token.as_str()), "{shown}");
        let err = netbox
            .dcim()
            .sites()
            .create(&json!({"name": token}))
            .await
            .unwrap_err();
        let err_text = format!("{err} {err:?}");
        assert!(!err_text.contains(token.as_str()), "{err_text}");
        let missing = netbox
            .dcim()
            .devices()
            .list()
            .filter("name", token)
            .send()
            .await
            .unwrap();
        assert_eq!(missing.total, Some(0));
    }
}
