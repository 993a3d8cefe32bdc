//! serde over [`Value`]: data shapes (rule sets, configurations, options)
//! are serde types read from a parsed [`Value`] with [`from_value`], so all
//! JSON goes through the one strict parser of this crate; and [`Value`]
//! itself is `Deserialize`, for values of any shape inside those types.

use core::cell::Cell;
use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

use std::borrow::Cow;

use super::{Number, Value};
use crate::limits::MAX_JSON_DEPTH;

/// Object members in source order, read through serde; a repeated key
/// keeps its first place and its last value, as `JSON.parse` does.
#[derive(Clone, Debug, PartialEq)]
pub struct Members<T>(pub Vec<(String, T)>);

impl<T> Default for Members<T> {
    fn default() -> Self {
        Members(Vec::new())
    }
}

impl<T> Members<T> {
    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets `key`, in its place if present, else at the end.
    pub fn insert(&mut self, key: String, value: T) {
        set(&mut self.0, key, value);
    }
}

/// Sets `key` among `members`: in its place if present, else at the end.
fn set<K: PartialEq, T>(members: &mut Vec<(K, T)>, key: K, value: T) {
    match members.iter_mut().find(|(k, _)| *k == key) {
        Some((_, slot)) => *slot = value,
        None => members.push((key, value)),
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Members<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MembersVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for MembersVisitor<T> {
            type Value = Members<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Members::default();
                while let Some((k, v)) = map.next_entry::<String, T>()? {
                    members.insert(k, v);
                }
                Ok(members)
            }
        }
        d.deserialize_map(MembersVisitor(PhantomData))
    }
}

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Runs a deserialisation one level deeper, failing past `limit` levels:
/// recursive types stay bounded whatever deserialiser reads them.
pub(crate) fn nested<T, E: de::Error>(
    limit: usize,
    f: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    let depth = DEPTH.with(|d| {
        let depth = d.get() + 1;
        d.set(depth);
        depth
    });
    let out = if depth > limit {
        Err(E::custom(format_args!(
            "nested more than {limit} levels deep"
        )))
    } else {
        f()
    };
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    out
}

impl<'de> Deserialize<'de> for Value<'static> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        nested(MAX_JSON_DEPTH, || d.deserialize_any(ValueVisitor))
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Value::deserialize(d)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Value::Number(Number(Cow::Owned(n.to_string()))))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Value::Number(Number(Cow::Owned(n.to_string()))))
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Self::Value, E> {
        Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| E::custom("NaN and Infinity are not JSON numbers"))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Value::String(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Value::String(Cow::Owned(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // A repeated key keeps its place and its last value.
        let mut members = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Value>()? {
            set(&mut members, Cow::Owned(k), v);
        }
        Ok(Value::Object(members))
    }
}

/// Reads a serde type from a JSON value. The error says what is wrong,
/// led by the path to it (`fields.accountNo.check: unknown kind "x"`).
pub fn from_value<'a, T: Deserialize<'a>>(v: &'a Value<'_>) -> Result<T, String> {
    T::deserialize(ValueDeserializer(v)).map_err(|e| e.to_string())
}

/// Why a value does not fit a type, and where: the keys and indexes on
/// the way to it, innermost first.
#[derive(Debug)]
pub struct DeError {
    path: Vec<String>,
    message: String,
}

impl DeError {
    // Not inlined: one copy serves every type read.
    #[inline(never)]
    fn at_key(mut self, key: &str) -> DeError {
        self.path.push(key.to_owned());
        self
    }

    #[inline(never)]
    fn at_index(mut self, i: usize) -> DeError {
        self.path.push(format!("[{i}]"));
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.path.iter().rev().enumerate() {
            if i > 0 && !step.starts_with('[') {
                f.write_str(".")?;
            }
            f.write_str(step)?;
        }
        if !self.path.is_empty() {
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            path: Vec::new(),
            message: msg.to_string(),
        }
    }
}

/// A serde deserialiser over a borrowed [`Value`]. Each typed request
/// accepts only its own JSON type, and a mismatch is one non-generic error,
/// so that every type read through it costs little code. Numbers are never
/// converted to floating point: integers arrive as integers, any other
/// number, where any value is accepted, as its exact text.
struct ValueDeserializer<'a>(&'a Value<'a>);

/// The JSON type of a value, for messages.
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn mismatch(v: &Value, expected: &dyn de::Expected) -> DeError {
    de::Error::custom(format_args!("found {}, expected {expected}", kind(v)))
}

enum Integer {
    Unsigned(u64),
    Signed(i64),
}

fn integer(n: &Number<'_>) -> Option<Integer> {
    let text = n.as_str();
    match text.parse::<u64>() {
        Ok(u) => Some(Integer::Unsigned(u)),
        Err(_) => text.parse::<i64>().ok().map(Integer::Signed),
    }
}

impl ValueDeserializer<'_> {
    /// The value as an integer of type `T`, or why not. Serde's own
    /// integer visitors are never handed a value out of their range, so
    /// their errors (which format floating point) never link.
    fn integer<T: TryFrom<i128>>(&self, expected: &dyn de::Expected) -> Result<T, DeError> {
        let out_of_range = || {
            de::Error::custom(format_args!(
                "found a number out of range, expected {expected}"
            ))
        };
        match self.0 {
            Value::Number(n) => match integer(n) {
                Some(Integer::Unsigned(u)) => {
                    T::try_from(i128::from(u)).map_err(|_| out_of_range())
                }
                Some(Integer::Signed(i)) => T::try_from(i128::from(i)).map_err(|_| out_of_range()),
                None => Err(de::Error::custom(format_args!(
                    "found the number {}, expected {expected}",
                    n.as_str()
                ))),
            },
            v => Err(mismatch(v, expected)),
        }
    }
}

