//! Photos: read the header (size, orientation) and make the web versions,
//! when the content is loaded.
//!
//! A photo is decoded, turned upright by its EXIF orientation and written
//! again at a few widths, without any of its metadata (GPS position, camera
//! serial numbers): the encoders write pixels only. The versions are kept in
//! the cache folder (`.baocao-cache/photos/` at the site root), named by the
//! BLAKE3 hash of the original's bytes and of the settings below, so a rebuild
//! only copies them.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, Limits};

/// The widths of the smaller versions, in pixels.
pub const WIDTHS: [u32; 2] = [480, 960];
/// The longest side of the largest version: a sensible screen size.
pub const LARGEST: u32 = 1600;
/// The most pixels a photo may have (a 40-megapixel camera's); more is
/// refused, so that a crafted file cannot make the build allocate gigabytes.
pub const MAX_PIXELS: u64 = 40_000_000;
/// The most memory one decoding may take.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// JPEG quality of the versions.
const QUALITY: u8 = 82;
/// Everything that changes the versions' bytes: part of the cache key.
const SETTINGS: &str = "baocao photos v1; widths 480,960; largest 1600; jpeg q82; catmull-rom";

/// What the pages need to know of a photo, read from its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    /// Upright width and height.
    pub width: u32,
    pub height: u32,
    /// The versions are PNG (the original has transparency), else JPEG.
    pub png: bool,
    /// Each version's width and height, smallest first; the last is the largest.
    pub variants: Vec<(u32, u32)>,
}

impl Info {
    pub fn extension(&self) -> &'static str {
        if self.png {
            "png"
        } else {
            "jpg"
        }
    }

    /// The version shown by default: the largest no wider than 960.
    pub fn default_variant(&self) -> (u32, u32) {
        self.variants
            .iter()
            .rev()
            .find(|(w, _)| *w <= 960)
            .or(self.variants.first())
            .copied()
            .unwrap_or((self.width, self.height))
    }

    /// The smallest version, for thumbnails.
    pub fn smallest(&self) -> (u32, u32) {
        self.variants
            .first()
            .copied()
            .unwrap_or((self.width, self.height))
    }

    pub fn largest(&self) -> (u32, u32) {
        self.variants
            .last()
            .copied()
            .unwrap_or((self.width, self.height))
    }
}

/// The decoding limits of every photo.
fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_alloc = Some(MAX_ALLOC);
    l
}

/// Reads the header of the photo at `path`: its format, size and orientation.
/// The error says what is wrong, in a sentence that follows the file's name.
pub fn read_info(path: &Path) -> Result<Info, String> {
    let reader = ImageReader::open(path)
        .map_err(|e| format!("cannot be read: {e}"))?
        .with_guessed_format()
        .map_err(|e| format!("cannot be read: {e}"))?;
    info_of(reader)
}

fn info_of<R: std::io::BufRead + std::io::Seek>(
    mut reader: ImageReader<R>,
) -> Result<Info, String> {
    let format = reader.format();
    match format {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) => {}
        Some(other) => {
            return Err(format!(
                "is a {} image; baocao takes JPEG, PNG and WebP photos",
                other
                    .extensions_str()
                    .first()
                    .unwrap_or(&"?")
                    .to_uppercase()
            ))
        }
        None => return Err("is not a JPEG, PNG or WebP image".into()),
    }
    reader.limits(limits());
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("cannot be decoded: {e}"))?;
    let (w, h) = decoder.dimensions();
    check_pixels(w, h)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = if swaps(orientation) { (h, w) } else { (w, h) };
    let png = format != Some(ImageFormat::Jpeg) && decoder.color_type().has_alpha();
    Ok(Info {
        width,
        height,
        png,
        variants: variants(width, height),
    })
}

