//! The text inside a share link: `<version>.<base64url(deflate-raw(text))>`.
//!
//! Share links (`#/rules?state=…`) and exercise links (`#/embed?exercise=…`) carry a JSON text
//! this way. The fragment never reaches a server. The leading number is the format version, so
//! links made today keep opening after the format changes, and links from a newer playground
//! are refused with a reason instead of being misread. Decoding is bounded (input length and
//! inflated size), so a hostile link cannot hang or exhaust the page.
//!
//! Compression is the browser's own `CompressionStream("deflate-raw")` (no deflate compiled
//! into the wasm); links made before, with a compiled-in raw deflate, are the same format and
//! keep opening. Everything but the (de)compression is plain Rust, tested natively.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// The format this build writes.
pub const CURRENT_VERSION: u32 = 1;

/// Why a link could not be opened. The message is for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError(String);

impl LinkError {
    pub fn new(message: impl Into<String>) -> LinkError {
        LinkError(message.into())
    }

    pub fn message(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a link carries, for messages ("This link's playground state is damaged").
#[derive(Debug, Clone, Copy)]
pub struct Payload {
    /// `"playground state"`, `"exercise"`.
    pub name: &'static str,
    /// Longest encoded value accepted (characters).
    pub max_encoded: usize,
    /// Largest text it may inflate to; a zip bomb stops here.
    pub max_decoded: usize,
}

/// Why the browser could not inflate the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InflateError {
    /// More than the allowed number of bytes came out.
    TooLarge,
    /// Not a valid deflate stream (cut short, or not compressed at all).
    Damaged,
}

/// Checks the version and length and decodes the base64: the compressed bytes.
pub fn compressed_bytes(encoded: &str, payload: Payload) -> Result<Vec<u8>, LinkError> {
    let name = payload.name;
    if encoded.len() > payload.max_encoded {
        return Err(LinkError(format!(
            "This link is too long to open ({} KB; at most {} KB).",
            encoded.len() / 1024,
            payload.max_encoded / 1024
        )));
    }
    let Some((version, data)) = encoded.split_once('.') else {
        return Err(LinkError(format!(
            "This link's {name} is damaged (no format version)."
        )));
    };
    let version: u32 = version.parse().map_err(|_| {
        LinkError(format!(
            "This link's {name} is damaged (bad format version)."
        ))
    })?;
    match version {
        CURRENT_VERSION => URL_SAFE_NO_PAD.decode(data).map_err(|_| {
            LinkError(format!(
                "This link's {name} is damaged (it is not valid URL-safe base64; was the link cut short?)."
            ))
        }),
        newer if newer > CURRENT_VERSION => Err(LinkError(format!(
            "This link was made by a newer version of the playground (format {newer}); reload the page to update, then open it again."
        ))),
        other => Err(LinkError(format!(
            "This link uses format {other}, which this playground does not know."
        ))),
    }
}

/// The text from what inflating gave.
pub fn inflated_text(
    inflated: Result<Vec<u8>, InflateError>,
    payload: Payload,
) -> Result<String, LinkError> {
    let name = payload.name;
    match inflated {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| LinkError(format!("This link's {name} is damaged (not text)."))),
        Err(InflateError::TooLarge) => Err(LinkError(format!(
            "This link's {name} is larger than {} MB and was not opened.",
            payload.max_decoded / (1024 * 1024)
        ))),
        Err(InflateError::Damaged) => Err(LinkError(format!(
            "This link's {name} is damaged (it does not decompress; was the link cut short?)."
        ))),
    }
}

