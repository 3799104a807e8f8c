//! Draws the sample site's photos: abstract pictures of a conference hall, a
//! flag of emulation and a signing table, made with the `image` crate (no
//! photo from elsewhere). Deterministic: the same bytes on every run.
//!
//! ```sh
//! cargo run --example draw_sample_photos     # writes under content/
//! ```

use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::{Rgb, RgbImage};

const W: u32 = 1200;
const H: u32 = 800;

/// A small deterministic noise, so the pictures compress like photos.
fn grain(x: u32, y: u32, seed: u32) -> i32 {
    let mut v =
        x.wrapping_mul(73_856_093) ^ y.wrapping_mul(19_349_663) ^ seed.wrapping_mul(83_492_791);
    v ^= v >> 13;
    v = v.wrapping_mul(0x5bd1_e995);
    v ^= v >> 15;
    (v % 13) as i32 - 6
}

fn shade(c: [u8; 3], d: i32) -> Rgb<u8> {
    let f = |v: u8| (i32::from(v) + d).clamp(0, 255) as u8;
    Rgb([f(c[0]), f(c[1]), f(c[2])])
}

fn rect(img: &mut RgbImage, x0: u32, y0: u32, x1: u32, y1: u32, c: [u8; 3], seed: u32) {
    for y in y0..y1.min(img.height()) {
        for x in x0..x1.min(img.width()) {
            img.put_pixel(x, y, shade(c, grain(x, y, seed)));
        }
    }
}

fn disc(img: &mut RgbImage, cx: i32, cy: i32, r: i32, c: [u8; 3], seed: u32) {
    for y in (cy - r).max(0)..(cy + r).min(img.height() as i32) {
        for x in (cx - r).max(0)..(cx + r).min(img.width() as i32) {
            if (x - cx).pow(2) + (y - cy).pow(2) <= r * r {
                img.put_pixel(
                    x as u32,
                    y as u32,
                    shade(c, grain(x as u32, y as u32, seed)),
                );
            }
        }
    }
}

/// A five-pointed star centred on (cx, cy).
fn star(img: &mut RgbImage, cx: f32, cy: f32, r: f32, c: [u8; 3]) {
    let points: Vec<(f32, f32)> = (0..10)
        .map(|i| {
            let a = std::f32::consts::PI * (i as f32) / 5.0 - std::f32::consts::FRAC_PI_2;
            let rr = if i % 2 == 0 { r } else { r * 0.38 };
            (cx + rr * a.cos(), cy + rr * a.sin())
        })
        .collect();
    let inside = |x: f32, y: f32| {
        let mut c = false;
        let mut j = points.len() - 1;
        for i in 0..points.len() {
            let (xi, yi) = points[i];
            let (xj, yj) = points[j];
            if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
                c = !c;
            }
            j = i;
        }
        c
    };
    for y in (cy - r) as u32..(cy + r) as u32 {
        for x in (cx - r) as u32..(cx + r) as u32 {
            if inside(x as f32, y as f32) {
                img.put_pixel(x, y, Rgb(c));
            }
        }
    }
}

fn hall() -> RgbImage {
    let mut img = RgbImage::new(W, H);
    rect(&mut img, 0, 0, W, H, [214, 206, 190], 1); // walls
    rect(&mut img, 150, 60, 1050, 330, [168, 24, 28], 2); // backdrop
    star(&mut img, 600.0, 170.0, 80.0, [250, 214, 40]);
    rect(&mut img, 100, 330, 1100, 400, [120, 82, 50], 3); // stage
    rect(&mut img, 520, 250, 680, 360, [140, 96, 60], 4); // podium
    disc(&mut img, 600, 232, 22, [60, 50, 45], 5); // speaker
    for row in 0..5u32 {
        for seat in 0..14u32 {
            let x = 90 + seat * 75 + (row % 2) * 20;
            let y = 450 + row * 70;
            rect(&mut img, x, y, x + 55, y + 45, [40, 62, 110], 6 + row);
            disc(
                &mut img,
                (x + 27) as i32,
                (y - 8) as i32,
                14,
                [45, 40, 38],
                20 + seat,
            );
        }
    }
    img
}

fn flag() -> RgbImage {
    let mut img = RgbImage::new(W, H);
    rect(&mut img, 0, 0, W, H, [236, 232, 224], 7);
    rect(&mut img, 200, 80, 212, 760, [150, 120, 60], 8); // pole
    rect(&mut img, 212, 100, 1000, 560, [190, 20, 30], 9); // flag
    for x in (212..1000).step_by(16) {
        rect(&mut img, x, 560, x + 8, 600, [240, 200, 50], 10); // fringe
    }
    star(&mut img, 606.0, 330.0, 150.0, [252, 220, 50]);
    img
}

fn signing() -> RgbImage {
    let mut img = RgbImage::new(W, H);
    rect(&mut img, 0, 0, W, H, [200, 196, 186], 11);
    rect(&mut img, 0, 0, W, 120, [168, 24, 28], 12); // banner
    rect(&mut img, 100, 420, 1100, 560, [110, 70, 40], 13); // table
    rect(&mut img, 100, 420, 1100, 440, [230, 230, 230], 14); // cloth
    for i in 0..5u32 {
        let cx = 200 + i * 200;
        disc(&mut img, cx as i32, 300, 45, [50, 44, 40], 30 + i); // heads
        rect(&mut img, cx - 70, 345, cx + 70, 430, [35, 58, 100], 40 + i); // shoulders
        rect(
            &mut img,
            cx - 50,
            450,
            cx + 50,
            520,
            [250, 250, 245],
            50 + i,
        ); // papers
        rect(&mut img, cx + 10, 470, cx + 14, 510, [20, 20, 120], 60 + i); // pen
    }
    img
}

fn save(img: &RgbImage, path: &Path) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("make the folder");
    }
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, 82)
        .encode_image(img)
        .expect("encode");
    std::fs::write(path, &bytes).expect("write");
    println!("{} ({} KB)", path.display(), bytes.len() / 1024);
}

fn main() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    save(
        &hall(),
        &content.join("cum-2/2023-tong-ket/anh/quang-canh-hoi-nghi.jpg"),
    );
    save(
        &flag(),
        &content.join("cum-2/2023-tong-ket/anh/co-thi-dua.jpg"),
    );
    save(
        &signing(),
        &content.join("cum-2/2024-ky-ket/anh/ky-ket-giao-uoc.jpg"),
    );
    save(
        &hall(),
        &content.join("cum-5/2022-tong-ket/anh/hoi-truong.jpg"),
    );
    save(
        &flag(),
        &content.join("cum-2/2017-tong-ket/anh/co-thi-dua.jpg"),
    );
    save(
        &signing(),
        &content.join("tinh/2022-tong-ket/anh/phat-dong.jpg"),
    );
}
