//! The downloaded-from-the-internet mark on Linux: the portal's address in
//! the freedesktop `user.xdg.origin.url` attribute. (Windows' Zone.Identifier
//! stream and macOS' quarantine attribute are set by the same call there.)
#![cfg(all(unix, not(target_os = "macos")))]

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use portal_client::file_marks::{ORIGIN_ATTRIBUTE, mark_downloaded};

fn origin_of(path: &Path) -> std::io::Result<String> {
    let path = CString::new(path.as_os_str().as_bytes()).unwrap();
    let mut buffer = vec![0u8; 1024];
    // SAFETY: the strings are NUL-terminated; the buffer is live and its
    // length is passed.
    let length = unsafe {
        libc::getxattr(
            path.as_ptr(),
            ORIGIN_ATTRIBUTE.as_ptr(),
            buffer.as_mut_ptr().cast(),
            buffer.len(),
        )
    };
    if length < 0 {
        return Err(std::io::Error::last_os_error());
    }
    buffer.truncate(length as usize);
    Ok(String::from_utf8(buffer).unwrap())
}

#[test]
fn a_download_carries_the_portal_it_came_from() {
    // Beside the build, on a disk file system.
    let folder = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let file = folder.path().join("Invoice.pdf");
    std::fs::write(&file, b"%PDF-1.7").unwrap();
    mark_downloaded(&file, "https://portal.example.com")
        .expect("the build's disk keeps user attributes");
    assert_eq!(origin_of(&file).unwrap(), "https://portal.example.com");
}
