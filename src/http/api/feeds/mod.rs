//! `/api/feeds`: calendar feed links of mine. The secret is in the answer that makes
//! or rotates a feed, and nowhere else.

pub mod create;
pub mod delete;
pub mod list;
pub mod rotate;

use actix_web::HttpRequest;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::feed::FeedKind;
use crate::service::feeds::{Issued, Listed};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedView {
    pub id: String,
    pub kind: FeedKind,
    pub target: String,
    /// The person's, team's or desk's name.
    pub target_name: String,
    pub days_back: u32,
    pub days_ahead: u32,
    pub created_at: DateTime<Utc>,
    pub rotated_at: Option<DateTime<Utc>>,
    /// When a calendar app last fetched it (recorded at most once a minute), and which.
    pub last_fetched_at: Option<DateTime<Utc>>,
    pub last_user_agent: Option<String>,
}

impl From<Listed> for FeedView {
    fn from(listed: Listed) -> Self {
        let feed = listed.feed;
        Self {
            id: feed.id,
            kind: feed.kind,
            target: feed.target_id,
            target_name: listed.target_name,
            days_back: feed.days_back,
            days_ahead: feed.days_ahead,
            created_at: feed.created_at,
            rotated_at: feed.rotated_at,
            last_fetched_at: feed.last_fetched_at,
            last_user_agent: feed.last_user_agent,
        }
    }
}

/// A feed just made or rotated: the only answer with its secret URL.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IssuedFeedView {
    #[serde(flatten)]
    pub feed: FeedView,
    /// Subscribe to this; it is shown once (rotate for a new one).
    pub url: String,
    /// The same as `webcal://`, which calendar apps open as a subscription.
    pub webcal_url: String,
}

/// Where this service is reached: the public base URL, else what the request says.
pub fn base_url(public: Option<String>, req: &HttpRequest) -> String {
    public.unwrap_or_else(|| {
        let info = req.connection_info();
        format!("{}://{}", info.scheme(), info.host())
    })
}

/// The feed's URL and its `webcal://` form.
pub fn feed_urls(base: &str, token: &str) -> (String, String) {
    let url = format!("{}/feeds/{token}.ics", base.trim_end_matches('/'));
    let webcal = match url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => url.clone(),
    };
    (url, webcal)
}

impl IssuedFeedView {
    pub fn new(issued: Issued, base: &str) -> Self {
        let (url, webcal_url) = feed_urls(base, &issued.token);
        Self { feed: FeedView::from(Listed { feed: issued.feed, target_name: issued.target_name }), url, webcal_url }
    }
}
