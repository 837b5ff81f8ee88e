//! A small size-class allocator: the wasm build's global allocator, in place of Rust's default
//! (dlmalloc), which costs several kilobytes of the wasm.
//!
//! Every block has a power-of-two size, its *class*, from 16 B ([`MIN_BLOCK`]) to 2 GiB
//! ([`MAX_BLOCK`]). Each class keeps an intrusive, singly-linked list of its free blocks: a free
//! block holds the address of the next one in its first bytes. Blocks are never split or merged.
//! An allocation pops the free list of its class, or else takes a new block from the end of the
//! memory obtained so far (a bump pointer), growing the memory by whole 64 KiB pages
//! ([`PAGE`]) when that runs out. A freed block goes back on its class's list and is only ever
//! reused for that class, so a program that keeps allocating and freeing the same sizes stops
//! growing the memory after its first round; what it costs is up to half of each block (a
//! 17 B string takes a 32 B block), which suits this crate's few, short-lived allocations.
//!
//! Alignment: each new block is placed at a multiple of its own size, or of [`PAGE`] for blocks
//! larger than a page, and the class of a request is at least its alignment, so every block of
//! a class suits every request of that class (an alignment above [`PAGE`] gets a null pointer). The bytes skipped to reach such an address are not
//! lost: they are cut into smaller aligned blocks and put on the free lists of their classes.
//!
//! [`SizeClasses`] is the logic, free of IO: it gets its pages from a [`Memory`], so that host
//! tests run it over a growable buffer. On `wasm32` (without the `atomics` feature, that is with
//! a single thread) the memory is the wasm linear memory, grown with `memory.grow`, and a
//! `#[global_allocator]` puts it in place of the default allocator.

use core::alloc::Layout;
use core::ptr;

/// The size of a wasm page, the unit in which [`Memory::grow`] adds memory: 64 KiB.
pub const PAGE: usize = 64 * 1024;

/// The smallest block, 16 B: room for a free list link on every target, and the alignment of
/// `u128` and of anything else short of an explicit `#[repr(align)]`.
pub const MIN_BLOCK: usize = 1 << MIN_SHIFT;

/// The largest block, 2 GiB: every `Layout` on wasm32, whose sizes stop at `isize::MAX`. A larger
/// request (possible only on 64-bit hosts) gets a null pointer.
pub const MAX_BLOCK: usize = 1 << MAX_SHIFT;

const MIN_SHIFT: u32 = 4;
const MAX_SHIFT: u32 = 31;
const CLASSES: usize = (MAX_SHIFT - MIN_SHIFT + 1) as usize;

/// Where [`SizeClasses`] gets its memory: something that grows like wasm linear memory.
///
/// # Safety
///
/// An implementation must only return `Some(start)` when the `pages * PAGE` bytes from `start`
/// are memory that nothing else uses, that stays valid and in place for as long as the
/// [`SizeClasses`] that owns it and the blocks it hands out are used, and that can be read and
/// written through `start` and pointers derived from it. `start` must be a non-null multiple of
/// [`PAGE`]. Successive areas need not be contiguous.
pub unsafe trait Memory {
    /// Adds `pages` pages (`pages` ≥ 1) and returns the start of the new bytes, or `None` when
    /// the memory cannot grow that far.
    fn grow(&mut self, pages: usize) -> Option<*mut u8>;
}

/// The allocator's state: one free list per class and the bump area, over a [`Memory`].
///
/// Blocks handed out are valid until they are passed to [`dealloc`](Self::dealloc) or
/// [`realloc`](Self::realloc); the memory is never given back.
pub struct SizeClasses<M> {
    /// The first free block of each class (class `i` holds blocks of `MIN_BLOCK << i` bytes),
    /// null when there is none; each free block begins with a pointer to the next.
    free: [*mut u8; CLASSES],
    /// The start of the unused bytes of the last area obtained from the memory.
    next: *mut u8,
    /// The end of that area.
    end: *mut u8,
    /// Where new pages come from.
    memory: M,
}

