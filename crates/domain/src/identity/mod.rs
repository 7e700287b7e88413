//! Identity documents and contact details: the checks a number must pass before the platform
//! believes it.

pub mod assurance;
pub mod bank_card;
pub mod credit_code;
pub mod email;
pub mod id_number;
pub mod name;
pub mod phone;

pub use assurance::{Assurance, ProviderAnswer, Required};
pub use bank_card::BankCard;
pub use credit_code::CreditCode;
pub use id_number::ResidentId;
pub use name::PersonName;
pub use phone::Mobile;
