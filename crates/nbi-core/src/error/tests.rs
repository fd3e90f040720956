use super::*;
use http::Method;

fn ctx(attempts: u32) -> RequestContext {
    let mut c = RequestContext::new(
        "netbox",
        "acme",
        "list_devices",
        Method::GET,
        "/api/dcim/devices/",
    );
    c.attempts = attempts;
    c
}

#[test]
fn display_names_service_tenant_operation_and_attempts() {
    let e = Error::from_status(StatusCode::SERVICE_UNAVAILABLE, None).with_context(ctx(3));
    assert_eq!(
        e.to_string(),
        "netbox[acme] list_devices: HTTP 503 after 3 attempts"
    );
    assert_eq!(e.kind(), ErrorKind::Status);
    assert!(e.is_transient());
}

#[test]
fn single_attempt_omits_the_count() {
    let e = Error::from_status(
        StatusCode::NOT_FOUND,
        Some(ProblemDetails::titled("Not Found")),
    )
    .with_context(ctx(1));
    assert_eq!(e.to_string(), "netbox[acme] list_devices: HTTP 404");
    assert!(!e.is_transient());
}

#[test]
fn status_maps_to_kinds() {
    assert_eq!(
        Error::from_status(StatusCode::UNAUTHORIZED, None).kind(),
        ErrorKind::Auth
    );
    assert_eq!(
        Error::from_status(StatusCode::TOO_MANY_REQUESTS, None).kind(),
        ErrorKind::RateLimited
    );
    let fields =
        ProblemDetails::from_json(br#"{"errors":[{"field":"bandwidth","message":"too big"}]}"#);
    assert_eq!(
        Error::from_status(StatusCode::UNPROCESSABLE_ENTITY, fields).kind(),
        ErrorKind::Validation
    );
}

#[test]
fn problem_reads_rfc7807_with_string_status_and_vendor_code() {
    let p = ProblemDetails::from_json(
        br#"{"type":"about:blank","title":"Bad","status":"400","detail":"d","o:errorCode":"E1"}"#,
    )
    .unwrap();
    assert_eq!(p.status.as_ref().and_then(ProblemStatus::as_u16), Some(400));
    assert_eq!(p.vendor_code.as_deref(), Some("E1"));
    assert_eq!(p.detail.as_deref(), Some("d"));
}

#[test]
fn problem_reads_fastapi_and_netbox_field_errors() {
    let p =
        ProblemDetails::from_json(br#"{"detail":[{"loc":["body","latency"],"msg":"too high"}]}"#)
            .unwrap();
    assert_eq!(
        p.field_errors,
        vec![FieldError {
            field: "body.latency".into(),
            message: "too high".into()
        }]
    );
    let p = ProblemDetails::from_json(br#"{"name":["This field is required."]}"#).unwrap();
    assert_eq!(p.field_errors[0].field, "name");
    assert!(ProblemDetails::from_json(b"<html>").is_none());
}

#[test]
fn debug_of_raw_response_hides_header_values() {
    let mut headers = HeaderMap::new();
    headers.insert("set-cookie", "session=very-secret".parse().unwrap());
    let raw = RawResponse {
        status: StatusCode::OK,
        headers,
        body: Bytes::new(),
    };
    let shown = format!("{raw:?}");
    assert!(shown.contains("set-cookie"));
    assert!(!shown.contains("very-secret"));
}
