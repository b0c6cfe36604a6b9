//! The mark every desktop system puts on a file that came from the
//! internet, set on each download when it is published, so the system warns
//! before running it and opens office documents in their protected view:
//!
//! - Windows: the `Zone.Identifier` stream with `ZoneId=3` (the internet
//!   zone) and the portal's address, as browsers write it;
//! - macOS: the `com.apple.quarantine` attribute, which Gatekeeper reads;
//! - Linux and other Unix: the freedesktop `user.xdg.origin.url` attribute,
//!   which file managers show.
//!
//! A file system that cannot carry the mark (FAT, some network shares)
//! keeps the file without it; the caller logs that.

use std::path::Path;

/// The attribute Linux file managers read for "where did this come from".
#[cfg(all(unix, not(target_os = "macos")))]
pub const ORIGIN_ATTRIBUTE: &std::ffi::CStr = c"user.xdg.origin.url";

/// Marks `path` as downloaded from `origin` (the portal's address).
pub fn mark_downloaded(path: &Path, origin: &str) -> std::io::Result<()> {
    imp::mark(path, origin)
}

#[cfg(windows)]
mod imp {
    use std::path::Path;

    pub fn mark(path: &Path, origin: &str) -> std::io::Result<()> {
        let mut stream = path.as_os_str().to_owned();
        stream.push(":Zone.Identifier");
        let origin: String = origin.chars().filter(|c| !c.is_control()).collect();
        std::fs::write(
            stream,
            format!("[ZoneTransfer]\r\nZoneId=3\r\nHostUrl={origin}\r\n"),
        )
    }
}

#[cfg(target_os = "macos")]
mod imp {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    pub fn mark(path: &Path, _origin: &str) -> std::io::Result<()> {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_secs())
            .unwrap_or(0);
        // 0081: downloaded, not yet approved by the user.
        let value = format!("0081;{seconds:x};Portal Desk;");
        let path = CString::new(path.as_os_str().as_bytes())?;
        let name = c"com.apple.quarantine";
        // SAFETY: both strings are NUL-terminated and live across the call;
        // the value pointer and length describe one live buffer.
        let result = unsafe {
            libc::setxattr(
                path.as_ptr(),
                name.as_ptr(),
                value.as_ptr().cast(),
                value.len(),
                0,
                0,
            )
        };
        if result == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
mod imp {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    pub fn mark(path: &Path, origin: &str) -> std::io::Result<()> {
        let path = CString::new(path.as_os_str().as_bytes())?;
        // SAFETY: both strings are NUL-terminated and live across the call;
        // the value pointer and length describe one live buffer.
        let result = unsafe {
            libc::setxattr(
                path.as_ptr(),
                super::ORIGIN_ATTRIBUTE.as_ptr(),
                origin.as_ptr().cast(),
                origin.len(),
                0,
            )
        };
        if result == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    }
}

#[cfg(not(any(unix, windows)))]
mod imp {
    use std::path::Path;

    pub fn mark(_path: &Path, _origin: &str) -> std::io::Result<()> {
        Err(std::io::ErrorKind::Unsupported.into())
    }
}
