//! Uploads are recognised by their first bytes, never by their names.

use super::*;

#[test]
fn each_accepted_kind_is_recognised_by_its_signature() {
    assert_eq!(FileType::sniff(b"%PDF-1.7\n..."), Some(FileType::Pdf));
    assert_eq!(
        FileType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
        Some(FileType::Jpeg)
    );
    assert_eq!(
        FileType::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        Some(FileType::Png)
    );
}

#[test]
fn a_zip_is_an_ofd_only_when_it_holds_ofd_xml_near_its_start() {
    let mut ofd = b"PK\x03\x04\x14\0\0\0\x08\0".to_vec();
    ofd.extend_from_slice(b"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0OFD.xml");
    assert_eq!(FileType::sniff(&ofd), Some(FileType::Ofd));

    let docx = b"PK\x03\x04\x14\0\x06\0[Content_Types].xml word/document.xml";
    assert_eq!(FileType::sniff(docx), None);

    let mut late = b"PK\x03\x04".to_vec();
    late.resize(5000, b'x');
    late.extend_from_slice(b"OFD.xml");
    assert_eq!(FileType::sniff(&late), None);
}

#[test]
fn anything_else_and_truncated_signatures_are_not_recognised() {
    for bytes in [
        &b""[..],
        b"%PD",
        b"\xFF\xD8",
        b"\x89PNG",
        b"PK",
        b"GIF89a",
        b"<html>%PDF-",
    ] {
        assert_eq!(FileType::sniff(bytes), None, "{bytes:?}");
    }
}

#[test]
fn each_kind_has_a_media_type() {
    let types: Vec<_> = FileType::ALL.iter().map(|t| t.mime()).collect();
    assert_eq!(
        types,
        [
            "application/pdf",
            "image/jpeg",
            "image/png",
            "application/ofd"
        ]
    );
}
