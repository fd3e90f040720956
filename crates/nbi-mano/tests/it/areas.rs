//! VNFs, TN, O2, monitoring and webhook subscriptions.

use futures::TryStreamExt;
use nbi_mano::models::{ImageSpec, PlacementRequirements, QoSRequirements};
use nbi_mano::{
    CloudType, DeploymentRequest, ManoErrorExt, ManoErrorKind, NfDeploymentStatus,
    PerformanceTestConfig, SubscriptionRequest, Timeframe, TnAgentRequest, TnSliceConfig,
    VnfRequest, VnfStatus, VnfType, WebhookEvent,
};

use crate::support::{client, sim};

pub(crate) fn upf(name: &str) -> VnfRequest {
    VnfRequest {
        name: name.to_owned(),
        vnf_type: Some(VnfType::Upf),
        version: "1.2.0".into(),
        qos: QoSRequirements {
            bandwidth: 500.0,
            latency: 5.0,
            ..Default::default()
        },
        placement: PlacementRequirements {
            cloud_type: Some(CloudType::Edge),
            ..Default::default()
        },
        image: ImageSpec {
            repository: "registry.local/upf".into(),
            tag: "1.2.0".into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[tokio::test]
async fn vnfs_are_created_read_updated_scaled_and_deleted() {
    let sim = sim(1).await;
    let mano = client(&sim, 0);
    let v = mano.vnfs();
    let created = v.create(&upf("upf-edge-1")).await.unwrap();
    assert_eq!(created.status, Some(VnfStatus::Creating));
    let mut request = upf("upf-edge-1");
    request.version = "1.3.0".into();
    assert_eq!(
        v.update(&created.id, &request)
            .await
            .unwrap()
            .version
            .as_deref(),
        Some("1.3.0")
    );
    let scaled = v.scale(&created.id, 3).await.unwrap();
    assert_eq!(scaled.status, nbi_mano::models::OperationState::Completed);
    assert_eq!(v.get(&created.id).await.unwrap().instances.len(), 3);
    let upfs: Vec<_> = v
        .list()
        .vnf_type(VnfType::Upf)
        .all()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(upfs.len(), 1);
    let err = v.scale(&created.id, 101).await.unwrap_err();
    assert_eq!(err.field_issues()[0].field, "replicas");
    let bad = v.create(&upf("Not_A_Label")).await.unwrap_err();
    assert_eq!(bad.field_issues()[0].code.as_deref(), Some("PATTERN_ERROR"));
    v.delete(&created.id).await.unwrap();
    assert_eq!(
        v.get(&created.id).await.unwrap_err().mano_kind(),
        ManoErrorKind::NotFound
    );
}

#[tokio::test]
async fn tn_agents_slices_performance_and_status() {
    let sim = sim(1).await;
    let mano = client(&sim, 0);
    let tn = mano.tn();
    assert_eq!(tn.agents().await.unwrap().len(), 2);
    let agent = tn
        .register_agent(&TnAgentRequest {
            name: "tn-agent-metro".into(),
            endpoint: "http://10.0.0.9:8080".into(),
            capabilities: vec!["vxlan".into()],
        })
        .await
        .unwrap();
    let slice = tn
        .configure_slice(
            &agent.id,
            &TnSliceConfig {
                slice_id: "slice-a".into(),
                bandwidth_mbps: 400.0,
                vlan_id: Some(120),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(slice.status.as_deref(), Some("active"));
    let metrics = tn
        .run_performance_test(
            &agent.id,
            &PerformanceTestConfig {
                test_id: "perf-1".into(),
                duration_seconds: 10,
                bandwidth_mbps: Some(100.0),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(metrics.test_id, "perf-1");
    let status = tn.status(&agent.id).await.unwrap();
    assert_eq!(status.active_slices, Some(1));
    assert_eq!(status.available_bandwidth_mbps, Some(9600.0));
    let vlan = tn
        .configure_slice(
            &agent.id,
            &TnSliceConfig {
                slice_id: "s".into(),
                bandwidth_mbps: 1.0,
                vlan_id: Some(5000),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(vlan.field_issues()[0].field, "vlan_id");
}

#[tokio::test]
async fn o2_managers_descriptors_and_deployments() {
    let sim = sim(1).await;
    let mano = client(&sim, 0);
    let o2 = mano.o2();
    let managers: Vec<_> = o2.deployment_managers().all().try_collect().await.unwrap();
    assert_eq!(managers.len(), 2);
    let dm = &managers[0].id;
    let descriptors = o2.nf_descriptors(dm).send().await.unwrap().items;
    assert_eq!(descriptors.len(), 3);
    let created = o2
        .create_deployment(
            dm,
            &DeploymentRequest {
                name: "cu-1".into(),
                nf_deployment_descriptor_id: descriptors[0].id.clone(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(created.status, Some(NfDeploymentStatus::Instantiating));
    assert_eq!(o2.deployment(dm, &created.id).await.unwrap().id, created.id);
    assert_eq!(o2.deployments(dm).send().await.unwrap().items.len(), 1);
    o2.delete_deployment(dm, &created.id).await.unwrap();
    let unknown = o2
        .create_deployment(
            dm,
            &DeploymentRequest {
                name: "x".into(),
                nf_deployment_descriptor_id: "nope".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(unknown.mano_kind(), ManoErrorKind::Validation);
    assert_eq!(unknown.field_issues()[0].code.as_deref(), Some("NOT_FOUND"));
}

#[tokio::test]
async fn monitoring_needs_no_token_for_health_and_metrics() {
    let sim = sim(1).await;
    // A wrong password: health and metrics still answer, slice metrics do not.
    let transport = crate::support::builder_with_password(&sim, 0, "wrong")
        .build()
        .unwrap();
    let open = nbi_core::Transport::builder("mano", "tenant-1")
        .base_url(sim.url(nbi_sim::Service::Mano))
        .allow_insecure_http(true)
        .build()
        .unwrap();
    let mano = nbi_mano::Client::builder()
        .transport(transport)
        .open_transport(open)
        .build()
        .unwrap();
    assert_eq!(mano.monitoring().health().await.unwrap().status, "healthy");
    assert!(
        mano.monitoring()
            .metrics()
            .await
            .unwrap()
            .contains("mano_intents")
    );
    let denied = mano
        .monitoring()
        .slice_metrics("slice-1", None)
        .await
        .unwrap_err();
    assert_eq!(denied.mano_kind(), ManoErrorKind::Auth);

    let mano = client(&sim, 0);
    let plan = mano
        .orchestrator()
        .plan(&nbi_mano::PlanRequest {
            intents: vec![nbi_mano::QoSIntentRequest::new(
                80.0,
                8.0,
                nbi_mano::SliceType::Embb,
            )],
            dry_run: Some(true),
        })
        .await
        .unwrap();
    let slice = &plan.allocations[0].slice_id;
    let m = mano
        .monitoring()
        .slice_metrics(slice, Some(Timeframe::Day))
        .await
        .unwrap();
    assert_eq!(m.timeframe, Some(Timeframe::Day));
}

#[tokio::test]
async fn webhook_subscriptions_are_created_listed_and_deleted() {
    let sim = sim(1).await;
    let mano = client(&sim, 0);
    let w = mano.webhooks();
    let sub = w
        .subscribe(&SubscriptionRequest::new(
            "http://127.0.0.1:9/hooks",
            vec![
                WebhookEvent::DeploymentCompleted,
                WebhookEvent::SliceDeployed,
            ],
            "hook-secret-1",
        ))
        .await
        .unwrap();
    let listed = w.list().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, sub.id);
    assert!(
        !serde_json::to_string(&listed)
            .unwrap()
            .contains("hook-secret-1")
    );
    w.unsubscribe(&sub.id).await.unwrap();
    assert!(w.list().await.unwrap().is_empty());
    let bad = w
        .subscribe(&SubscriptionRequest::new("not a url", vec![], "s"))
        .await
        .unwrap_err();
    let fields: Vec<_> = bad.field_issues().into_iter().map(|f| f.field).collect();
    assert_eq!(fields, ["url", "events"]);
}
