//! The SaaS partner integrations of the seed page, with their event source name shapes and samples.

use aws_model::{is_partner_event_source_name, partner_name};

use crate::samples::{sample, Sample, DOCUMENTED, ILLUSTRATIVE};

aws_model::string_enum! {
    /// What kind of product a partner is, for grouping and filtering in the UI. The names are
    /// the labels in lower case with dashes (URL- and `<option>`-safe).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Category {
        Identity = "identity-and-access",
        MonitoringAndIncidentResponse = "monitoring-and-incident-response",
        Security = "security",
        DeveloperTools = "developer-tools",
        WorkflowAutomation = "workflow-and-integration",
        CloudManagement = "cloud-management",
        Databases = "databases",
        DataAndAnalytics = "data-and-analytics",
        Commerce = "commerce",
        CustomerSupport = "customer-support",
        CustomerEngagement = "customer-engagement",
        SalesAndCrm = "sales-and-crm",
        Communications = "communications",
        MediaProcessing = "media-processing",
        Blockchain = "blockchain",
        Gaming = "game-services",
    }
}

impl Category {
    pub fn label(self) -> &'static str {
        match self {
            Category::Identity => "Identity and access",
            Category::MonitoringAndIncidentResponse => "Monitoring and incident response",
            Category::Security => "Security",
            Category::DeveloperTools => "Developer tools",
            Category::WorkflowAutomation => "Workflow and integration",
            Category::CloudManagement => "Cloud management",
            Category::Databases => "Databases",
            Category::DataAndAnalytics => "Data and analytics",
            Category::Commerce => "Commerce",
            Category::CustomerSupport => "Customer support",
            Category::CustomerEngagement => "Customer engagement",
            Category::SalesAndCrm => "Sales and CRM",
            Category::Communications => "Communications",
            Category::MediaProcessing => "Media processing",
            Category::Blockchain => "Blockchain",
            Category::Gaming => "Game services",
        }
    }
}

/// One SaaS partner integration from the seed page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Partner {
    id: &'static str,
    display_name: &'static str,
    console_url: &'static str,
    category: Category,
    summary: &'static str,
    source_partner_name: &'static str,
    source_name_shape: &'static str,
    samples: &'static [Sample],
}

impl Partner {
    /// The partner's id in the EventBridge console link, usually its domain (e.g. `datadoghq.com`).
    pub fn id(&self) -> &'static str {
        self.id
    }

    pub fn display_name(&self) -> &'static str {
        self.display_name
    }

    /// The console page where a customer starts setting the partner up.
    pub fn console_url(&self) -> &'static str {
        self.console_url
    }

    pub fn category(&self) -> Category {
        self.category
    }

    /// One line saying what the partner does and what it sends.
    pub fn summary(&self) -> &'static str {
        self.summary
    }

    /// The segment after `aws.partner/` in this partner's event source names. Usually the same
    /// as [`Partner::id`], but not always: Datadog's console id is `datadoghq.com` while its
    /// sources are named `aws.partner/datadog.com/…`.
    pub fn source_partner_name(&self) -> &'static str {
        self.source_partner_name
    }

    /// The documented (or, for illustrative partners, assumed) shape of this partner's event
    /// source names, with the parts the partner fills in written as `<placeholder>`.
    pub fn source_name_shape(&self) -> &'static str {
        self.source_name_shape
    }

    /// A name of the documented shape for `account`, with every placeholder filled in from a
    /// hash of the account, so each account gets its own name (partners must make the final
    /// segment unique across all AWS customers). Any string is accepted as `account`.
    pub fn example_source_name(&self, account: &str) -> String {
        fill_placeholders(self.source_name_shape, account)
    }

    /// True when `name` is a valid partner event source name under this partner's segment.
    pub fn owns_source_name(&self, name: &str) -> bool {
        partner_name(name) == Some(self.source_partner_name) && is_partner_event_source_name(name)
    }

    /// The sample events, at least one; documented partners have two or more.
    pub fn samples(&self) -> &'static [Sample] {
        self.samples
    }

    /// The sample with this file stem.
    pub fn sample(&self, name: &str) -> Option<&'static Sample> {
        self.samples.iter().find(|sample| sample.name() == name)
    }
}

/// All 34 partner integrations of the seed, in the seed's order.
pub fn partners() -> &'static [Partner] {
    &PARTNERS
}

