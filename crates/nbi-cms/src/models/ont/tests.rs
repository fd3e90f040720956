use super::*;

#[test]
fn ids_serials_and_states_follow_the_rules() {
    assert!(OntId::new(0).unwrap().is_auto());
    assert!(OntId::new(MAX_ONT_ID).is_ok());
    assert_eq!(
        OntId::new(MAX_ONT_ID + 1).unwrap_err().message(),
        "ont id: 64000001 is over the maximum 64000000"
    );
    assert_eq!(Serial::new("abcdef").unwrap().as_str(), "ABCDEF");
    assert!(Serial::new("0").unwrap().is_none());
    for bad in ["", "12345", "1234567", "GHIJKL", "00"] {
        assert!(Serial::new(bad).is_err(), "{bad}");
    }
    assert_eq!(
        "enabled-no-alarms".parse::<AdminState>().unwrap(),
        AdminState::EnabledNoAlarms
    );
    assert!("on".parse::<AdminState>().is_err());
}

#[test]
fn new_onts_deserialize_with_defaults_and_refuse_unknown_fields() {
    let ont: NewOnt = serde_json::from_str(r#"{"ont_profile":5,"serial":"1a2b3c"}"#).unwrap();
    assert!(ont.id.is_auto());
    assert_eq!(ont.pwe3_profile, 1);
    assert_eq!(ont.serial.as_str(), "1A2B3C");
    ont.validate().unwrap();
    let e = serde_json::from_str::<NewOnt>(r#"{"ont_profile":5,"colour":"red"}"#).unwrap_err();
    assert!(e.to_string().contains("colour"));
    let e = serde_json::from_str::<NewOnt>(r#"{"ont_profile":5,"serial":"xyz"}"#).unwrap_err();
    assert!(e.to_string().contains("serial"));
}

#[test]
fn control_characters_are_refused() {
    let e = NewOnt::new(1)
        .description("a\u{7}b")
        .validate()
        .unwrap_err();
    assert_eq!(
        e.message(),
        "description: control characters are not allowed"
    );
}

#[test]
fn replies_serialize_with_extras() {
    let mut extra = BTreeMap::new();
    extra.insert("future".to_owned(), "1".to_owned());
    let ont = Ont {
        id: OntId::new(3).unwrap(),
        admin: AdminState::Other("testing".into()),
        serial: Serial::none(),
        reg_id: String::new(),
        subscriber_id: String::new(),
        description: String::new(),
        pwe3_profile: ProfileRef::default(),
        ont_profile: ProfileRef { id: 5, name: None },
        battery_present: false,
        thresholds: Thresholds::default(),
        extra,
    };
    let json = serde_json::to_value(&ont).unwrap();
    assert_eq!(json["admin"], "testing");
    assert_eq!(json["extra"]["future"], "1");
}
