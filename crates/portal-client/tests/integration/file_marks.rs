//! The downloaded-from-the-internet mark, read back the way each system's
//! own tools read it: on Linux the freedesktop `user.xdg.origin.url`
//! attribute, on Windows the `Zone.Identifier` stream (run under Wine in
//! CI). macOS' quarantine attribute is set by the same call there.
#![cfg(not(target_os = "macos"))]

use std::path::Path;

use portal_client::file_marks::mark_downloaded;

/// The portal address the Linux mark holds.
#[cfg(unix)]
fn origin_of(path: &Path) -> std::io::Result<String> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;

    use portal_client::file_marks::ORIGIN_ATTRIBUTE;

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

/// The portal address the Windows mark holds, checking that it also says
/// "the internet zone", which is what makes Windows and Office careful.
#[cfg(windows)]
fn origin_of(path: &Path) -> std::io::Result<String> {
    let mut stream = path.as_os_str().to_owned();
    stream.push(":Zone.Identifier");
    let text = std::fs::read_to_string(stream)?;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[..2], ["[ZoneTransfer]", "ZoneId=3"], "{text:?}");
    Ok(lines
        .iter()
        .find_map(|line| line.strip_prefix("HostUrl="))
        .expect("the mark names the portal")
        .to_owned())
}

#[test]
fn a_download_carries_the_portal_it_came_from() {
    // Beside the build, on a disk file system.
    let folder = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let file = folder.path().join("Invoice.pdf");
    std::fs::write(&file, b"%PDF-1.7").unwrap();
    mark_downloaded(&file, "https://portal.example.com").expect("the build's disk keeps the mark");
    assert_eq!(origin_of(&file).unwrap(), "https://portal.example.com");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        b"%PDF-1.7",
        "the file itself is untouched"
    );
}