impl<M: Memory> SizeClasses<M> {
    /// An allocator with no memory yet: the first allocation grows `memory`.
    pub const fn new(memory: M) -> Self {
        SizeClasses { free: [ptr::null_mut(); CLASSES], next: ptr::null_mut(), end: ptr::null_mut(), memory }
    }

    /// The memory, for instance to see how far it has grown.
    pub fn memory(&self) -> &M {
        &self.memory
    }

    /// A block for `layout`: at least `layout.size()` bytes (a size of 0 counts as 1) at a multiple
    /// of `layout.align()`, or null when the memory cannot grow, the block would be larger than
    /// [`MAX_BLOCK`] or the alignment is above [`PAGE`]. The bytes are not initialised.
    pub fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout.size(), layout.align()) else { return ptr::null_mut() };
        let head = self.free[class];
        if !head.is_null() {
            // SAFETY: `head` is on the free list of `class`, so it is a block of at least
            // `MIN_BLOCK` bytes at a multiple of `MIN_BLOCK`, owned by nobody else, whose first
            // bytes hold the link that `push` wrote.
            self.free[class] = unsafe { head.cast::<*mut u8>().read() };
            return head;
        }
        self.bump(MIN_BLOCK << class)
    }

    /// Gives back a block.
    ///
    /// # Safety
    ///
    /// `block` must have come from [`alloc`](Self::alloc) or [`realloc`](Self::realloc) of this
    /// allocator with this same `layout` (for a block from `realloc`, its new size with the old
    /// alignment), and must not be used afterwards.
    pub unsafe fn dealloc(&mut self, block: *mut u8, layout: Layout) {
        if let Some(class) = class_of(layout.size(), layout.align()) {
            // SAFETY: the caller gives back a block of this class, so of at least `MIN_BLOCK`
            // bytes that nobody uses any more.
            unsafe { self.push(class, block) };
        }
    }

    /// Resizes a block to `new_size` bytes, keeping its first `min(layout.size(), new_size)`
    /// bytes: the same block when `new_size` falls in its class, else a new block (the old one is
    /// freed). Returns null, leaving the old block as it was, when no new block can be had.
    ///
    /// # Safety
    ///
    /// As for [`dealloc`](Self::dealloc): `block` must be live and come from this allocator with
    /// `layout`; unless the result is null it must not be used afterwards, and the result is
    /// freed with `layout.align()` and `new_size`.
    pub unsafe fn realloc(&mut self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if class_of(layout.size(), layout.align()) == class_of(new_size, layout.align()) {
            return block;
        }
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else { return ptr::null_mut() };
        let new_block = self.alloc(new_layout);
        if !new_block.is_null() {
            // SAFETY: the old block is live with at least `layout.size()` bytes, the new one has
            // at least `new_size` bytes, and a block just taken from the free lists or the bump
            // area cannot overlap a live one. The caller gives back the old block.
            unsafe {
                ptr::copy_nonoverlapping(block, new_block, layout.size().min(new_size));
                self.dealloc(block, layout);
            }
        }
        new_block
    }

    /// Puts `block` on the free list of `class`.
    ///
    /// # Safety
    ///
    /// `block` must be a block of `class` (at least `MIN_BLOCK` bytes at a multiple of
    /// `MIN_BLOCK`, inside the memory) that nobody uses.
    unsafe fn push(&mut self, class: usize, block: *mut u8) {
        // SAFETY: the caller promises a free, aligned block of at least `MIN_BLOCK` bytes, room
        // for the link.
        unsafe { block.cast::<*mut u8>().write(self.free[class]) };
        self.free[class] = block;
    }

    /// A new block of `size` bytes (a power of two, at least `MIN_BLOCK`) from the bump area,
    /// at a multiple of `min(size, PAGE)`, growing the memory when the area is too short.
    fn bump(&mut self, size: usize) -> *mut u8 {
        let align = size.min(PAGE);
        loop {
            let next = self.next as usize;
            // The area's bytes from `next` are at least `MIN_BLOCK`-aligned (pages start at
            // multiples of PAGE and blocks are multiples of `MIN_BLOCK`), so the skipped bytes
            // split into aligned blocks below.
            let skip = next.wrapping_neg() & (align - 1);
            let room = (self.end as usize).wrapping_sub(next);
            if !self.next.is_null() && skip <= room && size <= room - skip {
                // Cut the skipped bytes into blocks, each as large as its address allows: the
                // lowest set bit of an address is the largest block that can start there, and
                // from `next` up to a multiple of `align` each such block ends before it.
                let mut at = self.next;
                let mut left = skip;
                while left != 0 {
                    let shift = (at as usize).trailing_zeros();
                    let piece = 1usize << shift;
                    // SAFETY: `piece` ≥ `MIN_BLOCK` is a power of two that divides `at`, and
                    // `at + piece` ≤ `next + skip`, inside the unused part of the area: a free
                    // block of class `log2(piece) - MIN_SHIFT`.
                    unsafe { self.push((shift - MIN_SHIFT) as usize, at) };
                    // SAFETY: `at + piece` stays inside the area (see above).
                    at = unsafe { at.add(piece) };
                    left -= piece;
                }
                // `at + size` ≤ `end`, checked above (wrapping: on wasm32 the end of a full 4 GiB
                // memory is address 0, which then reads as "no area" and makes the next
                // allocation try to grow).
                self.next = at.wrapping_add(size);
                return at;
            }
            // Too short: grow by enough pages for the block, at least one. When the new pages
            // follow the area, it extends; otherwise (something else grew the memory in
            // between) the new pages, which start at a multiple of PAGE, replace it and the
            // rest of the old area is left unused.
            let short = if self.next.is_null() { size } else { (skip + size).saturating_sub(room) };
            let pages = short.div_ceil(PAGE).max(1);
            let Some(start) = self.memory.grow(pages) else { return ptr::null_mut() };
            if start != self.end {
                self.next = start;
            }
            // `Memory::grow` gave `pages * PAGE` bytes from `start` (wrapping: see above).
            self.end = start.wrapping_add(pages * PAGE);
        }
    }
}

