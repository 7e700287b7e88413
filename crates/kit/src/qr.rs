//! QR codes as inline SVG (authenticator enrolment now; guide pages and certificates later).

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use crate::error::Error;

/// An SVG QR code for `data`, with a quiet zone, suitable for inline HTML.
pub fn svg(data: &str) -> Result<String, Error> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| Error::Internal(format!("qr: {e}")))?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build())
}

/// A black-and-white PNG QR code for `data`: `scale` pixels per module and a four-module quiet
/// zone. Encoded here (1-bit greyscale, one zlib stream through `flate2`) rather than with an
/// image crate: the format needs only a header, the pixel rows and checksums.
pub fn png(data: &str, scale: usize) -> Result<Vec<u8>, Error> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| Error::Internal(format!("qr: {e}")))?;
    let modules = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let side = (modules + 2 * quiet) * scale;
    let row_bytes = side.div_ceil(8);
    let mut raw = Vec::with_capacity((row_bytes + 1) * side);
    for y in 0..side {
        raw.push(0); // filter: none
        let my = (y / scale).checked_sub(quiet).filter(|m| *m < modules);
        let mut byte = 0u8;
        for x in 0..side {
            let mx = (x / scale).checked_sub(quiet).filter(|m| *m < modules);
            let dark = matches!((mx, my), (Some(mx), Some(my)) if colors[my * modules + mx] == qrcode::Color::Dark);
            // 1 is white in greyscale.
            if !dark {
                byte |= 0x80 >> (x % 8);
            }
            if x % 8 == 7 || x + 1 == side {
                raw.push(byte);
                byte = 0;
            }
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut z, &raw).map_err(|e| Error::Internal(format!("png: {e}")))?;
    let idat = z
        .finish()
        .map_err(|e| Error::Internal(format!("png: {e}")))?;
    let side = u32::try_from(side).map_err(|_| Error::Internal("png: too large".into()))?;
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&[1, 0, 0, 0, 0]); // 1 bit, greyscale, deflate, no filter, no interlace
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    Ok(out)
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_png_is_a_well_formed_square_image() {
        let png = super::png("https://example.org/items/1", 4).unwrap_or_default();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        let height = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
        assert_eq!(width, height);
        assert_eq!(width % 4, 0);
        assert!(
            png.ends_with(&[0xae, 0x42, 0x60, 0x82]),
            "IEND chunk with its CRC"
        );
    }
}
