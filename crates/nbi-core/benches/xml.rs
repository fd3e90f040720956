//! The hardened XML reader on a CMS-size reply (an rpc-reply listing twelve ONTs, 8.7 KB), in
//! replies per second. The seed's parser, defusedxml, reads about 8,100 such replies/s on this
//! kind of machine; `bench/defusedxml_rate.py` measures it on the same file, and `bench/run`
//! takes both figures in one run.
//!
//! `cargo bench -p nbi-core --bench xml`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nbi_core::XmlLimits;

const REPLY: &[u8] = include_bytes!("fixtures/cms_ont_reply.xml");

fn bench(c: &mut Criterion) {
    let limits = XmlLimits::default();
    let mut group = c.benchmark_group("xml_reader");
    // One element per reply, so criterion's "elem/s" reads as replies per second.
    group.throughput(Throughput::Elements(1));
    group.bench_function("cms_ont_reply_8k", |b| {
        b.iter(|| nbi_core::xml::parse(black_box(REPLY), &limits).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
