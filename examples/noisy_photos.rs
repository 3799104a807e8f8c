//! Writes COUNT noisy camera-sized JPEGs (4000 × 3000 by default, about 4 MB
//! each) for the photo benchmark (bench/photos.sh). Deterministic: photo i
//! has the same bytes on every run.
//!
//! ```sh
//! cargo run --release --example noisy_photos -- OUT_DIR COUNT [WIDTH HEIGHT]
//! ```

use image::codecs::jpeg::JpegEncoder;
use image::{Rgb, RgbImage};
use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: noisy_photos OUT_DIR COUNT [WIDTH HEIGHT]";
    let (Some(out), Some(count)) = (
        args.first(),
        args.get(1).and_then(|c| c.parse::<u32>().ok()),
    ) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let width: u32 = args.get(2).and_then(|w| w.parse().ok()).unwrap_or(4000);
    let height: u32 = args.get(3).and_then(|h| h.parse().ok()).unwrap_or(3000);
    std::fs::create_dir_all(out).expect("make the output folder");
    (0..count).into_par_iter().for_each(|i| {
        let path = std::path::Path::new(out).join(format!("anh-{i:04}.jpg"));
        if path.is_file() {
            return;
        }
        let mut state = 0x9E37_79B9_7F4A_7C15u64 ^ u64::from(i).wrapping_mul(0xD1B5_4A32_D192_ED03);
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let img = RgbImage::from_fn(width, height, |x, y| {
            let n = next();
            let base =
                |v: u32, span: u32, k: u32| ((v * 255 / span.max(1) + k * 40 + i * 7) % 256) as i32;
            let noise = |s: u32| ((n >> s) & 0x1f) as i32 - 16;
            let c = |v: i32| v.clamp(0, 255) as u8;
            Rgb([
                c(base(x, width, 1) + noise(0)),
                c(base(y, height, 2) + noise(8)),
                c(base(x + y, width + height, 3) + noise(16)),
            ])
        });
        let mut bytes = Vec::new();
        JpegEncoder::new_with_quality(&mut bytes, 85)
            .encode_image(&img)
            .expect("encode");
        std::fs::write(&path, &bytes).expect("write");
    });
}
