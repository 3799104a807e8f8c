//! Photos and attachments: sites whose write-ups show photos (one turned by
//! its EXIF orientation, one with a GPS position, a PNG) and link documents;
//! and the errors of a missing, corrupt, oversized or escaping file, each at
//! the file and line of its reference.

mod common;

use common::{files, Site};
use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

/// A JPEG of `w` × `h`: red on the left half, blue on the right.
fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, _| {
        if x < w / 2 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .expect("encode");
    out
}

/// An EXIF APP1 segment (big-endian TIFF) holding the orientation tag and,
/// with `gps`, a GPS IFD with a latitude reference and the camera's serial
/// number (tag 0xA431).
fn exif_segment(orientation: u16, gps: bool) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    let entries: u16 = if gps { 3 } else { 1 };
    tiff.extend(entries.to_be_bytes());
    // Orientation: SHORT, 1 value, left-justified in the value field.
    tiff.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff.extend(orientation.to_be_bytes());
    tiff.extend([0, 0]);
    let ifd0_end = 8 + 2 + 12 * u32::from(entries) + 4;
    if gps {
        // Body serial number: ASCII, 4 bytes inline ("SN1\0").
        tiff.extend([0xA4, 0x31, 0, 2, 0, 0, 0, 4]);
        tiff.extend(b"SN1\0");
        // The GPS IFD pointer: LONG, just after IFD0.
        tiff.extend([0x88, 0x25, 0, 4, 0, 0, 0, 1]);
        tiff.extend(ifd0_end.to_be_bytes());
    }
    tiff.extend([0, 0, 0, 0]);
    if gps {
        // GPS IFD: GPSLatitudeRef "N".
        tiff.extend(1u16.to_be_bytes());
        tiff.extend([0x00, 0x01, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
        tiff.extend([0, 0, 0, 0]);
    }
    let mut seg = vec![0xFF, 0xE1];
    let len = u16::try_from(2 + 6 + tiff.len()).expect("small");
    seg.extend(len.to_be_bytes());
    seg.extend(b"Exif\0\0");
    seg.extend(tiff);
    seg
}

/// `jpeg` with an EXIF segment right after the start marker.
fn with_exif(jpeg: &[u8], orientation: u16, gps: bool) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend(exif_segment(orientation, gps));
    out.extend(&jpeg[2..]);
    out
}

/// Whether a JPEG holds an APP1 (EXIF or XMP) segment before its image data.
fn has_app1(bytes: &[u8]) -> bool {
    assert_eq!(&bytes[..2], &[0xFF, 0xD8], "a JPEG");
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        if marker == 0xE1 {
            return true;
        }
        if marker == 0xDA {
            return false;
        }
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        at += 2 + len;
    }
    false
}

