//! Decimals in the data are *strings* (`"0.002"`), never TOML/JSON numbers: a float such as
//! `0.002` is not exact, and a string keeps the plan's figure exactly as written. These helpers
//! refuse numbers, so an editor who drops the quotes gets told.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};

fn parse<E: de::Error>(text: &str) -> Result<Decimal, E> {
    text.trim().parse::<Decimal>().map_err(|_| {
        E::custom(format_args!(
            "`{text}` is not a decimal number (write it like \"0.25\" or \"120000\": digits, one point, no unit)"
        ))
    })
}

struct DecimalString;

impl<'de> Visitor<'de> for DecimalString {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number written as a string, e.g. \"0.002\"")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
        parse(text)
    }
}

/// `Option<Decimal>` from an optional string.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => s.collect_str(&d.normalize()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        struct OptionalDecimal;
        impl<'de> Visitor<'de> for OptionalDecimal {
            type Value = Option<Decimal>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number written as a string, e.g. \"0.002\"")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_str(DecimalString).map(Some)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                parse(text).map(Some)
            }
        }
        d.deserialize_option(OptionalDecimal)
    }
}

/// `BTreeMap<String, Decimal>` from a table of strings (per-industry thresholds).
pub mod map {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &BTreeMap<String, Decimal>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(value.len()))?;
        for (key, d) in value {
            map.serialize_entry(key, &d.normalize().to_string())?;
        }
        map.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, Decimal>, D::Error> {
        struct DecimalMap;
        impl<'de> Visitor<'de> for DecimalMap {
            type Value = BTreeMap<String, Decimal>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a table of decimal strings, e.g. { pubei_tangerine_peel = \"50000000\" }",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = BTreeMap::new();
                while let Some(key) = access.next_key::<String>()? {
                    let value = access.next_value::<DecimalValue>()?;
                    map.insert(key, value.0);
                }
                Ok(map)
            }
        }
        d.deserialize_map(DecimalMap)
    }

    struct DecimalValue(Decimal);

    impl<'de> serde::Deserialize<'de> for DecimalValue {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(DecimalString).map(DecimalValue)
        }
    }
}
