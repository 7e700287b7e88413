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
