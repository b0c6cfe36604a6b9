//! Whatever bytes the portal sends as a file name, the safe name breaks no
//! rule, stays as it is when made safe again, joins inside its folder, and
//! its numbered alternatives break no rule either.

#![no_main]

use libfuzzer_sys::fuzz_target;
use portal_client::safe_names::{invariant_violations, join_inside, numbered_name, safe_file_name};

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let safe = safe_file_name(&raw, "document.pdf");
    assert!(invariant_violations(&safe).is_empty(), "{raw:?} → {safe:?}");
    assert_eq!(safe_file_name(&safe, "document.pdf"), safe);
    let folder = std::path::Path::new("/downloads");
    assert_eq!(join_inside(folder, &safe).unwrap().parent(), Some(folder));
    let numbered = numbered_name(&safe, u32::from(data.first().copied().unwrap_or(1)) + 1);
    assert!(invariant_violations(&numbered).is_empty(), "{numbered:?}");
});