fn png(w: u32, h: u32, transparent: bool) -> Vec<u8> {
    let img = RgbaImage::from_fn(w, h, |x, _| {
        Rgba([
            10,
            120,
            (x % 255) as u8,
            if transparent { 128 } else { 255 },
        ])
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgba8)
        .expect("encode");
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A small valid PNG whose header claims `w` × `h` pixels.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = png(2, 2, false);
    // The IHDR chunk: length at 8, type at 12, data at 16 (width, height), CRC at 29.
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

const PAGE: &str = "hoi-nghi/cum-2/hoi-nghi-thu/index.html";

fn writeup_with(front: &str, body: &str) -> String {
    format!("---\ntitle: Hội nghị thử\ndate: 2023-11-25\ncluster: 2\nmembers: [Lai Châu, Điện Biên]\n{front}---\n\n{body}")
}

/// A site whose one write-up shows a turned photo, a photo with a GPS tag and
/// a transparent PNG, and links a PDF and a listed DOCX.
fn photo_site() -> Site {
    let site = Site::new();
    site.write(
        "cum-2/hoi-nghi-thu.md",
        &writeup_with(
            "attachments:\n  - file: Biên bản.docx\n    title: Biên bản hội nghị\n",
            "Quang cảnh:\n\n![Quang cảnh hội nghị](anh/quang-canh.jpg \"Lễ bàn giao\")\n\n\
             Ảnh ký kết ![Ký kết giao ước](ky-ket.jpg) trong đoạn văn.\n\n\
             ![Cờ thi đua](co.png)\n\n\
             Xem [Báo cáo tổng kết](bao-cao.pdf).\n",
        ),
    );
    // Next to the .md, and in the folder of the same name.
    site.write_bytes(
        "cum-2/hoi-nghi-thu/anh/quang-canh.jpg",
        &with_exif(&jpeg(1200, 600), 6, false),
    );
    site.write_bytes("cum-2/ky-ket.jpg", &with_exif(&jpeg(640, 480), 1, true));
    site.write_bytes("cum-2/hoi-nghi-thu/co.png", &png(300, 200, true));
    site.write_bytes("cum-2/hoi-nghi-thu/bao-cao.pdf", b"%PDF-1.4\n%%EOF\n");
    site.write_bytes("cum-2/hoi-nghi-thu/Biên bản.docx", &[7u8; 3000]);
    site
}

#[test]
fn photos_are_turned_resized_stripped_and_linked() {
    let site = photo_site();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = files(&site.out());
    let dir = "hoi-nghi/cum-2/hoi-nghi-thu";
    // Turned upright (1200 × 600 by orientation 6 is 600 × 1200): versions
    // fit 1600, never upscaled.
    for f in [
        "anh/quang-canh-480.jpg",
        "anh/quang-canh-600.jpg",
        "anh/ky-ket-480.jpg",
        "anh/ky-ket-640.jpg",
        "anh/co-300.png",
        "tai-lieu/bao-cao.pdf",
        "tai-lieu/bien-ban.docx",
    ] {
        assert!(out.contains(&format!("{dir}/{f}")), "{f} in {out:?}");
    }
    let turned = image::open(site.out().join(dir).join("anh/quang-canh-600.jpg")).expect("open");
    assert_eq!((turned.width(), turned.height()), (600, 1200));
    // The left half of the original (red) is now the top.
    let rgb = turned.to_rgb8();
    let top = rgb.get_pixel(300, 200);
    let bottom = rgb.get_pixel(300, 1000);
    assert!(top[0] > 150 && top[2] < 100, "top is red: {top:?}");
    assert!(
        bottom[2] > 150 && bottom[0] < 100,
        "bottom is blue: {bottom:?}"
    );
    // No version holds EXIF (the GPS tag and the serial number are gone).
    for f in out.iter().filter(|f| f.ends_with(".jpg")) {
        let bytes = std::fs::read(site.out().join(f)).expect("read");
        assert!(!has_app1(&bytes), "{f} has no APP1 segment");
        assert!(memchr_exif(&bytes).is_none(), "{f} has no Exif header");
    }
    let transparent = image::open(site.out().join(dir).join("anh/co-300.png")).expect("png");
    assert!(
        transparent.color().has_alpha(),
        "a transparent PNG stays PNG"
    );

    let page = site.page(PAGE);
    assert!(
        page.contains("srcset=\"../../../hoi-nghi/cum-2/hoi-nghi-thu/anh/quang-canh-480.jpg 480w, ../../../hoi-nghi/cum-2/hoi-nghi-thu/anh/quang-canh-600.jpg 600w\""),
        "{page}"
    );
    assert!(page.contains("width=\"600\" height=\"1200\""), "{page}");
    assert!(page.contains("alt=\"Quang cảnh hội nghị\""), "{page}");
    assert!(
        page.contains("loading=\"lazy\" decoding=\"async\""),
        "{page}"
    );
    assert!(
        page.contains("<figcaption>Lễ bàn giao</figcaption>"),
        "the title is the caption: {page}"
    );
    assert!(
        page.contains("<figcaption>Cờ thi đua</figcaption>"),
        "else the alt text: {page}"
    );
    // The photo inside a sentence stays inline, linked to its largest version.
    assert!(
        page.contains("Ảnh ký kết <a class=\"photo-link\" href=\"../../../hoi-nghi/cum-2/hoi-nghi-thu/anh/ky-ket-640.jpg\"><img"),
        "{page}"
    );
    assert!(page.contains("Tài liệu đính kèm"), "{page}");
    assert!(
        page.contains("href=\"../../../hoi-nghi/cum-2/hoi-nghi-thu/tai-lieu/bao-cao.pdf\">Báo cáo tổng kết</a> <span class=\"file-meta\">(PDF, 15 B)</span>"),
        "{page}"
    );
    assert!(
        page.contains(">Biên bản hội nghị</a> <span class=\"file-meta\">(DOCX, 3 KB)</span>"),
        "{page}"
    );
    // The dossier shows the same photos from two folders deep.
    let dossier = site.page("cum/cum-2/ho-so.html");
    assert!(
        dossier.contains("src=\"../../hoi-nghi/cum-2/hoi-nghi-thu/anh/quang-canh-600.jpg\""),
        "{dossier}"
    );
    // The cover (the first photo) is the timeline's thumbnail.
    let cluster = site.page("cum/cum-2/index.html");
    assert!(
        cluster.contains(
            "<img class=\"thumb\" src=\"../../hoi-nghi/cum-2/hoi-nghi-thu/anh/quang-canh-480.jpg\""
        ),
        "{cluster}"
    );
    // Listed in the manifest.
    let manifest = site.page("baocao-manifest.json");
    assert!(manifest.contains("anh/quang-canh-480.jpg"), "{manifest}");
    assert!(manifest.contains("tai-lieu/bao-cao.pdf"), "{manifest}");
}

fn memchr_exif(bytes: &[u8]) -> Option<usize> {
    bytes.windows(6).position(|w| w == b"Exif\0\0")
}

#[test]
fn a_second_build_uses_the_cache_and_is_identical() {
    let site = photo_site();
    assert_eq!(site.build(&[]).code, 0);
    let first = site.page("baocao-manifest.json");
    let cache = site.root().join(".baocao-cache/photos");
    let cached = files(&cache);
    assert!(
        cached.iter().filter(|f| f.ends_with(".jpg")).count() >= 4,
        "{cached:?}"
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(first, site.page("baocao-manifest.json"), "byte-identical");
    // Without the cache, the same bytes again.
    std::fs::remove_dir_all(&cache).expect("rm cache");
    assert_eq!(site.build(&[]).code, 0);
    assert_eq!(first, site.page("baocao-manifest.json"));
}

#[test]
fn removed_attachments_vanish_and_dry_run_lists_them() {
    let site = photo_site();
    assert_eq!(site.build(&[]).code, 0);
    site.write(
        "cum-2/hoi-nghi-thu.md",
        &writeup_with("", "Không còn tài liệu.\n"),
    );
    let dry = site.build(&["--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout
            .contains("- hoi-nghi/cum-2/hoi-nghi-thu/tai-lieu/bao-cao.pdf"),
        "{}",
        dry.stdout
    );
    assert_eq!(site.build(&[]).code, 0);
    assert!(!site
        .out()
        .join("hoi-nghi/cum-2/hoi-nghi-thu/tai-lieu/bao-cao.pdf")
        .exists());
}

/// The errors of `check` and `build` for a write-up with this body and
/// front matter: both fail with the same message, and nothing is written.
fn errors(front: &str, body: &str, files: &[(&str, &[u8])]) -> String {
    let site = Site::new();
    site.write("cum-2/a.md", &writeup_with(front, body));
    for (rel, bytes) in files {
        site.write_bytes(rel, bytes);
    }
    let check = site.check(&[]);
    assert_eq!(check.code, 1, "check fails: {}", check.stderr);
    let build = site.build(&[]);
    assert_eq!(build.code, 1, "build fails: {}", build.stderr);
    assert!(!site.out().exists(), "nothing written");
    assert!(build.stderr.contains("gợi ý:"), "{}", build.stderr);
    check.stderr
}

#[test]
fn a_missing_photo_is_an_error_at_its_line_with_the_near_name() {
    let err = errors(
        "",
        "Đoạn một.\n\n![Quang cảnh](anh/anh-1.jpg)\n",
        &[("cum-2/anh/anh-1.JPG", &jpeg(10, 10))],
    );
    assert!(err.contains("content/cum-2/a.md:10:"), "{err}");
    assert!(
        err.contains("lỗi[asset-missing]: không có tệp anh/anh-1.jpg"),
        "{err}"
    );
    assert!(err.contains("có phải là \"anh/anh-1.JPG\"?"), "{err}");
    let err = errors(
        "attachments:\n  - bao-cao.pdf\n",
        "Nội dung.\n",
        &[("cum-2/a/bao-cao-2.pdf", b"%PDF")],
    );
    assert!(err.contains("content/cum-2/a.md:7:"), "{err}");
    assert!(err.contains("có phải là \"bao-cao-2.pdf\"?"), "{err}");
}

#[test]
fn a_corrupt_photo_is_an_error_not_a_panic() {
    let err = errors(
        "",
        "![Ảnh](hong.jpg)\n",
        &[("cum-2/hong.jpg", b"\xFF\xD8\xFF\xE0 not really a jpeg")],
    );
    assert!(err.contains("content/cum-2/a.md:8:"), "{err}");
    assert!(err.contains("lỗi[photo-unusable]: ảnh hong.jpg"), "{err}");
}

#[test]
fn a_decompression_bomb_is_refused() {
    let err = errors(
        "",
        "![Ảnh lớn](lon.png)\n",
        &[("cum-2/lon.png", &png_claiming(20_000, 20_000))],
    );
    assert!(err.contains("content/cum-2/a.md:8:"), "{err}");
    assert!(err.contains("20000 × 20000"), "{err}");
    assert!(err.contains("vượt giới hạn 40 megapixel"), "{err}");
}

#[test]
fn svg_and_escaping_references_are_refused() {
    let err = errors(
        "",
        "![Logo](logo.svg)\n",
        &[("cum-2/logo.svg", b"<svg onload=\"alert(1)\"/>")],
    );
    assert!(
        err.contains("[asset-svg]") && err.contains("SVG") && err.contains("script"),
        "{err}"
    );
    let err = errors("", "[Báo](www.example.vn)\n", &[]);
    assert!(err.contains("[link-not-web-not-writeup]"), "{err}");
    assert!(err.contains("https://www.example.vn"), "{err}");
    let err = errors("", "[Báo](example.vn)\n", &[]);
    assert!(
        err.contains("[asset-type-unpublished]: liên kết example.vn chỉ tới tệp .vn, loại tệp baocao không xuất bản"),
        "{err}"
    );
    assert!(err.contains("https://example.vn"), "{err}");
    let err = errors("", "![Ngoài](../../x.jpg)\n", &[]);
    assert!(
        err.contains("[asset-outside-content]") && err.contains("nằm ngoài thư mục content"),
        "{err}"
    );
    assert!(err.contains("content/cum-2/a.md:8:"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_content_is_refused() {
    let site = Site::new();
    site.write("cum-2/a.md", &writeup_with("", "![Ảnh](bi-mat.jpg)\n"));
    let outside = site.root().join("bi-mat.jpg");
    std::fs::write(&outside, jpeg(10, 10)).expect("write");
    std::os::unix::fs::symlink(&outside, site.root().join("content/cum-2/bi-mat.jpg"))
        .expect("symlink");
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "[asset-symlink-outside]: bi-mat.jpg là liên kết tới một tệp nằm ngoài thư mục content"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/cum-2/a.md:8:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_photo_without_alt_text_is_a_warning() {
    let site = Site::new();
    site.write("cum-2/a.md", &writeup_with("", "![](anh.jpg)\n"));
    site.write_bytes("cum-2/anh.jpg", &jpeg(50, 40));
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("cảnh báo[photo-no-alt]: ảnh anh.jpg không có lời mô tả (alt)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/cum-2/a.md:8:"),
        "{}",
        run.stderr
    );
}

#[test]
fn static_files_are_copied_and_linked_from_the_root() {
    let site = Site::new();
    site.write(
        "cum-2/a.md",
        &writeup_with(
            "",
            "![Logo](/logo.png)\n\n[Quy chế](/tai-lieu/quy-che.pdf)\n",
        ),
    );
    site.write_root("static/logo.png", "png-bytes");
    site.write_root("static/tai-lieu/quy-che.pdf", "%PDF");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.page("logo.png"), "png-bytes");
    let page = site.page("hoi-nghi/cum-2/a/index.html");
    assert!(page.contains("src=\"../../../logo.png\""), "{page}");
    assert!(
        page.contains("href=\"../../../tai-lieu/quy-che.pdf\""),
        "{page}"
    );
    let dossier = site.page("cum/cum-2/ho-so.html");
    assert!(
        dossier.contains("href=\"../../tai-lieu/quy-che.pdf\""),
        "{dossier}"
    );
    // A missing one is an error at its line.
    site.write("cum-2/a.md", &writeup_with("", "![Logo](/khong-co.png)\n"));
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/cum-2/a.md:8:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("static/khong-co.png"), "{}", run.stderr);
}

#[test]
fn the_cover_is_shown_in_the_gallery_and_on_the_home_page() {
    let site = Site::new();
    site.write(
        "cum-2/a.md",
        &writeup_with("cover: a/bia.jpg\n", "Không có ảnh trong bài.\n"),
    );
    site.write_bytes("cum-2/a/bia.jpg", &jpeg(800, 600));
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("hoi-nghi/cum-2/a/index.html");
    assert!(page.contains("<section class=\"gallery\">"), "{page}");
    assert!(page.contains("anh/bia-800.jpg"), "{page}");
    let home = site.page("index.html");
    assert!(
        home.contains("<img class=\"thumb\" src=\"hoi-nghi/cum-2/a/anh/bia-480.jpg\""),
        "{home}"
    );
}

/// The modification times of the cached versions, by file name.
fn cache_times(site: &Site) -> std::collections::BTreeMap<String, std::time::SystemTime> {
    let dir = site.root().join(".baocao-cache/photos");
    files(&dir)
        .into_iter()
        .filter(|f| !f.ends_with(".key"))
        .map(|f| {
            let t = std::fs::metadata(dir.join(&f))
                .and_then(|m| m.modified())
                .expect("mtime");
            (f, t)
        })
        .collect()
}

#[test]
fn the_live_preview_processes_a_new_photo_alone() {
    use baocao::config::{self, Overrides};
    use baocao::live::{LiveSite, Update};
    let site = Site::new();
    site.write("cum-2/a.md", &writeup_with("", "![Một](a/mot.jpg)\n"));
    site.write_bytes("cum-2/a/mot.jpg", &jpeg(700, 500));
    let config = config::load(site.root(), &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    assert!(!live.has_errors(), "{:?}", live.diagnostics);
    let first = cache_times(&site);
    assert_eq!(first.len(), 2, "two versions of mot.jpg: {first:?}");
    // A reference to a photo that is not there yet: an error on the page.
    let md = site.root().join("content/cum-2/a.md");
    site.write(
        "cum-2/a.md",
        &writeup_with("", "![Một](a/mot.jpg)\n\n![Hai](a/hai.jpg)\n"),
    );
    assert_eq!(live.apply(std::slice::from_ref(&md)), Update::Failed);
    assert!(live.diagnostics.iter().any(|d| d.code() == "asset-missing"
        && d.text(baocao::config::Language::En)
            .contains("the file a/hai.jpg does not exist")));
    // The photo arrives: it alone is processed, and the page shows it.
    let added = site.root().join("content/cum-2/a/hai.jpg");
    site.write_bytes("cum-2/a/hai.jpg", &jpeg(900, 600));
    let update = live.apply(std::slice::from_ref(&added));
    assert!(matches!(update, Update::Full { .. }), "{update:?}");
    assert!(!live.has_errors(), "{:?}", live.diagnostics);
    assert!(live.output.contains_key("hoi-nghi/cum-2/a/anh/hai-900.jpg"));
    let page =
        String::from_utf8_lossy(&live.output["hoi-nghi/cum-2/a/index.html"].bytes).into_owned();
    assert!(page.contains("anh/hai-900.jpg"), "{page}");
    let second = cache_times(&site);
    assert_eq!(second.len(), 4, "{second:?}");
    for (name, t) in &first {
        assert_eq!(second.get(name), Some(t), "{name} was not made again");
    }
    // The photo changes (a larger one): its new versions, and only those, are made.
    site.write_bytes("cum-2/a/hai.jpg", &jpeg(1000, 600));
    assert!(matches!(live.apply(&[added]), Update::Full { .. }));
    assert!(live
        .output
        .contains_key("hoi-nghi/cum-2/a/anh/hai-1000.jpg"));
    assert!(!live.output.contains_key("hoi-nghi/cum-2/a/anh/hai-900.jpg"));
    let third = cache_times(&site);
    for (name, t) in &first {
        assert_eq!(third.get(name), Some(t), "{name} was not made again");
    }
    // An edit of the write-up that links a document brings it in.
    site.write(
        "cum-2/a.md",
        &writeup_with(
            "",
            "![Một](a/mot.jpg)\n\n![Hai](a/hai.jpg)\n\n[Tài liệu](a/t.pdf)\n",
        ),
    );
    site.write_bytes("cum-2/a/t.pdf", b"%PDF");
    let update = live.apply(&[md]);
    assert!(matches!(update, Update::Pages { .. }), "{update:?}");
    assert!(live.output.contains_key("hoi-nghi/cum-2/a/tai-lieu/t.pdf"));
}

#[test]
fn a_photo_damaged_past_its_header_is_found_by_check() {
    // A PNG whose header is sound but whose image data is not: only decoding
    // it finds that, and `check` does (the photo is processed when loaded).
    let mut damaged = png(64, 64, false);
    let idat = damaged
        .windows(4)
        .position(|w| w == b"IDAT")
        .expect("an IDAT chunk");
    for b in &mut damaged[idat + 4..idat + 24] {
        *b ^= 0x5A;
    }
    let err = errors(
        "",
        "![Ảnh hỏng](hong.png)\n",
        &[("cum-2/hong.png", &damaged)],
    );
    assert!(err.contains("content/cum-2/a.md:8:"), "{err}");
    assert!(
        err.contains("lỗi[photo-unusable]: ảnh hong.png không giải mã được"),
        "{err}"
    );
}

/// The cover shows as a small thumbnail in the search results too: the index
/// carries its path, width and height, and the file is in the build.
#[test]
fn the_search_index_carries_the_cover_thumbnail() {
    let site = photo_site();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = site.page("tim-kiem/docs/0.js");
    let json = index
        .trim()
        .strip_prefix("BAOCAO_SEARCH.docs(0,")
        .and_then(|s| s.strip_suffix(");"))
        .expect("the docs table of the index");
    let data: serde_json::Value = serde_json::from_str(json).expect("json");
    let doc = data
        .as_array()
        .expect("docs")
        .iter()
        .find(|d| d[0] == "hoi-nghi/cum-2/hoi-nghi-thu/index.html")
        .expect("the write-up's doc");
    let cover = doc[6].as_array().expect("a cover");
    let src = cover[0].as_str().expect("its path");
    assert!(src.starts_with("hoi-nghi/cum-2/hoi-nghi-thu/anh/"), "{src}");
    assert!(site.out().join(src).is_file(), "{src}");
    assert!(
        cover[1].as_u64().is_some_and(|w| w > 0 && w <= 480),
        "{cover:?}"
    );
}