/// The class index of a request: the smallest power of two ≥ `size`, `align` and `MIN_BLOCK`,
/// as a shift above `MIN_SHIFT`; `None` above `MAX_BLOCK` or for an alignment above `PAGE`
/// (blocks are placed at multiples of `PAGE` at most).
fn class_of(size: usize, align: usize) -> Option<usize> {
    let need = size.max(align).max(MIN_BLOCK);
    if need > MAX_BLOCK || align > PAGE {
        return None;
    }
    Some((need.next_power_of_two().trailing_zeros() - MIN_SHIFT) as usize)
}

/// The global allocator of the wasm build (wasm32 with a single thread only).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod wasm_global {
    use super::{Memory, SizeClasses, PAGE};
    use core::alloc::{GlobalAlloc, Layout};
    use core::cell::UnsafeCell;

    /// The wasm linear memory (memory 0), grown with `memory.grow`.
    struct LinearMemory;

    // SAFETY: `memory.grow` adds zeroed pages at the end of linear memory and returns the old
    // size in pages, so the new bytes start at `old * PAGE`, a multiple of PAGE. Linear memory
    // never shrinks or moves, and nothing else in this program takes bytes beyond the old end:
    // the data, the stack and the heap of the default allocator (unused, as this one replaces
    // it) lie below it.
    unsafe impl Memory for LinearMemory {
        fn grow(&mut self, pages: usize) -> Option<*mut u8> {
            let old = core::arch::wasm32::memory_grow(0, pages);
            if old == usize::MAX {
                None
            } else {
                Some((old * PAGE) as *mut u8)
            }
        }
    }

    /// [`SizeClasses`] over linear memory, shared as a `static`.
    struct Allocator(UnsafeCell<SizeClasses<LinearMemory>>);

    // SAFETY: a `static` must be `Sync`, but this one is only ever used by one thread:
    // wasm32 without the `atomics` target feature (this module is not compiled with it) has
    // no shared memory and no threads, so the wasm instance runs one call at a time and there
    // are no concurrent calls into the allocator. Nor is it reentered: it calls nothing that
    // allocates.
    unsafe impl Sync for Allocator {}

    // SAFETY: each method hands out or takes back blocks through `SizeClasses`, which keeps the
    // `GlobalAlloc` contract: blocks of at least the requested size and alignment that do not
    // overlap while live, null on failure, and `realloc` keeps the contents.
    unsafe impl GlobalAlloc for Allocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: single thread and no reentrance (see `Sync` above), so this is the only
            // reference to the state while it lives.
            unsafe { (*self.0.get()).alloc(layout) }
        }

        unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
            // SAFETY: the only reference to the state (as in `alloc`); `GlobalAlloc::dealloc`'s
            // caller passes a live block of this allocator with its layout.
            unsafe { (*self.0.get()).dealloc(block, layout) }
        }

        unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: the only reference to the state (as in `alloc`); `GlobalAlloc::realloc`'s
            // caller passes a live block of this allocator with its layout, and frees the result
            // with `layout.align()` and `new_size`.
            unsafe { (*self.0.get()).realloc(block, layout, new_size) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(SizeClasses::new(LinearMemory)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for wasm linear memory: a fixed buffer whose first `pages` pages are "grown",
    /// starting at a multiple of PAGE as wasm pages do. It never moves, so blocks stay valid.
    struct Arena {
        _buffer: Vec<u8>,
        base: *mut u8,
        pages: usize,
        max_pages: usize,
        /// Pages that the next grow skips, as if something else had grown the memory.
        skip_next: usize,
    }

    impl Arena {
        fn new(max_pages: usize) -> Self {
            let mut buffer = vec![0u8; (max_pages + 1) * PAGE];
            let offset = (buffer.as_ptr() as usize).wrapping_neg() % PAGE;
            // SAFETY: `offset` < PAGE, inside the buffer of `(max_pages + 1) * PAGE` bytes.
            let base = unsafe { buffer.as_mut_ptr().add(offset) };
            Arena { _buffer: buffer, base, pages: 0, max_pages, skip_next: 0 }
        }

        fn bytes(&self) -> usize {
            self.pages * PAGE
        }
    }

    // SAFETY: each grow hands out pages of the buffer beyond every earlier one, PAGE-aligned,
    // and the buffer lives (and stays in place) as long as the arena.
    unsafe impl Memory for Arena {
        fn grow(&mut self, pages: usize) -> Option<*mut u8> {
            let start = self.pages + std::mem::take(&mut self.skip_next);
            if start + pages > self.max_pages {
                return None;
            }
            self.pages = start + pages;
            // SAFETY: `start` ≤ `max_pages`, inside the buffer.
            Some(unsafe { self.base.add(start * PAGE) })
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    /// Fills a block with a pattern from `seed`.
    fn fill(block: *mut u8, size: usize, seed: u8) {
        for i in 0..size {
            // SAFETY: the tests only fill live blocks of at least `size` bytes.
            unsafe { block.add(i).write(seed.wrapping_add(i as u8)) };
        }
    }

    /// Whether the first `size` bytes of a block still hold the pattern from `seed`.
    fn holds(block: *const u8, size: usize, seed: u8) -> bool {
        // SAFETY: the tests only read live blocks of at least `size` bytes, filled by `fill`.
        (0..size).all(|i| unsafe { block.add(i).read() } == seed.wrapping_add(i as u8))
    }

    #[test]
    fn classes_are_powers_of_two_from_16_bytes() {
        assert_eq!(class_of(0, 1), Some(0));
        assert_eq!(class_of(1, 1), Some(0));
        assert_eq!(class_of(16, 8), Some(0));
        assert_eq!(class_of(17, 1), Some(1));
        assert_eq!(class_of(8, 64), Some(2));
        assert_eq!(class_of(PAGE, 1), Some(12));
        assert_eq!(class_of(MAX_BLOCK, 1), Some(CLASSES - 1));
        assert_eq!(class_of(MAX_BLOCK + 1, 1), None);
        assert_eq!(class_of(8, PAGE), Some(12));
        assert_eq!(class_of(8, 2 * PAGE), None);
    }

    #[test]
    fn blocks_are_aligned_distinct_and_keep_their_contents() {
        let mut heap = SizeClasses::new(Arena::new(64));
        let mut live = Vec::new();
        for (n, &(size, align)) in
            [(1, 1), (3, 2), (24, 8), (100, 4), (8, 64), (1, 4096), (5000, 16), (40, 128), (0, 1), (200, 256)].iter().enumerate()
        {
            let block = heap.alloc(layout(size, align));
            assert!(!block.is_null());
            assert_eq!(block as usize % align, 0, "size {size} align {align}");
            assert_eq!(block as usize % MIN_BLOCK, 0);
            fill(block, size, n as u8);
            live.push((block, size, align, n as u8));
        }
        let mut spans: Vec<(usize, usize)> = live.iter().map(|&(b, s, a, _)| (b as usize, b as usize + s.max(a).max(1))).collect();
        spans.sort();
        assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "blocks overlap: {spans:x?}");
        for &(block, size, align, seed) in &live {
            assert!(holds(block, size, seed));
            // SAFETY: a live block of `heap` with its layout, not used again.
            unsafe { heap.dealloc(block, layout(size, align)) };
        }
    }

    #[test]
    fn freed_blocks_are_reused_by_their_class() {
        let mut heap = SizeClasses::new(Arena::new(4));
        let a = heap.alloc(layout(20, 1));
        // SAFETY: a live block of `heap` with its layout, not used again.
        unsafe { heap.dealloc(a, layout(20, 1)) };
        // A 32 B class request takes the freed block back; another class does not.
        assert_eq!(heap.alloc(layout(32, 8)), a);
        let b = heap.alloc(layout(20, 1));
        assert_ne!(b, a);
        // SAFETY: a live block of `heap` with its layout, not used again.
        unsafe { heap.dealloc(b, layout(20, 1)) };
        assert_ne!(heap.alloc(layout(64, 1)), b);
    }

    #[test]
    fn bytes_skipped_for_alignment_feed_the_smaller_classes() {
        let mut heap = SizeClasses::new(Arena::new(4));
        let small = heap.alloc(layout(16, 1));
        let big = heap.alloc(layout(4096, 1));
        assert_eq!(big as usize % 4096, 0);
        // The 4096 - 32 bytes between the two are 16, 32, 64, …, 2048 B free blocks.
        for size in [16, 32, 64, 128, 256, 512, 1024, 2048] {
            let block = heap.alloc(layout(size, 1));
            assert!(block as usize > small as usize && (block as usize) < big as usize, "{size} B block not from the gap");
        }
        assert_eq!(heap.memory().bytes(), PAGE);
    }

    #[test]
    fn zero_sized_layouts_get_a_minimal_block() {
        let mut heap = SizeClasses::new(Arena::new(1));
        let a = heap.alloc(layout(0, 1));
        let b = heap.alloc(layout(0, 8));
        assert!(!a.is_null() && !b.is_null() && a != b);
        fill(a, MIN_BLOCK, 1);
        // SAFETY: live blocks of `heap` with their layouts, not used again.
        unsafe {
            heap.dealloc(a, layout(0, 1));
            heap.dealloc(b, layout(0, 8));
        }
        assert_eq!(heap.alloc(layout(1, 1)), b);
    }

    #[test]
    fn realloc_keeps_contents_when_growing_and_shrinking() {
        let mut heap = SizeClasses::new(Arena::new(16));
        let block = heap.alloc(layout(10, 2));
        fill(block, 10, 7);
        // Within the 16 B class: the same block.
        // SAFETY: `block` is live with layout (10, 2); the result replaces it.
        let same = unsafe { heap.realloc(block, layout(10, 2), 16) };
        assert_eq!(same, block);
        // SAFETY: as above, with the layout it now has.
        let grown = unsafe { heap.realloc(same, layout(16, 2), 300_000) };
        assert_ne!(grown, block);
        assert!(holds(grown, 10, 7));
        fill(grown, 300_000, 9);
        // SAFETY: as above.
        let shrunk = unsafe { heap.realloc(grown, layout(300_000, 2), 40) };
        assert_ne!(shrunk, grown, "a block shrunk to another class moves, so its class keeps it");
        assert!(holds(shrunk, 40, 9));
        // The 16 B block went back to its list, the large one to its own.
        assert_eq!(heap.alloc(layout(1, 1)), block);
        assert_eq!(heap.alloc(layout(262_145, 1)), grown);
    }

    #[test]
    fn realloc_failure_leaves_the_block_alone() {
        let mut heap = SizeClasses::new(Arena::new(2));
        let block = heap.alloc(layout(100, 1));
        fill(block, 100, 3);
        // SAFETY: `block` is live with layout (100, 1).
        let failed = unsafe { heap.realloc(block, layout(100, 1), 10 * PAGE) };
        assert!(failed.is_null());
        assert!(holds(block, 100, 3));
    }

    #[test]
    fn large_blocks_take_whole_pages() {
        let mut heap = SizeClasses::new(Arena::new(64));
        let big = heap.alloc(layout(PAGE + 1, 1));
        assert_eq!(big as usize % PAGE, 0);
        assert_eq!(heap.memory().bytes(), 2 * PAGE);
        fill(big, PAGE + 1, 5);
        let bigger = heap.alloc(layout(1 << 20, 8));
        assert_eq!(bigger as usize % PAGE, 0);
        fill(bigger, 1 << 20, 6);
        assert!(holds(big, PAGE + 1, 5) && holds(bigger, 1 << 20, 6));
        assert_eq!(heap.memory().bytes(), 2 * PAGE + (1 << 20));
        // SAFETY: live blocks of `heap` with their layouts, not used again.
        unsafe {
            heap.dealloc(big, layout(PAGE + 1, 1));
            heap.dealloc(bigger, layout(1 << 20, 8));
        }
        assert_eq!(heap.alloc(layout(100_000, 1)), big);
        assert_eq!(heap.alloc(layout(600_000, 1)), bigger);
        assert_eq!(heap.memory().bytes(), 2 * PAGE + (1 << 20));
    }

    #[test]
    fn out_of_memory_and_oversized_requests_give_null() {
        let mut heap = SizeClasses::new(Arena::new(2));
        assert!(heap.alloc(layout(3 * PAGE, 1)).is_null());
        assert!(heap.alloc(layout(MAX_BLOCK + 1, 1)).is_null());
        assert!(heap.alloc(layout(8, 2 * PAGE)).is_null());
        // The memory is still usable afterwards.
        assert!(!heap.alloc(layout(2 * PAGE, 1)).is_null());
        assert!(heap.alloc(layout(16, 1)).is_null());
    }

    #[test]
    fn an_area_that_does_not_follow_the_last_one_replaces_it() {
        let mut heap = SizeClasses::new(Arena::new(8));
        let a = heap.alloc(layout(PAGE / 2, 1));
        heap.memory.skip_next = 1;
        let b = heap.alloc(layout(PAGE, 1));
        // SAFETY: page 2 is inside the arena.
        assert_eq!(b, unsafe { heap.memory().base.add(2 * PAGE) });
        let c = heap.alloc(layout(16, 1));
        // SAFETY: page 3 is inside the arena.
        assert_eq!(c, unsafe { heap.memory().base.add(3 * PAGE) });
        assert!(!a.is_null());
    }

    /// The property the benchmarks check in wasm: after a first round, the same pattern of
    /// allocations and frees (here mixed sizes, a Vec growing to 64 KiB by doubling, and a
    /// string growing through many small steps) never grows the memory again.
    #[test]
    fn repeating_the_same_work_does_not_grow_the_memory() {
        let mut heap = SizeClasses::new(Arena::new(64));
        let round = |heap: &mut SizeClasses<Arena>, n: u8| {
            let mut held = Vec::new();
            for (i, size) in [24, 7, 130, 64, 1000, 3, 5000, 48, 17, 70_000].into_iter().enumerate() {
                let block = heap.alloc(layout(size, 1 << (i % 4)));
                fill(block, size, n);
                held.push((block, size, 1 << (i % 4)));
            }
            // A Vec<u8> pushed to 64 KiB: capacity 8, 16, 32, …, 65536.
            let mut cap = 8;
            let mut vec = heap.alloc(layout(cap, 1));
            while cap < PAGE {
                // SAFETY: `vec` is live with layout (cap, 1); the result replaces it.
                vec = unsafe { heap.realloc(vec, layout(cap, 1), cap * 2) };
                assert!(!vec.is_null());
                cap *= 2;
                fill(vec, cap, n);
            }
            // A String grown a few bytes at a time, as the JSON writer does.
            let mut len = 5;
            let mut text = heap.alloc(layout(len, 1));
            while len < 3000 {
                // SAFETY: `text` is live with layout (len, 1); the result replaces it.
                text = unsafe { heap.realloc(text, layout(len, 1), len + 37) };
                len += 37;
            }
            for (block, size, align) in held.iter().copied().rev().step_by(2) {
                assert!(holds(block, size, n));
                // SAFETY: a live block of `heap` with its layout, not used again.
                unsafe { heap.dealloc(block, layout(size, align)) };
            }
            // SAFETY: live blocks of `heap` with their layouts, not used again.
            unsafe {
                heap.dealloc(vec, layout(cap, 1));
                heap.dealloc(text, layout(len, 1));
            }
            for (block, size, align) in held.iter().copied().step_by(2) {
                // SAFETY: the blocks not freed by the loop above, with their layouts.
                unsafe { heap.dealloc(block, layout(size, align)) };
            }
        };
        round(&mut heap, 0);
        let after_first = heap.memory().bytes();
        assert!(after_first > 0);
        for n in 1..=1000 {
            round(&mut heap, n as u8);
            assert_eq!(heap.memory().bytes(), after_first, "memory grew in round {n}");
        }
    }

    /// Random allocations, reallocations and frees: every live block keeps its contents and
    /// alignment, and live blocks never overlap.
    #[test]
    fn random_work_keeps_blocks_apart_and_intact() {
        let mut heap = SizeClasses::new(Arena::new(1024));
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut random = move |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        let mut live: Vec<(*mut u8, usize, usize, u8)> = Vec::new();
        for step in 0..20_000 {
            let tag = step as u8;
            let size = match random(10) {
                0 => random(70_000),
                1..=3 => random(2000),
                _ => random(100),
            };
            match random(3) {
                0 if !live.is_empty() => {
                    let (block, old, align, seed) = live.swap_remove(random(live.len()));
                    assert!(holds(block, old, seed));
                    // SAFETY: a live block of `heap` with its layout, not used again.
                    unsafe { heap.dealloc(block, layout(old, align)) };
                }
                1 if !live.is_empty() => {
                    let at = random(live.len());
                    let (block, old, align, seed) = live[at];
                    // SAFETY: a live block of `heap` with its layout; the result replaces it.
                    let moved = unsafe { heap.realloc(block, layout(old, align), size) };
                    assert!(!moved.is_null() && moved as usize % align == 0);
                    assert!(holds(moved, old.min(size), seed));
                    fill(moved, size, tag);
                    live[at] = (moved, size, align, tag);
                }
                _ => {
                    let align = 1 << random(8);
                    let block = heap.alloc(layout(size, align));
                    assert!(!block.is_null() && block as usize % align == 0);
                    fill(block, size, tag);
                    live.push((block, size, align, tag));
                }
            }
        }
        let mut spans: Vec<(usize, usize)> = live.iter().map(|&(b, s, _, _)| (b as usize, b as usize + s)).collect();
        spans.sort();
        assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "live blocks overlap");
        for &(block, size, _, seed) in &live {
            assert!(holds(block, size, seed));
        }
    }
}