/// The partner with this console id (e.g. `zendesk.com`).
pub fn partner(id: &str) -> Option<&'static Partner> {
    PARTNERS.iter().find(|partner| partner.id == id)
}

/// The partner whose sources are named like `name` (by the segment after `aws.partner/`).
pub fn partner_for_source_name(name: &str) -> Option<&'static Partner> {
    let segment = partner_name(name)?;
    PARTNERS
        .iter()
        .find(|partner| partner.source_partner_name == segment)
}

/// Every sample of every partner, partner by partner in seed order.
pub fn samples() -> impl Iterator<Item = &'static Sample> {
    PARTNERS.iter().flat_map(|partner| partner.samples.iter())
}

/// Salesforce reaches EventBridge through Event Relay rather than through an entry of the
/// seed's partner list (the seed points to a separate Salesforce guide), so it is not one of
/// the 34 partners; its samples are kept here so the playground can still offer them. Their
/// source names are `aws.partner/salesforce.com/<org-id>/<channel-id>`.
pub fn salesforce_event_relay_samples() -> &'static [Sample] {
    &SALESFORCE_EVENT_RELAY_SAMPLES
}

/// Replaces each `<placeholder>` of a shape with a value derived from the account and the
/// placeholder's name: ids get twelve hex digits, other names the placeholder's words plus six.
fn fill_placeholders(shape: &str, account: &str) -> String {
    let mut out = String::with_capacity(shape.len() + 16);
    let mut rest = shape;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|offset| open + offset) else {
            break;
        };
        out.push_str(&rest[..open]);
        let placeholder = &rest[open + 1..close];
        let hash = fnv1a(&[account.as_bytes(), b"/", placeholder.as_bytes()]);
        if placeholder == "id" || placeholder.ends_with("-id") {
            out.push_str(&format!("{:012x}", hash & 0xffff_ffff_ffff));
        } else {
            let words = placeholder.strip_suffix("-name").unwrap_or(placeholder);
            out.push_str(&format!("{words}-{:06x}", hash & 0xff_ffff));
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// FNV-1a: tiny, stable across platforms and releases, good enough to spread example names.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.iter().flat_map(|part| part.iter()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

static SALESFORCE_EVENT_RELAY_SAMPLES: [Sample; 2] = [
    sample!(
        "salesforce.com",
        "account-change-event",
        "Change data capture: Account created",
        DOCUMENTED
    ),
    sample!(
        "salesforce.com",
        "platform-event-order-shipped",
        "Custom platform event: Order_Shipped__e",
        DOCUMENTED
    ),
];

static PARTNERS: [Partner; 34] = [
    Partner {
        id: "auth0.com",
        display_name: "Auth0",
        console_url: "https://console.aws.amazon.com/events/#/partners/auth0.com?page=overview",
        category: Category::Identity,
        summary: "Identity platform; streams tenant logs such as logins, sign-ups and Management API calls.",
        source_partner_name: "auth0.com",
        source_name_shape: "aws.partner/auth0.com/<tenant>-<stream-id>/auth0.logs",
        samples: &[
            sample!("auth0.com", "successful-login", "Successful login (log type s)", DOCUMENTED),
            sample!("auth0.com", "failed-login-wrong-password", "Failed login: wrong password (log type fp)", DOCUMENTED),
            sample!("auth0.com", "management-api-call", "Management API call succeeded (log type sapi)", DOCUMENTED),
        ],
    },
    Partner {
        id: "blitline.com",
        display_name: "Blitline",
        console_url: "https://console.aws.amazon.com/events/#/partners/blitline.com?page=overview",
        category: Category::MediaProcessing,
        summary: "Hosted image-processing service; reports when processing jobs finish.",
        source_partner_name: "blitline.com",
        source_name_shape: "aws.partner/blitline.com/<application-id>/<source-name>",
        samples: &[
            sample!("blitline.com", "job-completed", "Image processing job completed", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "buidlhub.com",
        display_name: "BUIDLHub",
        console_url: "https://console.aws.amazon.com/events/#/partners/buidlhub.com?page=overview",
        category: Category::Blockchain,
        summary: "Ethereum monitoring; notifies when watched addresses or contracts see activity.",
        source_partner_name: "buidlhub.com",
        source_name_shape: "aws.partner/buidlhub.com/<workspace-id>/<source-name>",
        samples: &[
            sample!("buidlhub.com", "address-activity", "Watched Ethereum address received a transfer", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "buildkite.com",
        display_name: "Buildkite",
        console_url: "https://console.aws.amazon.com/events/#/partners/buildkite.com?page=overview",
        category: Category::DeveloperTools,
        summary: "CI/CD platform; emits build, job and agent lifecycle events.",
        source_partner_name: "buildkite.com",
        source_name_shape: "aws.partner/buildkite.com/<organization>/<stream-id>",
        samples: &[
            sample!("buildkite.com", "build-finished-passed", "Build finished (passed)", DOCUMENTED),
            sample!("buildkite.com", "build-finished-blocked", "Build finished, blocked on a block step", DOCUMENTED),
            sample!("buildkite.com", "agent-lost", "Agent lost (stopped heart-beating)", DOCUMENTED),
        ],
    },
    Partner {
        id: "camunda.com",
        display_name: "Camunda",
        console_url: "https://console.aws.amazon.com/events/#/partners/camunda.com?page=overview",
        category: Category::WorkflowAutomation,
        summary: "Process orchestration engine; publishes workflow and process-instance events.",
        source_partner_name: "camunda.com",
        source_name_shape: "aws.partner/camunda.com/<cluster-id>/<connector-name>",
        samples: &[
            sample!("camunda.com", "process-instance-completed", "Process instance completed", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "clevertap.com",
        display_name: "CleverTap",
        console_url: "https://console.aws.amazon.com/events/#/partners/clevertap.com?page=overview",
        category: Category::CustomerEngagement,
        summary: "Mobile engagement and retention platform; exports user activity events.",
        source_partner_name: "clevertap.com",
        source_name_shape: "aws.partner/clevertap.com/<project-id>/<export-name>",
        samples: &[
            sample!("clevertap.com", "user-charged", "User event: Charged (purchase)", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "datadoghq.com",
        display_name: "Datadog",
        console_url: "https://console.aws.amazon.com/events/#/partners/datadoghq.com?page=overview",
        category: Category::MonitoringAndIncidentResponse,
        summary: "Monitoring and observability; forwards monitor alerts and recoveries.",
        source_partner_name: "datadog.com",
        source_name_shape: "aws.partner/datadog.com/<integration-name>",
        samples: &[
            sample!("datadoghq.com", "monitor-alert-triggered", "Metric monitor triggered (alert)", DOCUMENTED),
            sample!("datadoghq.com", "monitor-recovered", "Metric monitor recovered", DOCUMENTED),
        ],
    },
    Partner {
        id: "epsagon.com",
        display_name: "Epsagon",
        console_url: "https://console.aws.amazon.com/events/#/partners/epsagon.com?page=overview",
        category: Category::MonitoringAndIncidentResponse,
        summary: "Tracing for serverless and container apps; sends alert notifications.",
        source_partner_name: "epsagon.com",
        source_name_shape: "aws.partner/epsagon.com/<organization-id>/<source-name>",
        samples: &[
            sample!("epsagon.com", "lambda-error-alert", "Alert: Lambda function error rate", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "freshworks.com",
        display_name: "Freshworks",
        console_url: "https://console.aws.amazon.com/events/#/partners/freshworks.com?page=overview",
        category: Category::CustomerSupport,
        summary: "Help desk and IT service tools (Freshdesk, Freshservice); sends ticket events.",
        source_partner_name: "freshworks.com",
        source_name_shape: "aws.partner/freshworks.com/<helpdesk-domain>/<source-name>",
        samples: &[
            sample!("freshworks.com", "ticket-created", "Freshdesk ticket created", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "genesys.com",
        display_name: "Genesys Cloud",
        console_url: "https://console.aws.amazon.com/events/#/partners/genesys.com?page=overview",
        category: Category::CustomerSupport,
        summary: "Contact-center platform; publishes conversation, routing and presence notifications by topic.",
        source_partner_name: "genesys.com",
        source_name_shape: "aws.partner/genesys.com/cloud/<organization-id>/<source-name>",
        samples: &[
            sample!("genesys.com", "conversation-customer-end", "Conversation ended by the customer", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "gs2.io",
        display_name: "Game Server Services (GS2)",
        console_url: "https://console.aws.amazon.com/events/#/partners/gs2.io?page=overview",
        category: Category::Gaming,
        summary: "Backend services for online games; reports player and game-state changes.",
        source_partner_name: "gs2.io",
        source_name_shape: "aws.partner/gs2.io/<project-id>/<namespace>",
        samples: &[
            sample!("gs2.io", "account-created", "Game player account created", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "karte.io",
        display_name: "KARTE",
        console_url: "https://console.aws.amazon.com/events/#/partners/karte.io?page=overview",
        category: Category::CustomerEngagement,
        summary: "Customer-experience platform; sends visitor behaviour and segment events.",
        source_partner_name: "karte.io",
        source_name_shape: "aws.partner/karte.io/<project-id>/<source-name>",
        samples: &[
            sample!("karte.io", "segment-entered", "Visitor entered a customer segment", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "kloudless.com",
        display_name: "Kloudless",
        console_url: "https://console.aws.amazon.com/events/#/partners/kloudless.com?page=overview",
        category: Category::DeveloperTools,
        summary: "Unified API over cloud storage, CRM and calendar services; relays account activity.",
        source_partner_name: "kloudless.com",
        source_name_shape: "aws.partner/kloudless.com/<application-id>/<source-name>",
        samples: &[
            sample!("kloudless.com", "file-added", "Cloud storage activity: file added", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "mackerel.io",
        display_name: "Mackerel",
        console_url: "https://console.aws.amazon.com/events/#/partners/mackerel.io?page=overview",
        category: Category::MonitoringAndIncidentResponse,
        summary: "Server and service monitoring; forwards alert status changes.",
        source_partner_name: "mackerel.io",
        source_name_shape: "aws.partner/mackerel.io/<organization>/<source-name>",
        samples: &[
            sample!("mackerel.io", "host-alert-critical", "Host alert: CPU usage critical", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "mongodb.com",
        display_name: "MongoDB Atlas",
        console_url: "https://console.aws.amazon.com/events/#/partners/mongodb.com?page=overview",
        category: Category::Databases,
        summary: "Managed database; Atlas triggers forward change-stream events from collections.",
        source_partner_name: "mongodb.com",
        source_name_shape: "aws.partner/mongodb.com/stitch.trigger/<trigger-id>",
        samples: &[
            sample!("mongodb.com", "order-inserted", "Document inserted into shop.orders", DOCUMENTED),
            sample!("mongodb.com", "order-updated", "Document updated in shop.orders (status change)", DOCUMENTED),
        ],
    },
    Partner {
        id: "newrelic.com",
        display_name: "New Relic",
        console_url: "https://console.aws.amazon.com/events/#/partners/newrelic.com?page=overview",
        category: Category::MonitoringAndIncidentResponse,
        summary: "Observability platform; sends alert issues as they open, update and close.",
        source_partner_name: "newrelic.com",
        source_name_shape: "aws.partner/newrelic.com/<account-id>/<destination-name>",
        samples: &[
            sample!("newrelic.com", "issue-activated", "Alert issue activated", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "onelogin.com",
        display_name: "OneLogin",
        console_url: "https://console.aws.amazon.com/events/#/partners/onelogin.com?page=overview",
        category: Category::Identity,
        summary: "Single sign-on and directory; streams user and authentication events.",
        source_partner_name: "onelogin.com",
        source_name_shape: "aws.partner/onelogin.com/<subdomain>/<source-name>",
        samples: &[
            sample!("onelogin.com", "user-logged-in", "User logged in to OneLogin", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "opsgenie.com",
        display_name: "Opsgenie",
        console_url: "https://console.aws.amazon.com/events/#/partners/opsgenie.com?page=overview",
        category: Category::MonitoringAndIncidentResponse,
        summary: "Alerting and on-call management; sends alert actions such as create, acknowledge and close.",
        source_partner_name: "opsgenie.com",
        source_name_shape: "aws.partner/opsgenie.com/<integration-id>/<source-name>",
        samples: &[
            sample!("opsgenie.com", "alert-created", "Alert created", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "pagerduty.com",
        display_name: "PagerDuty",
        console_url: "https://console.aws.amazon.com/events/#/partners/pagerduty.com?page=overview",
        category: Category::MonitoringAndIncidentResponse,
        summary: "Incident response; sends incident webhooks (triggered, acknowledged, resolved and more).",
        source_partner_name: "pagerduty.com",
        source_name_shape: "aws.partner/pagerduty.com/<subdomain>-<source-name>",
        samples: &[
            sample!("pagerduty.com", "incident-triggered", "Incident triggered (incident.trigger)", DOCUMENTED),
            sample!("pagerduty.com", "incident-acknowledged", "Incident acknowledged (incident.acknowledge)", DOCUMENTED),
        ],
    },
    Partner {
        id: "payshield.com.au",
        display_name: "PayShield",
        console_url: "https://console.aws.amazon.com/events/#/partners/payshield.com.au?page=overview",
        category: Category::Security,
        summary: "Payment fraud screening; reports risk decisions on transactions.",
        source_partner_name: "payshield.com.au",
        source_name_shape: "aws.partner/payshield.com.au/<merchant-id>/<source-name>",
        samples: &[
            sample!("payshield.com.au", "transaction-flagged", "Payment flagged as high risk", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "sailpoint.com",
        display_name: "SailPoint",
        console_url: "https://console.aws.amazon.com/events/#/partners/sailpoint.com?page=overview",
        category: Category::Identity,
        summary: "Identity governance; event triggers for identity and access changes.",
        source_partner_name: "sailpoint.com",
        source_name_shape: "aws.partner/sailpoint.com/<tenant>/<trigger-name>",
        samples: &[
            sample!("sailpoint.com", "identity-attributes-changed", "Identity attributes changed", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "saviynt.com",
        display_name: "Saviynt",
        console_url: "https://console.aws.amazon.com/events/#/partners/saviynt.com?page=overview",
        category: Category::Identity,
        summary: "Identity governance and access management; sends access-request and provisioning events.",
        source_partner_name: "saviynt.com",
        source_name_shape: "aws.partner/saviynt.com/<tenant>/<source-name>",
        samples: &[
            sample!("saviynt.com", "access-request-approved", "Access request approved", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "segment.com",
        display_name: "Segment",
        console_url: "https://console.aws.amazon.com/events/#/partners/segment.com?page=overview",
        category: Category::DataAndAnalytics,
        summary: "Customer data platform; forwards track, identify, page and other calls.",
        source_partner_name: "segment.com",
        source_name_shape: "aws.partner/segment.com/<source-id>",
        samples: &[
            sample!("segment.com", "track-order-completed", "track call: Order Completed", DOCUMENTED),
            sample!("segment.com", "identify", "identify call: traits updated", DOCUMENTED),
        ],
    },
    Partner {
        id: "shopify.com",
        display_name: "Shopify",
        console_url: "https://console.aws.amazon.com/events/#/partners/shopify.com?page=overview",
        category: Category::Commerce,
        summary: "Commerce platform; delivers store webhooks (orders, products, customers, apps).",
        source_partner_name: "shopify.com",
        source_name_shape: "aws.partner/shopify.com/<app-id>/<source-name>",
        samples: &[
            sample!("shopify.com", "orders-create", "Order created (orders/create)", DOCUMENTED),
            sample!("shopify.com", "products-update", "Product updated (products/update)", DOCUMENTED),
            sample!("shopify.com", "app-uninstalled", "App uninstalled (app/uninstalled)", DOCUMENTED),
        ],
    },
    Partner {
        id: "signalfx.com",
        display_name: "SignalFx",
        console_url: "https://console.aws.amazon.com/events/#/partners/signalfx.com?page=overview",
        category: Category::MonitoringAndIncidentResponse,
        summary: "Real-time metrics monitoring (now Splunk Observability); sends detector alerts.",
        source_partner_name: "signalfx.com",
        source_name_shape: "aws.partner/signalfx.com/<organization-id>/<source-name>",
        samples: &[
            sample!("signalfx.com", "detector-triggered", "Detector triggered", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "site24x7.com",
        display_name: "Site24x7",
        console_url: "https://console.aws.amazon.com/events/#/partners/site24x7.com?page=overview",
        category: Category::MonitoringAndIncidentResponse,
        summary: "Website, server and application monitoring; reports monitor status changes.",
        source_partner_name: "site24x7.com",
        source_name_shape: "aws.partner/site24x7.com/<account-id>/<source-name>",
        samples: &[
            sample!("site24x7.com", "monitor-down", "Website monitor down", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "stax.io",
        display_name: "Stax",
        console_url: "https://console.aws.amazon.com/events/#/partners/stax.io",
        category: Category::CloudManagement,
        summary: "AWS account and governance management; reports account and workload operations.",
        source_partner_name: "stax.io",
        source_name_shape: "aws.partner/stax.io/<organization-id>/<source-name>",
        samples: &[
            sample!("stax.io", "account-created", "AWS account created through Stax", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "sugarcrm.com",
        display_name: "SugarCRM",
        console_url: "https://console.aws.amazon.com/events/#/partners/sugarcrm.com?page=overview",
        category: Category::SalesAndCrm,
        summary: "Customer relationship management; sends record changes such as new leads.",
        source_partner_name: "sugarcrm.com",
        source_name_shape: "aws.partner/sugarcrm.com/<instance-id>/<source-name>",
        samples: &[
            sample!("sugarcrm.com", "lead-created", "Lead created", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "symantec.com",
        display_name: "Symantec",
        console_url: "https://console.aws.amazon.com/events/#/partners/symantec.com?page=overview",
        category: Category::Security,
        summary: "Endpoint and cloud workload security; reports detected threats and actions taken.",
        source_partner_name: "symantec.com",
        source_name_shape: "aws.partner/symantec.com/<tenant-id>/<source-name>",
        samples: &[
            sample!("symantec.com", "threat-detected", "Endpoint threat detected and quarantined", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "thundra.io",
        display_name: "Thundra",
        console_url: "https://console.aws.amazon.com/events/#/partners/thundra.io?page=overview",
        category: Category::MonitoringAndIncidentResponse,
        summary: "Observability and debugging for serverless apps; sends alert events.",
        source_partner_name: "thundra.io",
        source_name_shape: "aws.partner/thundra.io/<project-id>/<source-name>",
        samples: &[
            sample!("thundra.io", "function-error", "Serverless function error", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "triggermesh.com",
        display_name: "TriggerMesh",
        console_url: "https://console.aws.amazon.com/events/#/partners/triggermesh.com?page=overview",
        category: Category::WorkflowAutomation,
        summary: "Event integration platform; routes CloudEvents from many sources into EventBridge.",
        source_partner_name: "triggermesh.com",
        source_name_shape: "aws.partner/triggermesh.com/<bridge-id>/<source-name>",
        samples: &[
            sample!("triggermesh.com", "github-push", "Routed CloudEvent: GitHub push", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "whispir.com",
        display_name: "Whispir",
        console_url: "https://console.aws.amazon.com/events/#/partners/whispir.com?page=overview",
        category: Category::Communications,
        summary: "Multi-channel messaging (SMS, email, voice); reports message delivery status.",
        source_partner_name: "whispir.com",
        source_name_shape: "aws.partner/whispir.com/<workspace-id>/<source-name>",
        samples: &[
            sample!("whispir.com", "message-delivered", "SMS message delivered", ILLUSTRATIVE),
        ],
    },
    Partner {
        id: "zendesk.com",
        display_name: "Zendesk",
        console_url: "https://console.aws.amazon.com/events/#/partners/zendesk.com?page=overview",
        category: Category::CustomerSupport,
        summary: "Customer service suite; sends support ticket events (connector closed to new setups since 2024).",
        source_partner_name: "zendesk.com",
        source_name_shape: "aws.partner/zendesk.com/<zendesk-account-id>/default",
        samples: &[
            sample!("zendesk.com", "ticket-created", "Ticket created", DOCUMENTED),
            sample!("zendesk.com", "ticket-status-changed", "Ticket status changed (open to solved)", DOCUMENTED),
        ],
    },
    Partner {
        id: "sellingpartnerapi.amazon.com",
        display_name: "Amazon Selling Partner API",
        console_url: "https://console.aws.amazon.com/events/#/partners/sellingpartnerapi.amazon.com?page=overview",
        category: Category::Commerce,
        summary: "API for Amazon sellers and vendors; delivers marketplace notifications such as offer changes.",
        source_partner_name: "sellingpartnerapi.amazon.com",
        source_name_shape: "aws.partner/sellingpartnerapi.amazon.com/<application-id>/<source-name>",
        samples: &[
            sample!("sellingpartnerapi.amazon.com", "any-offer-changed", "Notification: ANY_OFFER_CHANGED", ILLUSTRATIVE),
        ],
    },
];
