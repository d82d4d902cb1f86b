//! `/api/me/notifications`: the caller's inbox. Marking read is `POST …/{id}/read`
//! and `POST …/read-all`: idempotent, and needing no ETag (only the owner marks
//! theirs, and read stays read).

pub mod list;
pub mod read;
pub mod read_all;
pub mod view;

pub use view::{NotificationPage, NotificationView};