fn check_pixels(w: u32, h: u32) -> Result<(), String> {
    let pixels = u64::from(w) * u64::from(h);
    if w == 0 || h == 0 {
        return Err("has no pixels".into());
    }
    if pixels > MAX_PIXELS {
        return Err(format!(
            "is {w} × {h} pixels ({} megapixels), over the limit of {} megapixels",
            pixels / 1_000_000,
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// Whether the orientation turns the photo a quarter.
fn swaps(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// The versions of an upright `width` × `height` photo: the largest fits in
/// `LARGEST` × `LARGEST`, the others are the `WIDTHS` below it; never upscaled.
pub fn variants(width: u32, height: u32) -> Vec<(u32, u32)> {
    let long = width.max(height);
    let top_w = if long > LARGEST {
        scale(width, LARGEST, long)
    } else {
        width
    };
    let mut out: Vec<(u32, u32)> = WIDTHS
        .iter()
        .filter(|&&w| w < top_w)
        .map(|&w| (w, scale(height, w, width)))
        .collect();
    out.push((top_w, scale(height, top_w, width)));
    out
}

/// `n` × `num` / `den`, rounded, at least 1.
fn scale(n: u32, num: u32, den: u32) -> u32 {
    let v = (u64::from(n) * u64::from(num) + u64::from(den) / 2) / u64::from(den.max(1));
    u32::try_from(v).unwrap_or(u32::MAX).max(1)
}

/// The versions of the photo at `source` in the cache, made now unless they
/// are there already; in the order of `info.variants`.
pub fn cached(cache: &Path, source: &Path, info: &Info) -> Result<Vec<PathBuf>, String> {
    let memo = memo_path(cache, source);
    let names = |key: &str| -> Vec<PathBuf> {
        info.variants
            .iter()
            .map(|(w, _)| cache.join(format!("{key}-{w}.{}", info.extension())))
            .collect()
    };
    // The file's hash, remembered by its path, size and time: a rebuild need
    // not read every original again.
    if let Some(key) = memo.as_ref().and_then(|m| std::fs::read_to_string(m).ok()) {
        let paths = names(key.trim());
        if paths.iter().all(|p| p.is_file()) {
            return Ok(paths);
        }
    }
    let bytes = std::fs::read(source).map_err(|e| format!("cannot be read: {e}"))?;
    let mut hasher = blake3::Hasher::new();
    hasher.update(SETTINGS.as_bytes());
    hasher.update(&bytes);
    let key = hasher.finalize().to_hex()[..32].to_string();
    let paths = names(&key);
    if !paths.iter().all(|p| p.is_file()) {
        std::fs::create_dir_all(cache)
            .map_err(|e| format!("cannot make the cache folder {}: {e}", cache.display()))?;
        make_versions(&bytes, info, &paths)?;
    }
    if let Some(m) = memo {
        let _ = write_atomic(&m, key.as_bytes());
    }
    Ok(paths)
}

/// Where the hash of `source` as it is now (path, size, modification time) is kept.
fn memo_path(cache: &Path, source: &Path) -> Option<PathBuf> {
    let meta = std::fs::metadata(source).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut h = blake3::Hasher::new();
    h.update(SETTINGS.as_bytes());
    h.update(source.as_os_str().as_encoded_bytes());
    h.update(&meta.len().to_le_bytes());
    h.update(&modified.as_nanos().to_le_bytes());
    Some(cache.join(format!("{}.key", &h.finalize().to_hex()[..32])))
}

/// Decodes the original, turns it upright and writes each version to `paths`.
fn make_versions(bytes: &[u8], info: &Info, paths: &[PathBuf]) -> Result<(), String> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot be read: {e}"))?;
    reader.limits(limits());
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("cannot be decoded: {e}"))?;
    let (w, h) = decoder.dimensions();
    check_pixels(w, h)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut img =
        DynamicImage::from_decoder(decoder).map_err(|e| format!("cannot be decoded: {e}"))?;
    img.apply_orientation(orientation);
    // Largest first, each smaller one from the one before: fewer pixels to read.
    for ((vw, vh), path) in info.variants.iter().zip(paths).rev() {
        if img.width() != *vw || img.height() != *vh {
            img = img.resize_exact(*vw, *vh, FilterType::CatmullRom);
        }
        let mut out = Vec::new();
        if info.png {
            let rgba = img.to_rgba8();
            PngEncoder::new(&mut out)
                .write_image(rgba.as_raw(), *vw, *vh, image::ExtendedColorType::Rgba8)
                .map_err(|e| format!("cannot be encoded: {e}"))?;
        } else {
            let rgb = img.to_rgb8();
            JpegEncoder::new_with_quality(&mut out, QUALITY)
                .encode_image(&rgb)
                .map_err(|e| format!("cannot be encoded: {e}"))?;
        }
        write_atomic(path, &out)
            .map_err(|e| format!("cannot write {} into the cache: {e}", path.display()))?;
    }
    Ok(())
}

/// Writes a file under a temporary name and renames it: a build running at
/// the same time never sees half a file.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension(format!(
        "tmp-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_fit_the_largest_size_and_never_upscale() {
        assert_eq!(
            variants(4000, 3000),
            vec![(480, 360), (960, 720), (1600, 1200)]
        );
        assert_eq!(
            variants(3000, 4000),
            vec![(480, 640), (960, 1280), (1200, 1600)]
        );
        assert_eq!(variants(700, 500), vec![(480, 343), (700, 500)]);
        assert_eq!(variants(300, 200), vec![(300, 200)]);
    }

    #[test]
    fn the_pixel_limit_refuses_bombs() {
        assert!(check_pixels(20_000, 20_000).is_err());
        assert!(check_pixels(6000, 4000).is_ok());
        assert!(check_pixels(0, 10).is_err());
    }
}
