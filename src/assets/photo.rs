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

use crate::messages::Msg;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{
    DynamicImage, ImageBuffer, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, Limits, Pixel,
};

/// The widths of the smaller versions, in pixels.
pub const WIDTHS: [u32; 2] = [480, 960];
/// The longest side of the largest version at most: a sensible screen size.
pub const LARGEST: u32 = 1600;
/// The most pixels a photo may have (a 40-megapixel camera's); more is
/// refused, so that a crafted file cannot make the build allocate gigabytes.
pub const MAX_PIXELS: u64 = 40_000_000;
/// The most memory one decoding may take.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// JPEG quality of the versions.
const QUALITY: u8 = 82;
/// Everything that changes the versions' bytes: part of the cache key.
const SETTINGS: &str =
    "baocao photos v2; widths 480,960; largest: whole-block average into 1600; jpeg q82; catmull-rom";

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
pub fn read_info(path: &Path) -> Result<Info, Msg> {
    let reader = ImageReader::open(path)
        .map_err(|e| msg!("photo-cannot-be-read", error = e.to_string()))?
        .with_guessed_format()
        .map_err(|e| msg!("photo-cannot-be-read", error = e.to_string()))?;
    info_of(reader)
}

fn info_of<R: std::io::BufRead + std::io::Seek>(mut reader: ImageReader<R>) -> Result<Info, Msg> {
    let format = reader.format();
    match format {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) => {}
        Some(other) => {
            return Err(msg!(
                "photo-format-unsupported",
                format = other
                    .extensions_str()
                    .first()
                    .unwrap_or(&"?")
                    .to_uppercase()
            ))
        }
        None => return Err(msg!("photo-not-an-image")),
    }
    reader.limits(limits());
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| msg!("photo-cannot-be-decoded", error = e.to_string()))?;
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

fn check_pixels(w: u32, h: u32) -> Result<(), Msg> {
    let pixels = u64::from(w) * u64::from(h);
    if w == 0 || h == 0 {
        return Err(msg!("photo-no-pixels"));
    }
    if pixels > MAX_PIXELS {
        return Err(msg!(
            "photo-too-large",
            width = w,
            height = h,
            megapixels = pixels / 1_000_000,
            max = MAX_PIXELS / 1_000_000
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

/// The versions of an upright `width` × `height` photo: the largest is the
/// photo shrunk a whole number of times to fit in `LARGEST` × `LARGEST` (a
/// 4000 × 3000 camera photo gives 1333 × 1000: averaging whole blocks is fast
/// and sharp), the others are the `WIDTHS` below it; never upscaled.
pub fn variants(width: u32, height: u32) -> Vec<(u32, u32)> {
    let k = width.max(height).div_ceil(LARGEST).max(1);
    let (top_w, top_h) = ((width / k).max(1), (height / k).max(1));
    let mut out: Vec<(u32, u32)> = WIDTHS
        .iter()
        .filter(|&&w| w < top_w)
        .map(|&w| (w, scale(height, w, width)))
        .collect();
    out.push((top_w, top_h));
    out
}

/// `n` × `num` / `den`, rounded, at least 1.
fn scale(n: u32, num: u32, den: u32) -> u32 {
    let v = (u64::from(n) * u64::from(num) + u64::from(den) / 2) / u64::from(den.max(1));
    u32::try_from(v).unwrap_or(u32::MAX).max(1)
}

/// The photo at `source`: its header's facts and its versions in the cache,
/// made now unless they are there already (in the order of `variants`).
///
/// What a photo is, as of its path, size and modification time, is kept in a
/// small memo beside the versions (the hash of its bytes and its size): a
/// rebuild reads neither the originals nor their headers again.
pub fn prepare(cache: &Path, source: &Path) -> Result<(Info, Vec<PathBuf>), Msg> {
    let memo = memo_path(cache, source);
    let names = |key: &str, info: &Info| -> Vec<PathBuf> {
        info.variants
            .iter()
            .map(|(w, _)| cache.join(format!("{key}-{w}.{}", info.extension())))
            .collect()
    };
    if let Some((key, info)) = memo.as_ref().and_then(|m| read_memo(m)) {
        let paths = names(&key, &info);
        if paths.iter().all(|p| p.is_file()) {
            return Ok((info, paths));
        }
    }
    let info = read_info(source)?;
    let bytes =
        std::fs::read(source).map_err(|e| msg!("photo-cannot-be-read", error = e.to_string()))?;
    let mut hasher = blake3::Hasher::new();
    hasher.update(SETTINGS.as_bytes());
    hasher.update(&bytes);
    let key = hasher.finalize().to_hex()[..32].to_string();
    let paths = names(&key, &info);
    if !paths.iter().all(|p| p.is_file()) {
        std::fs::create_dir_all(cache).map_err(|e| {
            msg!(
                "photo-cache-folder",
                folder = cache.display().to_string(),
                error = e.to_string()
            )
        })?;
        make_versions(&bytes, &info, &paths)?;
    }
    if let Some(m) = memo {
        let line = format!(
            "{key} {} {} {}\n",
            info.width,
            info.height,
            u8::from(info.png)
        );
        let _ = write_atomic(&m, line.as_bytes());
    }
    Ok((info, paths))
}

/// A memo's hash and photo facts.
fn read_memo(path: &Path) -> Option<(String, Info)> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut parts = text.split_whitespace();
    let key = parts.next()?.to_string();
    let width: u32 = parts.next()?.parse().ok()?;
    let height: u32 = parts.next()?.parse().ok()?;
    let png = parts.next()? == "1";
    if key.len() != 32 || !key.bytes().all(|b| b.is_ascii_hexdigit()) || width == 0 || height == 0 {
        return None;
    }
    Some((
        key,
        Info {
            width,
            height,
            png,
            variants: variants(width, height),
        },
    ))
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
fn make_versions(bytes: &[u8], info: &Info, paths: &[PathBuf]) -> Result<(), Msg> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| msg!("photo-cannot-be-read", error = e.to_string()))?;
    reader.limits(limits());
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| msg!("photo-cannot-be-decoded", error = e.to_string()))?;
    let (w, h) = decoder.dimensions();
    check_pixels(w, h)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder)
        .map_err(|e| msg!("photo-cannot-be-decoded", error = e.to_string()))?;
    img.apply_orientation(orientation);
    if info.png {
        let rgba = img.to_rgba8();
        drop(img);
        write_versions(rgba, info, paths, |v, out| {
            PngEncoder::new(out).write_image(
                v.as_raw(),
                v.width(),
                v.height(),
                image::ExtendedColorType::Rgba8,
            )
        })
    } else {
        let rgb = img.into_rgb8();
        write_versions(rgb, info, paths, |v, out| {
            JpegEncoder::new_with_quality(out, QUALITY).encode_image(v)
        })
    }
}

