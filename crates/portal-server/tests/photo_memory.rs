//! A photo whose header claims 50000×50000 pixels is refused without the
//! portal allocating anything near its claimed size: this test binary counts
//! every allocation.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct CountingAllocator;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
            PEAK.fetch_max(now, Ordering::SeqCst);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

#[test]
fn a_lying_header_is_refused_without_allocating_the_claimed_pixels() {
    let lying = test_support::images::png_claiming(50_000, 50_000);
    let baseline = CURRENT.load(Ordering::SeqCst);
    PEAK.store(baseline, Ordering::SeqCst);
    let refused = portal_server::photos::check_photo(&lying).expect_err("must be refused");
    let used = PEAK.load(Ordering::SeqCst) - baseline;
    assert_eq!(refused.problem.errors[0].code, "too_large");
    assert!(
        used < 1024 * 1024,
        "checking the header used {used} bytes; decoding 50000×50000 would take 10 GB"
    );

    // For contrast, a real photo within the limits is decoded in full.
    let real = test_support::images::png(1000, 1000);
    let baseline = CURRENT.load(Ordering::SeqCst);
    PEAK.store(baseline, Ordering::SeqCst);
    portal_server::photos::check_photo(&real).expect("a real photo passes");
    let used = PEAK.load(Ordering::SeqCst) - baseline;
    assert!(
        used >= 3 * 1000 * 1000,
        "a real photo is decoded ({used} bytes)"
    );
}
