//! What surrounds the desk on the desktop: the window's navigation guard,
//! file dialogs, notifications and the ticket watch, the cache's URI scheme
//! for viewing files, the embedded demo portal, start-up options and
//! updates.

pub mod cached_files;
pub mod demo;
pub mod dialogs;
pub mod display;
pub mod kept_screen_page;
pub mod logs;
pub mod navigation;
pub mod startup;
pub mod ticket_notifications;
pub mod ticket_watch;
pub mod updates;
