use super::*;

const OP: Operation = Operation::new("get_thing", OperationClass::GET);

#[test]
fn path_params_are_encoded_as_one_segment() {
    let spec = RequestSpec::get(OP, "/things/{id}").path_param("id", "a/b c");
    assert_eq!(spec.path(), "/things/a%2Fb%20c");
    spec.validate().unwrap();
}

#[test]
fn dot_segments_and_unknown_placeholders_are_refused() {
    let e = RequestSpec::get(OP, "/things/{id}")
        .path_param("id", "..")
        .validate()
        .unwrap_err();
    assert_eq!(e.kind(), crate::ErrorKind::Build);
    assert!(
        RequestSpec::get(OP, "/things/{id}")
            .path_param("nope", "1")
            .validate()
            .is_err()
    );
    assert!(RequestSpec::get(OP, "/things/{id}").validate().is_err());
}

#[test]
fn idempotency_follows_the_method_unless_keyed() {
    assert!(RequestSpec::get(OP, "/").idempotency().allows_replay());
    assert!(!RequestSpec::post(OP, "/").idempotency().allows_replay());
    assert!(
        RequestSpec::post(OP, "/")
            .idempotency_key("k")
            .idempotency()
            .allows_replay()
    );
    assert_eq!(
        format!("{:?}", Idempotency::Key("secret-key".into())),
        "Key(..)"
    );
}

#[test]
fn debug_shows_names_not_values() {
    let spec = RequestSpec::get(OP, "/things/{id}")
        .path_param("id", "private-id")
        .query("api_key", "hunter2")
        .header(
            HeaderName::from_static("x-token"),
            HeaderValue::from_static("sekrit"),
        );
    let shown = format!("{spec:?}");
    for hidden in ["private-id", "hunter2", "sekrit"] {
        assert!(!shown.contains(hidden), "{shown}");
    }
    assert!(shown.contains("api_key") && shown.contains("x-token"));
}

#[test]
fn query_struct_flattens_fields() {
    #[derive(Serialize)]
    struct Q {
        limit: u32,
        site: Option<String>,
        name: &'static str,
    }
    let spec = RequestSpec::get(OP, "/").query_struct(&Q {
        limit: 5,
        site: None,
        name: "r1",
    });
    assert_eq!(
        spec.query_pairs(),
        &[
            ("limit".to_string(), "5".to_string()),
            ("name".to_string(), "r1".to_string())
        ]
    );
}
