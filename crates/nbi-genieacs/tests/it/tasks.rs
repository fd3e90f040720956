//! Tasks: every task kind, the four outcomes, retry and delete; faults.

use std::time::Duration;

use futures::TryStreamExt;
use nbi_genieacs::{
    ErrorKind, GenieacsErrorExt, ParameterValue, Query, Task, TaskName, TaskOutcome,
};

use crate::support::{OFFLINE, ONLINE, TR181, client, sim};

const SSID: &str = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID";

#[tokio::test]
async fn online_devices_run_every_kind_of_task() {
    let sim = sim(4).await;
    let acs = client(&sim, 0);
    let run = |task: Task| {
        let acs = acs.clone();
        async move {
            acs.tasks()
                .create(ONLINE, task)
                .connection_request(true)
                .timeout(Duration::from_secs(3))
                .send()
                .await
                .unwrap()
        }
    };
    let before = acs.devices().get(ONLINE).await.unwrap().unwrap();
    let read = run(Task::get_parameter_values([
        "InternetGatewayDevice.DeviceInfo",
    ]))
    .await;
    let TaskOutcome::Executed { task } = read else {
        panic!("{read:?}")
    };
    assert_eq!(task.name, TaskName::GetParameterValues);
    assert!(task.id.is_some());
    let after = acs.devices().get(ONLINE).await.unwrap().unwrap();
    let stamp = |d: &nbi_genieacs::Device| {
        d.parameter("InternetGatewayDevice.DeviceInfo.SoftwareVersion")
            .unwrap()
            .timestamp
    };
    assert_ne!(
        stamp(&before),
        stamp(&after),
        "the read refreshed _timestamp"
    );

    let set = Task::set_parameter_values([
        ParameterValue::new(SSID, "lab-net").typed("xsd:string"),
        ParameterValue::new(
            "InternetGatewayDevice.ManagementServer.PeriodicInformInterval",
            900,
        ),
    ]);
    assert!(run(set).await.is_executed());
    let device = acs.devices().get(ONLINE).await.unwrap().unwrap();
    assert_eq!(device.value_str(SSID), Some("lab-net"));
    assert_eq!(
        device.value("InternetGatewayDevice.ManagementServer.PeriodicInformInterval"),
        Some(&serde_json::json!(900))
    );

    let wlan = "InternetGatewayDevice.LANDevice.1.WLANConfiguration";
    assert!(
        run(Task::add_object(
            wlan,
            [ParameterValue::new("SSID", "guest")]
        ))
        .await
        .is_executed()
    );
    let device = acs.devices().get(ONLINE).await.unwrap().unwrap();
    assert_eq!(device.value_str(&format!("{wlan}.2.SSID")), Some("guest"));
    assert!(
        run(Task::delete_object(format!("{wlan}.2")))
            .await
            .is_executed()
    );
    assert!(
        run(Task::refresh_object("InternetGatewayDevice.WANDevice"))
            .await
            .is_executed()
    );
    assert!(run(Task::reboot()).await.is_executed());
    let fw = Task::download("1 Firmware Upgrade Image", "BM632w-firmware-2.0.0.bin");
    assert!(run(fw).await.is_executed());
    let device = acs.devices().get(ONLINE).await.unwrap().unwrap();
    assert_eq!(
        device.value_str("InternetGatewayDevice.DeviceInfo.SoftwareVersion"),
        Some("2.0.0")
    );
    // TR-181 too.
    let tr181 = acs
        .tasks()
        .create(
            TR181,
            Task::set_parameter_values([ParameterValue::new("Device.WiFi.SSID.1.SSID", "x")]),
        )
        .connection_request(true)
        .send()
        .await
        .unwrap();
    assert!(tr181.is_executed());
    assert_eq!(
        acs.tasks().list().count().await.unwrap(),
        1,
        "only the seeded task is left"
    );
}

#[tokio::test]
async fn refused_tasks_fault_and_can_be_retried_or_deleted() {
    let sim = sim(4).await;
    let acs = client(&sim, 0);
    let outcome = acs
        .tasks()
        .create(
            ONLINE,
            Task::set_parameter_values([ParameterValue::new(
                "InternetGatewayDevice.DeviceInfo.SerialNumber",
                "forged",
            )]),
        )
        .connection_request(true)
        .send()
        .await
        .unwrap();
    let TaskOutcome::Faulted { task, fault } = outcome else {
        panic!("{outcome:?}")
    };
    let fault = fault.unwrap();
    assert_eq!(fault.code.as_deref(), Some("cwmp.9008"));
    let task_id = task.id.clone().unwrap();
    assert_eq!(fault.id.as_str(), format!("{ONLINE}:task_{task_id}"));

    acs.tasks().retry(task_id.clone()).await.unwrap();
    let left = acs
        .faults()
        .list()
        .query(Query::eq("_id", fault.id.as_str()))
        .count()
        .await
        .unwrap();
    assert_eq!(left, 0, "retry clears the fault");
    let queued: Vec<_> = acs
        .tasks()
        .list()
        .query(Query::eq("device", ONLINE))
        .send()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(queued.len(), 1);
    acs.tasks().delete(task_id.clone()).await.unwrap();
    let err = acs.tasks().delete(task_id).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(err.server_message(), Some("Task not found"));

    // The seeded faults: delete the task's fault and its task goes too.
    let faults: Vec<_> = acs.faults().list().send().try_collect().await.unwrap();
    assert_eq!(faults.len(), 2);
    let task_fault = faults
        .iter()
        .find(|f| f.channel.as_deref().is_some_and(|c| c.starts_with("task_")))
        .unwrap();
    acs.faults().delete(task_fault.id.clone()).await.unwrap();
    assert_eq!(acs.faults().list().count().await.unwrap(), 1);
    assert_eq!(acs.tasks().list().count().await.unwrap(), 0);
}

#[tokio::test]
async fn offline_devices_queue_and_miss_connection_requests() {
    let sim = sim(4).await;
    let acs = client(&sim, 0);
    let queued = acs
        .tasks()
        .create(OFFLINE, Task::reboot())
        .send()
        .await
        .unwrap();
    let TaskOutcome::Queued { task } = queued else {
        panic!("{queued:?}")
    };
    assert_eq!(task.device.unwrap().as_str(), OFFLINE);

    let missed = acs
        .tasks()
        .create(OFFLINE, Task::factory_reset())
        .connection_request(true)
        .send()
        .await
        .unwrap();
    let TaskOutcome::ConnectionRequestFailed { reason } = missed else {
        panic!("{missed:?}")
    };
    assert!(reason.starts_with("Connection request error"), "{reason}");
    assert_eq!(
        acs.transport().breaker_state(),
        nbi_core::BreakerState::Closed
    );

    let err = acs
        .tasks()
        .create("no-such-cpe", Task::reboot())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Status);
    assert_eq!(err.server_message(), Some("No such device"));
    assert_eq!(err.to_string(), "genieacs[tenant-1] create_task: HTTP 404");
}