macro_rules! integers {
    ($($method:ident $ty:ty => $visit:ident;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
                let n: $ty = self.integer(&visitor)?;
                visitor.$visit(n)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for ValueDeserializer<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match integer(n) {
                Some(Integer::Unsigned(u)) => visitor.visit_u64(u),
                Some(Integer::Signed(i)) => visitor.visit_i64(i),
                None => visitor.visit_borrowed_str(n.as_str()),
            },
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(_) => self.deserialize_seq(visitor),
            Value::Object(_) => self.deserialize_map(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Bool(b) => visitor.visit_bool(*b),
            v => Err(mismatch(v, &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::String(s) => visitor.visit_borrowed_str(s),
            v => Err(mismatch(v, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    integers! {
        deserialize_u8 u8 => visit_u8;
        deserialize_u16 u16 => visit_u16;
        deserialize_u32 u32 => visit_u32;
        deserialize_u64 u64 => visit_u64;
        deserialize_i8 i8 => visit_i8;
        deserialize_i16 i16 => visit_i16;
        deserialize_i32 i32 => visit_i32;
        deserialize_i64 i64 => visit_i64;
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(Items(items.iter().enumerate())),
            v => Err(mismatch(v, &visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Object(members) => visitor.visit_map(Entries {
                members: members.iter(),
                value: None,
            }),
            v => Err(mismatch(v, &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // Only unit variants, written as their name.
        match self.0 {
            Value::String(s) => visitor.visit_enum(de::value::BorrowedStrDeserializer::new(s)),
            v => Err(mismatch(v, &visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    // Floating point is not read at all (no type here has it); the rest
    // does not occur in the data shapes.
    forward_to_deserialize_any! {
        i128 u128 f32 f64 char bytes byte_buf unit unit_struct tuple tuple_struct
    }
}

struct Items<'a>(core::iter::Enumerate<core::slice::Iter<'a, Value<'a>>>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        self.0
            .next()
            .map(|(i, v)| {
                seed.deserialize(ValueDeserializer(v))
                    .map_err(|e| e.at_index(i))
            })
            .transpose()
    }
}

struct Entries<'a> {
    members: core::slice::Iter<'a, (Cow<'a, str>, Value<'a>)>,
    value: Option<(&'a str, &'a Value<'a>)>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.members.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some((key, v)) => seed
                .deserialize(ValueDeserializer(v))
                .map_err(|e| e.at_key(key)),
            None => Err(de::Error::custom("a value without a key")),
        }
    }
}
