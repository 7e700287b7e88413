mod support {
    pub use yiwang_testkit::*;
}
