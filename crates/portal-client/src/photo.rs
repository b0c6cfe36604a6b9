//! Preparing a profile photo on this computer: the file is read only when it
//! is small enough, its type comes from its content, its size in pixels from
//! its header, and only then is it decoded, centre-cropped to a square and
//! scaled to [`PHOTO_UPLOAD_SIDE`] pixels, as a PNG.

use std::io::{Cursor, Read};
use std::path::Path;

use image::imageops::FilterType;
use image::{ImageFormat, ImageReader, Limits};
use portal_api::limits::{PHOTO_MAX_BYTES, PHOTO_MIN_SIDE, PHOTO_UPLOAD_SIDE};
use portal_i18n::text;

use crate::error::{Error, Result};

/// Longest side of a picked image, in pixels (a 100-megapixel camera is
/// under this).
pub const PICKED_MAX_SIDE: u32 = 12_000;
/// Most memory decoding a picked image may take.
const DECODE_MAX_ALLOC: u64 = 600 * 1024 * 1024;

/// Reads the image file at `path` and prepares it; see [`prepare_photo`].
pub fn prepare_photo_file(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|error| {
        Error::InvalidPhoto(text(
            "photo-cannot-open",
            &[
                ("path", path.display().to_string().into()),
                ("reason", error.to_string().into()),
            ],
        ))
    })?;
    let mut bytes = Vec::new();
    file.take(PHOTO_MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| {
            Error::InvalidPhoto(text(
                "photo-cannot-read",
                &[
                    ("path", path.display().to_string().into()),
                    ("reason", error.to_string().into()),
                ],
            ))
        })?;
    if bytes.len() > PHOTO_MAX_BYTES {
        let size = std::fs::metadata(path).map(|meta| meta.len()).unwrap_or(0);
        return Err(too_large(size));
    }
    prepare_photo(&bytes)
}

/// The error for an image of `size` bytes, over the most a photo may be.
fn too_large(size: u64) -> Error {
    Error::InvalidPhoto(text(
        "photo-too-large",
        &[
            ("size", megabytes(size).into()),
            ("most", (PHOTO_MAX_BYTES / (1024 * 1024)).into()),
        ],
    ))
}

/// Checks a PNG, JPEG or WebP image and turns it into the square PNG that is
/// uploaded. Refuses other types, images under [`PHOTO_MIN_SIDE`] pixels a
/// side, and files over 5 MB, each with a message that says so.
pub fn prepare_photo(bytes: &[u8]) -> Result<Vec<u8>> {
    if bytes.len() > PHOTO_MAX_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let format = match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)) => format,
        _ => {
            return Err(Error::InvalidPhoto(text("photo-wrong-type", &[])));
        }
    };
    let damaged = |_| Error::InvalidPhoto(text("photo-damaged", &[]));
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(damaged)?;
    if width < PHOTO_MIN_SIDE || height < PHOTO_MIN_SIDE {
        return Err(Error::InvalidPhoto(text(
            "photo-too-small",
            &[
                ("width", width.into()),
                ("height", height.into()),
                ("least", PHOTO_MIN_SIDE.into()),
            ],
        )));
    }
    if width > PICKED_MAX_SIDE || height > PICKED_MAX_SIDE {
        return Err(Error::InvalidPhoto(text(
            "photo-too-big",
            &[
                ("width", width.into()),
                ("height", height.into()),
                ("most", PICKED_MAX_SIDE.into()),
            ],
        )));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(PICKED_MAX_SIDE);
    limits.max_image_height = Some(PICKED_MAX_SIDE);
    limits.max_alloc = Some(DECODE_MAX_ALLOC);
    reader.limits(limits);
    let image = reader.decode().map_err(damaged)?;
    let side = width.min(height);
    let square = image.crop_imm((width - side) / 2, (height - side) / 2, side, side);
    let scaled = square.resize_exact(PHOTO_UPLOAD_SIDE, PHOTO_UPLOAD_SIDE, FilterType::Lanczos3);
    let mut png = Cursor::new(Vec::new());
    scaled
        .to_rgba8()
        .write_to(&mut png, ImageFormat::Png)
        .map_err(Error::local_source)?;
    Ok(png.into_inner())
}

fn megabytes(bytes: u64) -> String {
    format!(
        "{} MB",
        portal_i18n::decimal(bytes as f64 / (1024.0 * 1024.0), 1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GenericImageView, Rgba, RgbaImage};

    fn encode(image: &RgbaImage, format: ImageFormat) -> Vec<u8> {
        let mut bytes = Cursor::new(Vec::new());
        image::DynamicImage::ImageRgba8(image.clone())
            .to_rgb8()
            .write_to(&mut bytes, format)
            .unwrap();
        bytes.into_inner()
    }

    #[test]
    fn wide_images_are_centre_cropped_and_scaled() {
        // 300×100: red left third, green middle, blue right third.
        let wide = RgbaImage::from_fn(300, 100, |x, _| match x {
            0..100 => Rgba([255, 0, 0, 255]),
            100..200 => Rgba([0, 255, 0, 255]),
            _ => Rgba([0, 0, 255, 255]),
        });
        for format in [ImageFormat::Png, ImageFormat::WebP, ImageFormat::Jpeg] {
            let prepared = prepare_photo(&encode(&wide, format)).unwrap();
            assert_eq!(image::guess_format(&prepared).unwrap(), ImageFormat::Png);
            let result = image::load_from_memory(&prepared).unwrap();
            assert_eq!(result.dimensions(), (PHOTO_UPLOAD_SIDE, PHOTO_UPLOAD_SIDE));
            for (x, y) in [(5, 5), (128, 128), (250, 250)] {
                let pixel = result.get_pixel(x, y);
                assert!(
                    pixel[1] > 200 && pixel[0] < 60 && pixel[2] < 60,
                    "{format:?}: only the green middle is kept, got {pixel:?} at {x},{y}"
                );
            }
        }
    }

    #[test]
    fn bad_pictures_are_refused_with_a_reason() {
        let message = |bytes: &[u8]| prepare_photo(bytes).unwrap_err().to_string();
        assert!(message(b"plain text renamed to photo.png").contains("not a PNG, JPEG or WebP"));
        let small = encode(&RgbaImage::new(40, 40), ImageFormat::Png);
        assert!(message(&small).contains("40×40 pixels"));
        let mut truncated = encode(&RgbaImage::new(200, 200), ImageFormat::Png);
        truncated.truncate(60);
        assert!(message(&truncated).contains("damaged"));
        let mut huge = encode(&RgbaImage::new(100, 100), ImageFormat::Png);
        huge.resize(20 * 1024 * 1024, 0);
        assert!(message(&huge).contains("20.0 MB"));
    }
}