/// Resizes `img` to each version, largest first (each smaller one from the
/// one before: fewer pixels to read), encodes it and writes it to its path.
fn write_versions<P>(
    mut img: ImageBuffer<P, Vec<u8>>,
    info: &Info,
    paths: &[PathBuf],
    encode: impl Fn(&ImageBuffer<P, Vec<u8>>, &mut Vec<u8>) -> image::ImageResult<()>,
) -> Result<(), Msg>
where
    P: Pixel<Subpixel = u8> + 'static,
{
    for ((vw, vh), path) in info.variants.iter().zip(paths).rev() {
        // Halving or more: first the average of each k × k block (fast, and
        // what photo tools call "area" resampling), then a filter for the rest.
        let k = (img.width() / vw).min(img.height() / vh);
        if k >= 2 {
            img = box_reduce(&img, k).ok_or_else(|| msg!("photo-cannot-be-resized"))?;
        }
        if img.width() != *vw || img.height() != *vh {
            img = image::imageops::resize(&img, *vw, *vh, FilterType::CatmullRom);
        }
        let mut out = Vec::new();
        encode(&img, &mut out)
            .map_err(|e| msg!("photo-cannot-be-encoded", error = e.to_string()))?;
        write_atomic(path, &out).map_err(|e| {
            msg!(
                "photo-cache-write",
                file = path.display().to_string(),
                error = e.to_string()
            )
        })?;
    }
    Ok(())
}

/// `img` shrunk `k` times: each pixel the average of a `k` × `k` block (the
/// last columns and rows that make no whole block are left out).
fn box_reduce<P>(img: &ImageBuffer<P, Vec<u8>>, k: u32) -> Option<ImageBuffer<P, Vec<u8>>>
where
    P: Pixel<Subpixel = u8>,
{
    let c = usize::from(P::CHANNEL_COUNT);
    let (w, h) = (img.width() / k, img.height() / k);
    let (k, src_w) = (k as usize, img.width() as usize);
    let src = img.as_raw();
    let row_len = w as usize * c;
    let mut out = vec![0u8; row_len * h as usize];
    let mut acc = vec![0u32; row_len];
    let area = u32::try_from(k * k).ok()?;
    for (oy, orow) in out.chunks_exact_mut(row_len.max(1)).enumerate() {
        acc.fill(0);
        for dy in 0..k {
            let start = (oy * k + dy) * src_w * c;
            let row = src.get(start..start + src_w * c)?;
            for (ox, sum) in acc.chunks_exact_mut(c).enumerate() {
                let block = &row[ox * k * c..(ox * k + k) * c];
                for px in block.chunks_exact(c) {
                    for (s, v) in sum.iter_mut().zip(px) {
                        *s += u32::from(*v);
                    }
                }
            }
        }
        for (o, s) in orow.iter_mut().zip(&acc) {
            *o = u8::try_from((s + area / 2) / area).unwrap_or(u8::MAX);
        }
    }
    ImageBuffer::from_raw(w, h, out)
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
            vec![(480, 360), (960, 720), (1333, 1000)]
        );
        assert_eq!(
            variants(3000, 4000),
            vec![(480, 640), (960, 1280), (1000, 1333)]
        );
        assert_eq!(
            variants(6000, 4000),
            vec![(480, 320), (960, 640), (1500, 1000)]
        );
        assert_eq!(variants(700, 500), vec![(480, 343), (700, 500)]);
        assert_eq!(variants(300, 200), vec![(300, 200)]);
    }

    #[test]
    fn box_reduce_averages_blocks() {
        let img = image::RgbImage::from_fn(5, 4, |x, _| {
            if x % 2 == 0 {
                image::Rgb([0, 100, 255])
            } else {
                image::Rgb([100, 0, 255])
            }
        });
        let small = box_reduce(&img, 2).expect("reduced");
        assert_eq!((small.width(), small.height()), (2, 2));
        assert_eq!(small.get_pixel(1, 1), &image::Rgb([50, 50, 255]));
    }

    #[test]
    fn the_pixel_limit_refuses_bombs() {
        assert!(check_pixels(20_000, 20_000).is_err());
        assert!(check_pixels(6000, 4000).is_ok());
        assert!(check_pixels(0, 10).is_err());
    }
}