/// The link value for already compressed bytes.
pub fn encoded_value(compressed: &[u8]) -> String {
    format!("{CURRENT_VERSION}.{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// Decodes a link value into its text, inflating with the browser.
pub async fn decode(encoded: &str, payload: Payload) -> Result<String, LinkError> {
    let compressed = compressed_bytes(encoded, payload)?;
    let inflated = browser::inflate_raw(&compressed, payload.max_decoded).await;
    inflated_text(inflated, payload)
}

/// Encodes a text as a link value, compressing with the browser.
pub async fn encode(text: &str) -> Result<String, LinkError> {
    let compressed = browser::deflate_raw(text.as_bytes()).await.map_err(|()| {
        LinkError::new("This browser could not compress the link (it lacks CompressionStream).")
    })?;
    Ok(encoded_value(&compressed))
}

mod browser {
    use js_sys::Uint8Array;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;

    use super::InflateError;

    // Streams read chunk by chunk so that inflating stops as soon as the limit is passed.
    #[wasm_bindgen(inline_js = r#"
export async function inflate_raw(bytes, limit) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) { await reader.cancel(); return 'too-large'; }
      chunks.push(value);
    }
  } catch (e) {
    return 'damaged';
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) { out.set(chunk, at); at += chunk.length; }
  return out;
}
export async function deflate_raw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
"#)]
    extern "C" {
        #[wasm_bindgen(js_name = inflate_raw)]
        fn inflate_raw_js(bytes: &[u8], limit: f64) -> js_sys::Promise;
        #[wasm_bindgen(js_name = deflate_raw)]
        fn deflate_raw_js(bytes: &[u8]) -> js_sys::Promise;
    }

    pub async fn inflate_raw(bytes: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
        match JsFuture::from(inflate_raw_js(bytes, limit as f64)).await {
            Ok(value) if value.is_instance_of::<Uint8Array>() => {
                Ok(Uint8Array::from(value).to_vec())
            }
            Ok(value) if value.as_string().as_deref() == Some("too-large") => {
                Err(InflateError::TooLarge)
            }
            _ => Err(InflateError::Damaged),
        }
    }

    pub async fn deflate_raw(bytes: &[u8]) -> Result<Vec<u8>, ()> {
        match JsFuture::from(deflate_raw_js(bytes)).await {
            Ok(value) if value.is_instance_of::<Uint8Array>() => {
                Ok(Uint8Array::from(value).to_vec())
            }
            _ => Err(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATE: Payload = Payload {
        name: "playground state",
        max_encoded: 512 * 1024,
        max_decoded: 4 * 1024 * 1024,
    };

    /// What the browser's inflate gives, done natively with the compiled deflate the links were
    /// first made with (a dev-dependency only).
    fn inflate(bytes: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
        use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};
        decompress_to_vec_with_limit(bytes, limit).map_err(|e| {
            if e.status == TINFLStatus::HasMoreOutput {
                InflateError::TooLarge
            } else {
                InflateError::Damaged
            }
        })
    }

    fn round_trip(encoded: &str) -> Result<String, LinkError> {
        let bytes = compressed_bytes(encoded, STATE)?;
        inflated_text(inflate(&bytes, STATE.max_decoded), STATE)
    }

    fn made_the_old_way(text: &str) -> String {
        encoded_value(&miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9))
    }

    #[test]
    fn links_made_with_the_compiled_deflate_still_open() {
        let text = r#"{"draft":{"pattern":"{\"source\":[\"x\"]}"}} 😀"#;
        let encoded = made_the_old_way(text);
        assert!(
            encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)),
            "URL-safe: {encoded}"
        );
        assert_eq!(round_trip(&encoded).unwrap(), text);
        // A value written by the hand-made base64 of earlier builds.
        assert_eq!(encoded_value(b"hi?"), "1.aGk_");
        assert_eq!(compressed_bytes("1.aGk_", STATE).unwrap(), b"hi?");
    }

    #[test]
    fn damaged_links_are_errors_not_panics() {
        let encoded = made_the_old_way("some state text");
        let cut = &encoded[..encoded.len() / 2];
        for damaged in [
            "",
            "1",
            "1.",
            "x.abc",
            "1.!!!!",
            cut,
            "1.AAAA",
            "1.aGVsbG8",
            "1.a+b/",
        ] {
            let error = round_trip(damaged).unwrap_err();
            assert!(!error.message().is_empty(), "{damaged:?}");
        }
    }

    #[test]
    fn newer_and_unknown_versions_say_why() {
        assert!(round_trip("2.abc")
            .unwrap_err()
            .message()
            .contains("newer version"));
        assert!(round_trip("0.abc")
            .unwrap_err()
            .message()
            .contains("format 0"));
    }

    #[test]
    fn a_zip_bomb_is_refused() {
        let bomb = " ".repeat(STATE.max_decoded * 4);
        let encoded = made_the_old_way(&bomb);
        assert!(
            encoded.len() < STATE.max_encoded,
            "the bomb itself is small"
        );
        assert!(round_trip(&encoded)
            .unwrap_err()
            .message()
            .contains("larger than"));
    }

    #[test]
    fn overlong_links_are_refused_before_decoding() {
        let long = format!("1.{}", "A".repeat(STATE.max_encoded));
        assert!(round_trip(&long)
            .unwrap_err()
            .message()
            .contains("too long"));
    }
}
