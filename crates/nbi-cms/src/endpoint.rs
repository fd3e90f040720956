//! Every operation this client makes: its name (a metric label) and timeout class, and the
//! REST NBI paths. NETCONF operations all go to the node type's path (see
//! [`NodeType::netconf_path`](crate::NodeType::netconf_path)).

use nbi_core::{Operation, OperationClass};

/// What NETCONF requests are sent as.
pub(crate) const XML_CONTENT_TYPE: &str = "text/xml;charset=ISO-8859-1";

/// Create an ONT.
pub(crate) const CREATE_ONT: Operation = Operation::new("create_ont", OperationClass::CREATE);
/// Read one ONT's configuration.
pub(crate) const GET_ONT: Operation = Operation::new("get_ont", OperationClass::GET);
/// One page of a node's ONTs.
pub(crate) const LIST_ONTS: Operation = Operation::new("list_onts", OperationClass::LIST);
/// Merge fields into an ONT.
pub(crate) const UPDATE_ONT: Operation = Operation::new("update_ont", OperationClass::UPDATE);
/// Delete an ONT.
pub(crate) const DELETE_ONT: Operation = Operation::new("delete_ont", OperationClass::DELETE);
/// Replace an ONT's serial number.
pub(crate) const SWAP_ONT_SERIAL: Operation =
    Operation::new("swap_ont_serial", OperationClass::UPDATE);
/// The `show-ont` action.
pub(crate) const SHOW_ONT: Operation = Operation::new("show_ont", OperationClass::GET);
/// Create a VLAN.
pub(crate) const CREATE_VLAN: Operation = Operation::new("create_vlan", OperationClass::CREATE);
/// Delete a VLAN.
pub(crate) const DELETE_VLAN: Operation = Operation::new("delete_vlan", OperationClass::DELETE);
/// Create an Ethernet service.
pub(crate) const CREATE_ETH_SVC: Operation =
    Operation::new("create_eth_svc", OperationClass::PROVISION);
/// Delete an Ethernet service.
pub(crate) const DELETE_ETH_SVC: Operation =
    Operation::new("delete_eth_svc", OperationClass::DELETE);

/// `GET /restnbi/devices?deviceType=&limit=`.
pub(crate) const LIST_DEVICES: Operation = Operation::new("list_devices", OperationClass::LIST);
/// `GET /restnbi/region`.
pub(crate) const LIST_REGIONS: Operation = Operation::new("list_regions", OperationClass::LIST);
/// `GET /restnbi/toplinks`.
pub(crate) const LIST_TOPLINKS: Operation = Operation::new("list_toplinks", OperationClass::LIST);
/// `GET /restnbi/profiles?profileType=`.
pub(crate) const LIST_PROFILES: Operation = Operation::new("list_profiles", OperationClass::LIST);

pub(crate) const DEVICES_PATH: &str = "/restnbi/devices";
pub(crate) const REGIONS_PATH: &str = "/restnbi/region";
pub(crate) const TOPLINKS_PATH: &str = "/restnbi/toplinks";
pub(crate) const PROFILES_PATH: &str = "/restnbi/profiles";
