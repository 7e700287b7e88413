//! Recognising uploads by their first bytes. A file's name and the browser's Content-Type are
//! chosen by the sender, so the platform never believes them.

use super::FileType;

/// The PNG signature (ISO/IEC 15948 §5.2).
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
/// A ZIP local file header.
const ZIP: &[u8] = b"PK\x03\x04";
/// GB/T 33190-2016 puts the package entry file `OFD.xml` at the container's root; ZIP writers
/// place early entries' names near the start, so looking this far is enough for real OFD files.
const OFD_WINDOW: usize = 4096;

impl FileType {
    /// The kind of file these bytes are, or `None` when they are none of the kinds the platform
    /// accepts. Any ZIP is not an OFD: a ZIP without `OFD.xml` near its start (a renamed Word
    /// file, an archive) is refused.
    pub fn sniff(bytes: &[u8]) -> Option<FileType> {
        if bytes.starts_with(b"%PDF-") {
            Some(FileType::Pdf)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileType::Jpeg)
        } else if bytes.starts_with(PNG) {
            Some(FileType::Png)
        } else if bytes.starts_with(ZIP) && is_ofd_package(bytes) {
            Some(FileType::Ofd)
        } else {
            None
        }
    }

    /// The media type to send with the file.
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Ofd => "application/ofd",
        }
    }
}

fn is_ofd_package(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(OFD_WINDOW)];
    head.windows(b"OFD.xml".len()).any(|w| w == b"OFD.xml")
}
